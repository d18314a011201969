/**
 * The GitHub Action (action.yml, scripts/github-action.mjs) and the pre-commit hooks, tested here as far as they
 * can be without GitHub: the action's script runs in a drafts project with GitHub's environment variables set
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, INPUT_*), and the SARIF it writes is validated against the
 * SARIF 2.1.0 JSON Schema (tests/schemas/, origin noted there).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCli, cleanTemps, FIXTURES, ROOT, tempDir } from './cli-helpers.js';

interface Action {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }[] };
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const SCRIPT = path.join(ROOT, 'scripts/github-action.mjs');
const REPORT = path.join(ROOT, 'seeds/fy2018-status-report.md');

beforeAll(() => buildCli());
afterAll(() => cleanTemps());

/** A drafts repository that installed plan-lint (its node_modules/.bin/plan-lint is this repository's command). */
function draftsRepo(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(path.join(ROOT, 'packages/cli/bin/plan-lint.js'), path.join(dir, 'node_modules/.bin/plan-lint'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Runs the action's script as the composite step does, with GitHub's variables. */
function runAction(dir: string, inputs: Record<string, string>) {
  const runnerTemp = path.join(tempDir(), 'runner-temp');
  mkdirSync(runnerTemp);
  const output = path.join(runnerTemp, '..', 'github-output');
  const summary = path.join(runnerTemp, '..', 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
  // The step's env block: every input, as action.yml passes it.
  const step = action.runs.steps.find((s) => s.id === 'lint');
  for (const [variable, expression] of Object.entries(step?.env ?? {})) {
    const name = /inputs\.([\w-]+)/.exec(expression)?.[1] ?? '';
    env[variable] = inputs[name] ?? action.inputs[name]?.default ?? '';
  }
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, 'utf8'), runnerTemp };
}

function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'tests/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  delete schema['id'];
  return new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
}

describe('action.yml', () => {
  it('is a composite action with the inputs paths, format, max-warnings and upload-sarif, passed to its script safely', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'max-warnings', 'upload-sarif']));
    expect(action.inputs['format']?.default).toBe('github');
    const [lint, upload] = action.runs.steps;
    expect(lint?.run).toBe('node "$GITHUB_ACTION_PATH/scripts/github-action.mjs"');
    // No ${{ }} inside a shell command: an input can never become shell code.
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
    expect(upload?.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
    expect(upload?.if).toContain('always()');
    expect(upload?.if).toContain("inputs.upload-sarif == 'true'");
    expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'exit-code', 'sarif-file', 'warnings']);
  });

  it('annotates, sums up, writes valid SARIF and fails on the real report', () => {
    const dir = draftsRepo({ 'drafts/report.md': readFileSync(REPORT, 'utf8') });
    const r = runAction(dir, { paths: 'drafts', 'upload-sarif': 'true' });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(10);
    expect(annotations[0]).toMatch(/^::error file=drafts\/report\.md,line=125,endLine=125,col=289,endColumn=312,title=date-fiscal-year::/);
    expect(annotations.filter((l) => l.startsWith('::warning '))).toHaveLength(6);
    expect(annotations.filter((l) => l.startsWith('::notice '))).toHaveLength(3);
    expect(r.outputs).toEqual({ 'exit-code': '1', errors: '1', warnings: '6', 'sarif-file': path.join(r.runnerTemp, 'plan-lint.sarif') });
    expect(r.summary).toContain('1 error(s), 6 warning(s), 3 info in 1 file(s).');
    expect(r.summary).toContain('| drafts/report.md:125:289 | error |');
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'] as string, 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]?.results).toHaveLength(10);
    expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('drafts/report.md');
    // The validator does reject what is not SARIF.
    const broken = structuredClone(sarif) as unknown as { runs: { results: { level?: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('passes drafts with warnings only, unless max-warnings is exceeded; writes no SARIF unless asked', () => {
    const problems = readFileSync(path.join(FIXTURES, 'project/drafts/problems.md'), 'utf8').replace('(MOJJ)', '(MOJ)');
    const dir = draftsRepo({ 'a.md': problems, 'b.md': problems });
    const ok = runAction(dir, { paths: 'a.md\nb.md' });
    expect(ok.code).toBe(0);
    expect(ok.outputs).toEqual({ 'exit-code': '0', errors: '0', warnings: '2', 'sarif-file': '' });
    expect(ok.stdout.split('\n').filter((l) => l.startsWith('::warning '))).toHaveLength(2);
    const strict = runAction(dir, { paths: 'a.md b.md', 'max-warnings': '1' });
    expect(strict.code).toBe(1);
    expect(strict.outputs['exit-code']).toBe('1');
  });

  it('fails with one clear annotation on bad inputs, and passes plan-lint usage errors through', () => {
    const dir = draftsRepo({ 'a.md': readFileSync(REPORT, 'utf8') });
    const bad = runAction(dir, { 'max-warnings': 'many' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("::error title=plan-lint::max-warnings must be a whole number, not 'many'.\n");
    const format = runAction(dir, { format: 'xml' });
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^plan-lint: Unknown format 'xml'/);
    expect(format.summary).toContain('plan-lint could not lint the drafts');
    const missing = runAction(dir, { paths: 'nothing-here.md' });
    expect(missing.code).toBe(2);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('offers plan-lint and plan-lint --fix on Markdown files, from the published package of this version', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; types: string[]; additional_dependencies: string[] }[];
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(hooks.map((h) => [h.id, h.entry])).toEqual([
      ['plan-lint', 'plan-lint'],
      ['plan-lint-fix', 'plan-lint --fix'],
    ]);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(hook.types).toEqual(['markdown']);
      expect(hook.additional_dependencies).toEqual([`plan-lint@${version}`]);
    }
  });
});
