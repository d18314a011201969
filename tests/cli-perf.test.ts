/**
 * What the fast paths of the CLI must not change (speed itself is measured by `npm run bench`, never here):
 * a run over many drafts on worker threads gives the results of a run in one thread, fixes included; the
 * bundle (dist/plan-lint.mjs) behaves as the compiled modules do, finds its data files from wherever it
 * lives, and compiles no JSON Schema at run time; the pool fails a run cleanly when a worker fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { assetRoot, assetUrl, buildConfigSchema, DOCS_BASE_URL, runtimeCompileCount, usePrecompiledValidators, validateConfig } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { lintOnPool, poolSize, setWorkerScript, POOL_THRESHOLD } from '../packages/cli/src/pool.js';
import { buildCli, cleanTemps, FIXTURES, ROOT, runCli, tempDir, type JsonResult } from './cli-helpers.js';

vi.setConfig({ testTimeout: 180_000 });

const PROBLEMS = readFileSync(path.join(FIXTURES, 'project/drafts/problems.md'), 'utf8');
const CLEAN = readFileSync(path.join(FIXTURES, 'project/drafts/clean.md'), 'utf8');
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');

/**
 * A bundle of this test's own (never the one other test files run), in a package layout of its own (its
 * package.json gives the version) inside the repository (it finds @plan-lint/core and @plan-lint/rules there).
 */
const BUNDLE_PKG = path.join(ROOT, 'packages/cli/dist', `.test-bundle-${process.pid}`);
const BUNDLE_DIR = path.join(BUNDLE_PKG, 'dist');

beforeAll(() => {
  buildCli();
  mkdirSync(BUNDLE_PKG, { recursive: true });
  copyFileSync(path.join(ROOT, 'packages/cli/package.json'), path.join(BUNDLE_PKG, 'package.json'));
  execFileSync(process.execPath, [path.join(ROOT, 'packages/cli/scripts/build.mjs'), '--outdir', BUNDLE_DIR], { cwd: ROOT, stdio: 'pipe' });
}, 300_000);
afterAll(() => {
  cleanTemps();
  rmSync(BUNDLE_PKG, { recursive: true, force: true });
});

/** Runs the test bundle's main() as the bin shim would. */
function runBundle(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): { code: number; stdout: string; stderr: string } {
  const script = `const cli = await import(${JSON.stringify(pathToFileURL(path.join(BUNDLE_DIR, 'plan-lint.mjs')).href)}); process.exitCode = await cli.main(process.argv.slice(1));`;
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env['FORCE_COLOR'];
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { cwd: options.cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A directory of `count` drafts: clean ones, ones with errors and fixable problems, one with a BOM and CRLF, a config with overrides. */
function manyDrafts(count: number): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'strict'));
  writeFileSync(
    path.join(dir, '.plan-lint.json'),
    JSON.stringify({ overrides: [{ files: 'strict/', rules: { 'ministry-known': 'off', 'duplicate-report': ['warn', { threshold: 0.8 }] } }] }),
  );
  for (let i = 0; i < count; i++) {
    const name = `d${String(i).padStart(2, '0')}.md`;
    const kind = i % 4;
    const text = kind === 0 ? CLEAN : kind === 1 ? PROBLEMS : kind === 2 ? `\uFEFF${PROBLEMS.replace(/\n/g, '\r\n')}` : PROBLEMS.replace('(NPA)\n- Repeat', '(NPA, MOJX)\n- Repeat');
    writeFileSync(path.join(dir, i % 3 === 0 ? 'strict' : '.', name), text);
  }
  return dir;
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('the worker pool', () => {
  it('is used only for more than a handful of drafts, and at most for as many drafts as there are', () => {
    expect(poolSize(POOL_THRESHOLD, {})).toBe(0);
    expect(poolSize(POOL_THRESHOLD + 1, { PLAN_LINT_WORKERS: '3' })).toBe(3);
    expect(poolSize(POOL_THRESHOLD + 1, { PLAN_LINT_WORKERS: '0' })).toBe(0);
    expect(poolSize(POOL_THRESHOLD + 1, { PLAN_LINT_WORKERS: '1' })).toBe(0);
    expect(poolSize(100, {})).toBeLessThanOrEqual(4);
  });

  it('gives exactly the results of a run in one thread, in every format that lists messages', () => {
    const dir = manyDrafts(14);
    for (const format of ['json', 'stylish', 'sarif']) {
      const pooled = runCli(['-f', format, '--debug', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' } });
      const single = runCli(['-f', format, '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
      expect(pooled.stderr).toContain('linting 14 file(s) on 3 worker threads');
      expect(pooled.code).toBe(single.code);
      expect(pooled.stdout).toBe(single.stdout);
    }
    const results = JSON.parse(runCli(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '3' } }).stdout) as JsonResult[];
    // Every draft once, and the overrides of strict/ applied in the workers too.
    expect(new Set(results.map((r) => r.filePath)).size).toBe(14);
    const ruleIds = (name: string): string[] => results.find((r) => r.filePath === path.join(dir, name))?.messages.map((m) => m.ruleId) ?? [];
    expect(ruleIds('d01.md')).toContain('ministry-known');
    expect(ruleIds(path.join('strict', 'd09.md')).length).toBeGreaterThan(0);
    expect(ruleIds(path.join('strict', 'd09.md'))).not.toContain('ministry-known');
  });

  it('--fix writes the same files as a run in one thread, and --fix-dry-run reports the same output', () => {
    const a = manyDrafts(12);
    const b = manyDrafts(12);
    const pooled = runCli(['--fix', '-f', 'json', '--debug', '.'], { cwd: a, env: { PLAN_LINT_WORKERS: '2' } });
    const single = runCli(['--fix', '-f', 'json', '.'], { cwd: b, env: { PLAN_LINT_WORKERS: '0' } });
    expect(pooled.stderr).toContain('on 2 worker threads');
    expect(pooled.code).toBe(single.code);
    expect(pooled.stdout.split(a).join('<dir>')).toBe(single.stdout.split(b).join('<dir>'));
    const fixedA = filesOf(a);
    expect(fixedA).toEqual(filesOf(b));
    // Something was fixed, and the BOM and CRLF of d02.md survived.
    expect(fixedA.get('d01.md')).toContain('(MOJ)');
    expect(fixedA.get('d02.md')?.startsWith('\uFEFF')).toBe(true);
    expect(fixedA.get('d02.md')).toContain('(MOJ)\r\n');

    const c = manyDrafts(12);
    const dryPooled = runCli(['--fix-dry-run', '-f', 'json', '.'], { cwd: c, env: { PLAN_LINT_WORKERS: '2' } });
    const drySingle = runCli(['--fix-dry-run', '-f', 'json', '.'], { cwd: c, env: { PLAN_LINT_WORKERS: '0' } });
    expect(dryPooled.stdout).toBe(drySingle.stdout);
    expect((JSON.parse(dryPooled.stdout) as JsonResult[]).filter((r) => r.output !== undefined).length).toBeGreaterThan(0);
  });

  it('stops the run with one line and exit code 2 when a worker fails', async () => {
    const dir = tempDir();
    const tasks = Array.from({ length: 3 }, (_, i) => ({ filePath: path.join(dir, `${i}.md`), text: CLEAN, fix: false, keepDocument: false }));
    const setup = { planLintWorker: true as const, resolve: { cwd: dir } };
    const script = (name: string, body: string): URL => {
      writeFileSync(path.join(dir, name), body);
      return pathToFileURL(path.join(dir, name));
    };
    try {
      setWorkerScript(script('throws.mjs', "throw new Error('cannot load the rules');"));
      await expect(lintOnPool(tasks, setup, 2, () => undefined)).rejects.toThrow('a lint worker failed: cannot load the rules');
      setWorkerScript(script('exits.mjs', 'process.exit(3);'));
      await expect(lintOnPool(tasks, setup, 2, () => undefined)).rejects.toThrow('a lint worker stopped unexpectedly (exit code 3)');
      setWorkerScript(
        script(
          'config-error.mjs',
          "import { parentPort } from 'node:worker_threads'; parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: { name: 'ConfigError', message: 'Invalid JSON in .plan-lint.json at 1:2' } }));",
        ),
      );
      const error = await lintOnPool(tasks, setup, 2, () => undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('ConfigError');
      expect((error as Error).message).toBe('Invalid JSON in .plan-lint.json at 1:2');
    } finally {
      setWorkerScript(new URL('../packages/cli/dist/worker.js', import.meta.url));
    }
  });

  it('reports a config error found before the workers start as one line, exit code 2', () => {
    const dir = manyDrafts(10);
    writeFileSync(path.join(dir, '.plan-lint.json'), '{ "rules": { "ministry-knwn": "error" } }');
    const r = runCli(['.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '2' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^plan-lint: Unknown rule 'ministry-knwn' .*did you mean 'ministry-known'\?/);
  });
});

describe('the bundle', () => {
  it('lints as the compiled modules do, in one thread and on workers', () => {
    const dir = manyDrafts(10);
    writeFileSync(path.join(dir, 'report.md'), REPORT);
    for (const workers of ['0', '2']) {
      const bundled = runBundle(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: workers } });
      const compiled = runCli(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
      expect(bundled.stderr).toBe('');
      expect(bundled.code).toBe(compiled.code);
      expect(bundled.stdout).toBe(compiled.stdout);
    }
  });

  it('compiles no JSON Schema at run time, with a config file and rule options', () => {
    const dir = manyDrafts(2);
    writeFileSync(path.join(dir, 'report.md'), REPORT);
    const r = runBundle(['--debug', '--rule', 'ministry-known: warn', 'report.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('plan-lint: debug: 0 JSON schema(s) compiled at run time');
    // Invalid options are still described as before.
    writeFileSync(path.join(dir, '.plan-lint.json'), JSON.stringify({ rules: { 'duplicate-report': ['warn', { treshold: 0.8 }] } }));
    const bad = runBundle(['report.md'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^plan-lint: Invalid options for rule 'duplicate-report' in \.plan-lint\.json: unknown option 'treshold'; did you mean 'threshold'\?/);
    expect(bad.stderr).toBe(runCli(['report.md'], { cwd: dir }).stderr);
  });

  it('finds the rule docs, the registry and the config schema in their packages', () => {
    const dir = tempDir();
    const explain = runBundle(['--explain', 'ministry-known'], { cwd: dir });
    expect(explain.code).toBe(0);
    expect(explain.stdout).toBe(readFileSync(path.join(ROOT, 'rules/ministry-known.md'), 'utf8'));
    expect(explain.stdout).toBe(readFileSync(path.join(ROOT, 'rules/dist/ministry-known.md'), 'utf8'));
    expect(runBundle(['--version'], { cwd: dir }).stdout).toBe(runCli(['--version']).stdout);
    expect(runBundle(['--init'], { cwd: dir }).code).toBe(0);
    const config = JSON.parse(readFileSync(path.join(dir, '.plan-lint.json'), 'utf8')) as { $schema: string };
    expect(path.resolve(dir, config.$schema)).toBe(path.join(ROOT, 'packages/core/data/schema/config.schema.json'));
    const sarif = JSON.parse(runBundle(['-f', 'sarif', path.join(ROOT, 'seeds')], { cwd: dir }).stdout) as {
      runs: { tool: { driver: { informationUri: string } }; results: { message: { text: string } }[] }[];
    };
    expect(sarif.runs[0]?.tool.driver.informationUri).toBe(DOCS_BASE_URL);
    // Ministry names come from the registry (seeds/registry.json, in @plan-lint/core's data/): a typo gets a suggestion from it.
    writeFileSync(path.join(dir, 'd.md'), PROBLEMS);
    expect(runBundle(['d.md'], { cwd: dir }).stdout).toContain("did you mean 'MOJ'?");
  });
});

describe('data files and validators of the engine', () => {
  it("are found in @plan-lint/core's data folder from the sources, copies of the repository's files", () => {
    expect(assetRoot().href).toBe(pathToFileURL(path.join(ROOT, 'packages/core/data/')).href);
    expect(readFileSync(assetUrl('registry.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'seeds/registry.json'), 'utf8'));
    for (const name of ['config', 'frontmatter', 'registry']) {
      expect(readFileSync(assetUrl(`schema/${name}.schema.json`), 'utf8')).toBe(readFileSync(path.join(ROOT, `schema/${name}.schema.json`), 'utf8'));
    }
  });

  it('use a validator generated at build time only for the schema it was generated from', () => {
    const rejectAll = Object.assign(() => false, {
      errors: [{ instancePath: '/rules', schemaPath: '#', keyword: 'x', params: {}, message: 'rejected by the generated validator' }],
    }) as unknown as ValidateFunction;
    usePrecompiledValidators({ config: { schema: JSON.stringify(buildConfigSchema(rules)), validate: rejectAll } });
    const before = runtimeCompileCount();
    expect(() => validateConfig({}, [...rules], 'x.json')).toThrow("Invalid configuration in x.json: 'rules' rejected by the generated validator");
    expect(runtimeCompileCount()).toBe(before);
    // Generated from another schema (a stale build): not used; ajv compiles the schema instead.
    usePrecompiledValidators({ config: { schema: '{"stale":true}', validate: rejectAll } });
    expect(() => validateConfig({}, [...rules], 'x.json')).not.toThrow();
    expect(runtimeCompileCount()).toBe(before + 1);
  });
});
