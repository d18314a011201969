/**
 * How the command starts (speed itself is measured by `npm run bench`, never here): the bundle is one ASCII
 * CommonJS file run with V8's code cache made at build time (packages/cli/bin/load-bundle.cjs). The cache is
 * used when it is valid, in the main thread and in worker threads, and ignored — with exactly the same
 * results — when it is missing, truncated, corrupt, made for another bundle, or rejected by V8 (other V8
 * flags). Nothing is written into the package at run time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { LintOutcome } from '../packages/cli/src/lint-task.js';
import { lintOnPool, setWorkerScript, startWorkers } from '../packages/cli/src/pool.js';
import { buildCli, cleanTemps, FIXTURES, ROOT, runCli, tempDir } from './cli-helpers.js';

vi.setConfig({ testTimeout: 180_000 });

const CLI = path.join(ROOT, 'packages/cli');
/** This test's own package layout inside dist/ (so that the data files are found): BASE/pkg/{bin,dist}. */
const BASE = path.join(CLI, 'dist', `.test-startup-${process.pid}`);
const PKG = path.join(BASE, 'pkg');
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const PROBLEMS = readFileSync(path.join(FIXTURES, 'project/drafts/problems.md'), 'utf8');

beforeAll(() => {
  buildCli();
  mkdirSync(path.join(PKG, 'bin'), { recursive: true });
  for (const file of ['plan-lint.js', 'load-bundle.cjs', 'package.json']) copyFileSync(path.join(CLI, 'bin', file), path.join(PKG, 'bin', file));
  execFileSync(process.execPath, [path.join(CLI, 'scripts/build.mjs'), '--outdir', path.join(PKG, 'dist')], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);
afterAll(() => {
  cleanTemps();
  rmSync(BASE, { recursive: true, force: true });
});

/** A copy of the test package (bin and bundle) whose files `change` may alter. */
function variant(name: string, change: (dist: string) => void): string {
  const dir = path.join(BASE, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(PKG, dir, { recursive: true });
  change(path.join(dir, 'dist'));
  return dir;
}

/** Runs a package's bin/plan-lint.js as a user would. */
function run(pkg: string, args: readonly string[], options: { cwd: string; env?: Record<string, string>; nodeArgs?: string[] }) {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env['FORCE_COLOR'];
  delete env['NODE_OPTIONS'];
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), path.join(pkg, 'bin/plan-lint.js'), ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What --debug says of the code cache, in the main thread and in each worker. */
function cacheNotes(stderr: string): string[] {
  return [...stderr.matchAll(/^plan-lint: debug: (worker: )?code cache (.*?)(?: \(bundle: [^)]*\))?$/gm)].map((m) => `${m[1] ?? ''}${m[2]}`);
}

/** A directory with the real report and ten small drafts (enough for the worker pool). */
function drafts(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'report.md'), REPORT);
  for (let i = 0; i < 10; i++) writeFileSync(path.join(dir, `d${i}.md`), i % 2 ? PROBLEMS : PROBLEMS.replace('(NPA)', '(NPA, MOJX)'));
  return dir;
}

const listing = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: false })
    .map(String)
    .sort()
    .map((f) => `${f} ${statSync(path.join(dir, f)).mtimeMs}`);

describe('the bundle the build makes', () => {
  it('is one ASCII file with no dynamic import left, a code cache and a worker entry beside it', () => {
    const dist = path.join(PKG, 'dist');
    const bundle = readFileSync(path.join(dist, 'plan-lint.cjs'));
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle.every((b) => b < 0x80)).toBe(true);
    expect(bundle.toString('latin1')).not.toMatch(/\bimport\(/);
    // Strict, as the ES modules it is made of (the directive opens the code).
    expect(bundle.toString('latin1')).toMatch(/^"use strict";\n/);
    expect(readFileSync(path.join(dist, 'plan-lint.cjs.cache')).subarray(0, 23).toString('latin1')).toBe('plan-lint code cache v1');
    expect(bundle.toString('latin1')).toMatch(/\n\/\/# planLintBundleId=[0-9a-f]{16}\n$/);
    expect(readdirSync(dist)).toEqual(expect.arrayContaining(['plan-lint-worker.cjs', 'plan-lint.mjs']));
  });
});

describe('the code cache', () => {
  let dir: string;
  let expected: { code: number; stdout: string };
  beforeAll(() => {
    dir = drafts();
    // The compiled modules, no bundle at all: what every run below must print.
    const compiled = runCli(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    expected = { code: compiled.code, stdout: compiled.stdout };
    expect(expected.code).toBe(1);
  });

  it('is used when valid, in the main thread and in every worker, with the same results', () => {
    const before = listing(PKG);
    const one = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    expect(cacheNotes(one.stderr)).toEqual(['accepted']);
    expect(one.stdout).toBe(expected.stdout);
    expect(one.code).toBe(expected.code);
    const pooled = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' } });
    expect(pooled.stderr).toContain('on 3 worker threads (this thread and 2 workers)');
    expect(cacheNotes(pooled.stderr)).toEqual(['accepted', 'worker: accepted', 'worker: accepted']);
    expect(pooled.stdout).toBe(expected.stdout);
    // Nothing is written into the package at run time (a read-only install works the same).
    expect(listing(PKG)).toEqual(before);
  });

  const broken: [string, (dist: string) => void, string][] = [
    ['missing', (d) => rmSync(path.join(d, 'plan-lint.cjs.cache')), 'missing'],
    // V8 checks the length and (under --verify-snapshot-checksum) the checksum of its data.
    ['truncated', (d) => truncate(path.join(d, 'plan-lint.cjs.cache'), 0.5), 'rejected'],
    ['corrupt', (d) => scramble(path.join(d, 'plan-lint.cjs.cache')), 'rejected'],
    ['not a cache', (d) => writeFileSync(path.join(d, 'plan-lint.cjs.cache'), 'not a code cache\n'), 'corrupt'],
    ['made for another build', (d) => rebuiltSameLength(path.join(d, 'plan-lint.cjs')), 'stale (made for another build of the bundle)'],
  ];
  for (const [name, change, note] of broken) {
    it(`is ignored when ${name}, with the same results in one thread and on workers`, () => {
      const pkg = variant(name.replace(/\W+/g, '-'), change);
      const one = run(pkg, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
      expect(cacheNotes(one.stderr)).toEqual([note]);
      expect(one.stdout).toBe(expected.stdout);
      expect(one.code).toBe(expected.code);
      const pooled = run(pkg, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' } });
      expect(cacheNotes(pooled.stderr)).toEqual([note, `worker: ${note}`, `worker: ${note}`]);
      expect(pooled.stdout).toBe(expected.stdout);
    });
  }

  it('is rejected by V8 under other V8 flags, with the same results', () => {
    // A budget of the user's own wins over the command's, and V8 refuses a cache made under other flags.
    const r = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' }, nodeArgs: ['--interrupt-budget=100000'] });
    expect(cacheNotes(r.stderr)).toEqual(['rejected', 'worker: rejected', 'worker: rejected']);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.code).toBe(expected.code);
  });

  it('is never run unchecked by an ES module importer of the bundle (no V8 flags of the command)', () => {
    const pkg = variant('corrupt-esm', (d) => scramble(path.join(d, 'plan-lint.cjs.cache')));
    const url = pathToFileURL(path.join(pkg, 'dist/plan-lint.mjs')).href;
    const script = `const cli = await import(${JSON.stringify(url)}); process.exitCode = await cli.main(process.argv.slice(1));`;
    const env: Record<string, string | undefined> = { ...process.env, PLAN_LINT_WORKERS: '0' };
    delete env['FORCE_COLOR'];
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', '--debug', '-f', 'json', '.'], { cwd: dir, env, encoding: 'utf8' });
    expect(cacheNotes(r.stderr)).toEqual(['rejected']);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.status).toBe(expected.code);
  });

  it('can be turned off with PLAN_LINT_CODE_CACHE=0', () => {
    const r = run(PKG, ['--debug', 'report.md'], { cwd: dir, env: { PLAN_LINT_CODE_CACHE: '0' } });
    expect(cacheNotes(r.stderr)).toEqual(['not used']);
    expect(r.stdout).toBe(runCli(['report.md'], { cwd: dir }).stdout);
  });

  it('is reported by --debug of the command the build made', () => {
    // --version, --explain: the paths that never lint still start through the same loader.
    const r = run(PKG, ['--debug', '--explain', 'ministry-known'], { cwd: dir });
    expect(cacheNotes(r.stderr)).toEqual(['accepted']);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'rules/ministry-known.md'), 'utf8'));
  });
});

describe('the worker pool', () => {
  it('lints in the main thread too, one worker fewer, with the results of one thread', () => {
    const dir = drafts();
    const single = run(PKG, ['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    const shared = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '2' } });
    expect(shared.stderr).toContain('linting 11 file(s) on 2 worker threads (this thread and 1 worker)');
    expect(cacheNotes(shared.stderr)).toEqual(['accepted', 'worker: accepted']);
    expect(shared.stdout).toBe(single.stdout);
    // PLAN_LINT_POOL_LOCAL=0: workers only, as many as threads.
    const apart = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '2', PLAN_LINT_POOL_LOCAL: '0' } });
    expect(apart.stderr).toMatch(/linting 11 file\(s\) on 2 worker threads, \d+ ms after start\n/);
    expect(cacheNotes(apart.stderr)).toEqual(['accepted', 'worker: accepted', 'worker: accepted']);
    expect(apart.stdout).toBe(single.stdout);
  });

  it('shares the drafts between this thread and the workers, each once, outcomes in input order', async () => {
    const dir = tempDir();
    // A worker that answers at once, naming itself in each outcome (and with a note in its first reply).
    writeFileSync(
      path.join(dir, 'echo-worker.mjs'),
      "import { parentPort } from 'node:worker_threads'; let note = 'echo';" +
        " parentPort.on('message', (m) => { parentPort.postMessage({ id: m.id, note, outcome: { result: { filePath: m.task.filePath, by: 'worker' } } }); note = undefined; });",
    );
    const tasks = Array.from({ length: 40 }, (_, i) => ({ filePath: `d${i}.md`, text: '', fix: false, keepDocument: false }));
    const seen: { index: number; filePath: string; by: string }[] = [];
    const notes: string[] = [];
    setWorkerScript(pathToFileURL(path.join(dir, 'echo-worker.mjs')));
    try {
      await lintOnPool(
        tasks,
        { planLintWorker: true, resolve: { cwd: dir } },
        3,
        (index, outcome) => seen.push({ index, ...(outcome.result as unknown as { filePath: string; by: string }) }),
        {
          local: (task) => ({ result: { filePath: task.filePath, by: 'local' } as unknown as LintOutcome['result'] }),
          onNote: (note) => notes.push(note),
        },
      );
    } finally {
      setWorkerScript(new URL('../packages/cli/dist/worker.js', import.meta.url));
    }
    expect(seen.map((s) => s.index)).toEqual(tasks.map((_, i) => i));
    expect(seen.map((s) => s.filePath)).toEqual(tasks.map((t) => t.filePath));
    // Two workers (3 threads with this one), each sent drafts before this thread took its first.
    expect(notes).toEqual(['echo', 'echo']);
    expect(seen.filter((s) => s.by === 'worker').length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((s) => s.by === 'local').length).toBeGreaterThanOrEqual(1);
  });
});

describe('workers started ahead (while the main thread reads the drafts)', () => {
  const echo = (dir: string): URL => {
    writeFileSync(
      path.join(dir, 'echo-worker.mjs'),
      "import { parentPort } from 'node:worker_threads'; parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, outcome: { result: { filePath: m.task.filePath } } }));",
    );
    return pathToFileURL(path.join(dir, 'echo-worker.mjs'));
  };
  const tasks = Array.from({ length: 12 }, (_, i) => ({ filePath: `d${i}.md`, text: '', fix: false, keepDocument: false }));
  const setup = (dir: string) => ({ planLintWorker: true as const, resolve: { cwd: dir } });

  it('are taken by the pool (the ones not needed are ended), every draft linted once in order', async () => {
    const dir = tempDir();
    setWorkerScript(echo(dir));
    try {
      const started = await startWorkers(3, setup(dir));
      const exits: number[] = [];
      for (const w of started.workers) w.on('exit', (code) => exits.push(code));
      const seen: string[] = [];
      await lintOnPool(tasks, setup(dir), 2, (_i, o) => seen.push(o.result.filePath), { started });
      expect(seen).toEqual(tasks.map((t) => t.filePath));
      expect(started.workers).toEqual([]);
      // All three end: the pool's two when it is done, the third at once.
      await vi.waitFor(() => expect(exits).toHaveLength(3));
    } finally {
      setWorkerScript(new URL('../packages/cli/dist/worker.js', import.meta.url));
    }
  });

  it('fail the run with one message when one failed before the pool took it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'throws.mjs'), "throw new Error('cannot load the rules');");
    setWorkerScript(pathToFileURL(path.join(dir, 'throws.mjs')));
    try {
      const started = await startWorkers(1, setup(dir));
      await vi.waitFor(() => expect(started.failure()?.message).toBe('a lint worker failed: cannot load the rules'));
      await expect(lintOnPool(tasks, setup(dir), 2, () => undefined, { started })).rejects.toThrow('a lint worker failed: cannot load the rules');
    } finally {
      setWorkerScript(new URL('../packages/cli/dist/worker.js', import.meta.url));
    }
  });

  it('are ended when the run stops before linting (a config error), and the command exits', () => {
    const dir = drafts();
    writeFileSync(path.join(dir, '.plan-lint.json'), '{ "rules": { "ministry-knwn": "error" } }');
    const r = run(PKG, ['.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^plan-lint: Unknown rule 'ministry-knwn'/);
  });
});

function truncate(file: string, fraction: number): void {
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** Flips bytes in the middle of the V8 data (the header stays valid). */
function scramble(file: string): void {
  const bytes = readFileSync(file);
  for (let i = Math.floor(bytes.length / 2); i < bytes.length / 2 + 64; i++) bytes[i] = (bytes[i] as number) ^ 0x5a;
  writeFileSync(file, bytes);
}

/**
 * Makes the bundle another build's, of the same length (V8 alone checks only the length): a comment changed,
 * and the id line the build ends it with made anew.
 */
function rebuiltSameLength(file: string): void {
  const { bundleId, ID_LINE } = createRequire(import.meta.url)('../packages/cli/bin/load-bundle.cjs') as {
    bundleId: (text: string) => string;
    ID_LINE: string;
  };
  const text = readFileSync(file, 'latin1');
  const body = text.slice(0, text.lastIndexOf(ID_LINE));
  const at = body.indexOf('\n// ', body.length / 2) + 4;
  expect(at).toBeGreaterThan(4);
  const edited = `${body.slice(0, at)}#${body.slice(at + 1)}`;
  const rebuilt = `${edited}${ID_LINE}${bundleId(edited)}\n`;
  expect(rebuilt.length).toBe(text.length);
  expect(rebuilt).not.toBe(text);
  writeFileSync(file, rebuilt, 'latin1');
}
