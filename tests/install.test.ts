/**
 * Installs plan-lint as a user would (issue 11): every publishable package of the workspace is packed with
 * `npm pack`, the tarballs are installed into an empty project in the system's temporary directory (outside
 * this repository, so nothing can be found in its node_modules; third-party dependencies come from the npm
 * registry), and there:
 *   - `npx plan-lint -f json` on the real report prints what the repository's command prints;
 *   - `npx plan-lint --fix` on a copy writes what the repository's command writes;
 *   - `npx plan-lint -f sarif` is the repository's SARIF, linking to the documentation site;
 *   - `npx plan-lint --explain <rule>` prints the documentation of the installed @plan-lint/rules;
 *   - `plan-lint-language-server --stdio` initializes, and publishes the report's diagnostics on open;
 *   - the API example of @plan-lint/core's README runs.
 * Needs the build (`npm run build`) and the npm registry for third-party packages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli-helpers.js';
import { TestClient } from './lsp-client.js';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  workspaces?: string[];
  bin?: Record<string, string>;
}
const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
const PUBLISHABLE = (readManifest(ROOT).workspaces ?? []).filter((dir) => readManifest(path.join(ROOT, dir)).private !== true);
const REPORT = path.join(ROOT, 'seeds/fy2018-status-report.md');
const REPO_BIN = path.join(ROOT, 'packages/cli/bin/plan-lint.js');

/** The environment of a user's shell: none of the npm_* variables `npm test` sets, no NODE_PATH. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE_PATH' && key !== 'NODE_OPTIONS' && key !== 'FORCE_COLOR') env[key] = value;
  }
  return env;
}

let work: string;
let project: string;
const packed: { name: string; file: string; files: string[] }[] = [];

function run(file: string, args: readonly string[], cwd: string) {
  const r = spawnSync(file, args, { cwd, env: userEnv(), encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
/** `npx plan-lint ...` in the project. */
const npx = (args: readonly string[]) => run('npx', ['--no', '--', 'plan-lint', ...args], project);
/** The repository's own command, from the same directory. */
const repo = (args: readonly string[]) => run(process.execPath, [REPO_BIN, ...args], project);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'plan-lint-install-'));
  expect(path.relative(ROOT, work).startsWith('..')).toBe(true);
  const tarballs = path.join(work, 'tarballs');
  mkdirSync(tarballs);
  // The data copies are build output: bring them up to date as the build does (scripts/package-data.mjs).
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/package-data.mjs')], { cwd: ROOT, stdio: 'pipe' });
  for (const dir of PUBLISHABLE) {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tarballs], { cwd: path.join(ROOT, dir), env: userEnv(), encoding: 'utf8' });
    const [info] = JSON.parse(out) as { name: string; filename: string; files: { path: string }[] }[];
    if (!info) throw new Error(`npm pack ${dir} printed nothing`);
    packed.push({ name: info.name, file: path.join(tarballs, info.filename), files: info.files.map((f) => f.path) });
  }
  project = path.join(work, 'drafts-repo');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'drafts-repo', version: '1.0.0', private: true }, null, 2));
  // As a drafts repository would: plan-lint as a dev dependency, its scoped packages from the tarballs too
  // (they are not on the registry yet), third-party packages from the registry.
  execFileSync('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--loglevel=error', ...packed.map((p) => p.file)], {
    cwd: project,
    env: userEnv(),
    stdio: 'pipe',
    timeout: 280_000,
  });
  copyFileSync(REPORT, path.join(project, 'report.md'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packages', () => {
  it('are plan-lint and the scoped packages, each with a README, its data, and no sources or test leftovers', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(['@plan-lint/core', '@plan-lint/language-server', '@plan-lint/rules', 'plan-lint']);
    for (const p of packed) {
      expect(p.files, p.name).toEqual(expect.arrayContaining(['package.json', 'README.md']));
      expect(p.files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')), p.name).toEqual([]);
      expect(p.files.filter((f) => /tsbuildinfo|bundle-src|\.test-|\.cache$/.test(f)), p.name).toEqual([]);
    }
    const files = (name: string) => packed.find((p) => p.name === name)?.files ?? [];
    expect(files('@plan-lint/core')).toEqual(
      expect.arrayContaining(['data/registry.json', 'data/schema/config.schema.json', 'data/schema/frontmatter.schema.json', 'data/schema/registry.schema.json']),
    );
    expect(files('@plan-lint/rules')).toEqual(expect.arrayContaining(['dist/ministry-known.md', 'dist/directives.md']));
    expect(files('plan-lint')).toEqual(expect.arrayContaining(['bin/plan-lint.js', 'bin/plan-lint-language-server.mjs', 'dist/plan-lint.cjs']));
  });

  it('are installed as real folders of the project, not links into this repository', () => {
    for (const name of ['plan-lint', '@plan-lint/core', '@plan-lint/rules', '@plan-lint/language-server']) {
      const dir = path.join(project, 'node_modules', name);
      expect(lstatSync(dir).isSymbolicLink(), name).toBe(false);
      expect(path.relative(ROOT, realpathSync(dir)).startsWith('..'), name).toBe(true);
    }
    expect(existsSync(path.join(project, 'node_modules/.bin/plan-lint'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules/.bin/plan-lint-language-server'))).toBe(true);
  });
});

describe('npx plan-lint in a project that installed it', () => {
  it('lints the real report as the repository does (JSON output identical)', () => {
    const installed = npx(['-f', 'json', 'report.md']);
    const expected = repo(['-f', 'json', 'report.md']);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(1);
    expect(installed.stdout).toBe(expected.stdout);
    const [file] = JSON.parse(installed.stdout) as { messages: { ruleId: string; url: string }[] }[];
    expect(file?.messages).toHaveLength(10);
    expect(npx(['--version']).stdout).toBe(`v${readManifest(ROOT).version}\n`);
  });

  it('fixes a copy as the repository does', () => {
    for (const name of ['fix-installed.md', 'fix-repo.md']) copyFileSync(REPORT, path.join(project, name));
    const installed = npx(['--fix', 'fix-installed.md']);
    const expected = repo(['--fix', 'fix-repo.md']);
    expect(installed.code).toBe(expected.code);
    const fixed = readFileSync(path.join(project, 'fix-installed.md'), 'utf8');
    expect(fixed).not.toBe(readFileSync(REPORT, 'utf8'));
    expect(fixed).toBe(readFileSync(path.join(project, 'fix-repo.md'), 'utf8'));
  });

  it('writes the SARIF the repository writes, linking rules to the documentation site', () => {
    const installed = npx(['-f', 'sarif', 'report.md']);
    expect(installed.stdout).toBe(repo(['-f', 'sarif', 'report.md']).stdout);
    const log = JSON.parse(installed.stdout) as { runs: { tool: { driver: { informationUri: string; rules: { helpUri: string }[] } }; results: unknown[] }[] };
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.informationUri).toMatch(/^https:\/\//);
    expect(driver?.rules.every((r) => r.helpUri.startsWith(driver.informationUri))).toBe(true);
    expect(log.runs[0]?.results).toHaveLength(10);
  });

  it('explains a rule from the documentation of the installed rules package', () => {
    const docs = path.join(project, 'node_modules/@plan-lint/rules/dist/repeat-mention-target.md');
    expect(readFileSync(docs, 'utf8')).toBe(readFileSync(path.join(ROOT, 'rules/repeat-mention-target.md'), 'utf8'));
    // Changed in the installed package: --explain prints the change, so it reads that file.
    writeFileSync(docs, `${readFileSync(docs, 'utf8')}\nInstalled copy.\n`);
    const r = npx(['--explain', 'repeat-mention-target']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# repeat-mention-target\n/);
    expect(r.stdout.endsWith('\nInstalled copy.\n')).toBe(true);
  });

  it('runs the API example of the core README', () => {
    const readme = readFileSync(path.join(project, 'node_modules/@plan-lint/core/README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    mkdirSync(path.join(project, 'drafts'), { recursive: true });
    copyFileSync(REPORT, path.join(project, 'drafts/fy2024.md'));
    writeFileSync(path.join(project, 'example.mjs'), example ?? '');
    const r = run(process.execPath, ['example.mjs'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(10);
    expect(r.stdout).toContain('https://');
  });
});

describe('plan-lint-language-server in a project that installed it', () => {
  it('initializes over stdio and publishes the diagnostics of the opened report', async () => {
    const bin = path.join(project, 'node_modules/.bin/plan-lint-language-server');
    const client = await TestClient.start({ capabilities: { textDocument: { publishDiagnostics: { codeDescriptionSupport: true } } }, workspace: project, command: { file: bin, args: ['--stdio'], env: userEnv() } });
    try {
      expect(client.serverInfo).toEqual({ name: 'plan-lint-language-server', version: readManifest(ROOT).version });
      const uri = pathToFileURL(path.join(project, 'report.md')).href;
      await client.open(uri, readFileSync(REPORT, 'utf8'));
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 0, 30_000);
      const [cli] = JSON.parse(npx(['-f', 'json', 'report.md']).stdout) as { messages: { ruleId: string; line: number }[] }[];
      expect(published.diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort()).toEqual(cli?.messages.map((m) => `${m.line} ${m.ruleId}`).sort());
      expect(published.diagnostics.every((d) => d.codeDescription?.href.startsWith('https://'))).toBe(true);
    } finally {
      await client.stop();
    }
  }, 60_000);
});
