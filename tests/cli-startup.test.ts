/**
 * How the command starts (speed itself is measured by `npm run bench`, never here): the bundle is one CommonJS
 * file (packages/cli/scripts/build.mjs) that bin/plan-lint.js requires, in the main thread and in each worker
 * thread, with the results of the compiled modules. Nothing is written into the package at run time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  for (const file of ['bin/plan-lint.js', 'bin/package.json', 'package.json']) copyFileSync(path.join(CLI, file), path.join(PKG, file));
  execFileSync(process.execPath, [path.join(CLI, 'scripts/build.mjs'), '--outdir', path.join(PKG, 'dist')], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);
afterAll(() => {
  cleanTemps();
  rmSync(BASE, { recursive: true, force: true });
});

/** Runs a package's bin/plan-lint.js as a user would. */
function run(pkg: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }) {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env['FORCE_COLOR'];
  delete env['NODE_OPTIONS'];
  const r = spawnSync(process.execPath, [path.join(pkg, 'bin/plan-lint.js'), ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Where --debug says the bundle was loaded: 'main' (this thread) or 'worker', in order. */
function bundleNotes(stderr: string): string[] {
  return [...stderr.matchAll(/^plan-lint: debug: (worker: )?bundle loaded in [\d.]+ ms$/gm)].map((m) => (m[1] ? 'worker' : 'main'));
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
  it('is one strict CommonJS file, with a worker entry and an ES module entry beside it, and no code cache', () => {
    const dist = path.join(PKG, 'dist');
    const bundle = readFileSync(path.join(dist, 'plan-lint.cjs'), 'utf8');
    expect(bundle.length).toBeGreaterThan(100_000);
    // Strict, as the ES modules it is made of (the directive opens the code).
    expect(bundle).toMatch(/^"use strict";\n/);
    expect(readdirSync(dist)).toEqual(expect.arrayContaining(['plan-lint-worker.cjs', 'plan-lint.mjs']));
    expect(readdirSync(dist).filter((f) => f.endsWith('.cache'))).toEqual([]);
  });
});

describe('the bundle', () => {
  let dir: string;
  let expected: { code: number; stdout: string };
  beforeAll(() => {
    dir = drafts();
    // The compiled modules, no bundle at all: what every run below must print.
    const compiled = runCli(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    expected = { code: compiled.code, stdout: compiled.stdout };
    expect(expected.code).toBe(1);
  });

  it('runs in the main thread and in every worker with the results of the compiled modules, writing nothing', () => {
    const before = listing(PKG);
    const one = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    expect(bundleNotes(one.stderr)).toEqual(['main']);
    expect(one.stdout).toBe(expected.stdout);
    expect(one.code).toBe(expected.code);
    const pooled = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' } });
    expect(pooled.stderr).toContain('on 3 worker threads (this thread and 2 workers)');
    expect(bundleNotes(pooled.stderr)).toEqual(['main', 'worker', 'worker']);
    expect(pooled.stdout).toBe(expected.stdout);
    // Nothing is written into the package at run time (a read-only install works the same).
    expect(listing(PKG)).toEqual(before);
  });

  it('gives an ES module importer the same command', () => {
    const url = pathToFileURL(path.join(PKG, 'dist/plan-lint.mjs')).href;
    const script = `const cli = await import(${JSON.stringify(url)}); process.exitCode = await cli.main(process.argv.slice(1));`;
    const env: Record<string, string | undefined> = { ...process.env, PLAN_LINT_WORKERS: '0' };
    delete env['FORCE_COLOR'];
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', '-f', 'json', '.'], { cwd: dir, env, encoding: 'utf8' });
    expect(r.stdout).toBe(expected.stdout);
    expect(r.status).toBe(expected.code);
  });

  it('also runs the paths that never lint (--explain reads the docs of the rules package)', () => {
    const r = run(PKG, ['--debug', '--explain', 'ministry-known'], { cwd: dir });
    expect(bundleNotes(r.stderr)).toEqual(['main']);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'rules/ministry-known.md'), 'utf8'));
  });
});

describe('the worker pool', () => {
  it('lints in the main thread too, one worker fewer, with the results of one thread', () => {
    const dir = drafts();
    const single = run(PKG, ['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    const shared = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '2' } });
    expect(shared.stderr).toContain('linting 11 file(s) on 2 worker threads (this thread and 1 worker)');
    expect(bundleNotes(shared.stderr)).toEqual(['main', 'worker']);
    expect(shared.stdout).toBe(single.stdout);
    // PLAN_LINT_POOL_LOCAL=0: workers only, as many as threads.
    const apart = run(PKG, ['--debug', '-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '2', PLAN_LINT_POOL_LOCAL: '0' } });
    expect(apart.stderr).toMatch(/linting 11 file\(s\) on 2 worker threads, \d+ ms after start\n/);
    expect(bundleNotes(apart.stderr)).toEqual(['main', 'worker', 'worker']);
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
