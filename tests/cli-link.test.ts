/**
 * The CLI with linked documents: plan and previous report from the front matter or the configuration's
 * overrides, the project boundary, --fix of the alignment findings, related locations in JSON and SARIF, and the
 * worker pool giving the same findings as one thread.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanTemps, ROOT, runCli, tempDir, type JsonResult } from './cli-helpers.js';

const LINKED = path.join(ROOT, 'fixtures/linked');
const plan = readFileSync(path.join(LINKED, 'plan.md'), 'utf8');
const report = readFileSync(path.join(LINKED, 'report-fy2018.md'), 'utf8');
const reworded = report.replace('shall be strengthened on', 'shall be considered on');

interface Related {
  filePath?: string;
  message: string;
  line: number;
}
type JsonWithRelated = JsonResult & { messages: (JsonResult['messages'][number] & { related?: Related[] })[] };

beforeAll(() => buildCli());
afterAll(() => cleanTemps());

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('plan-lint with a linked plan', () => {
  it('takes the plan from the configuration overrides, reports at the report with the plan as related location', () => {
    const dir = project({
      '.plan-lint.json': JSON.stringify({ overrides: [{ files: 'reports/*.md', plan: 'plans/plan.md' }] }),
      'plans/plan.md': plan,
      'reports/2018.md': reworded.replace('plan: plan.md\n', ''),
    });
    const r = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as JsonWithRelated[];
    const messages = results.flatMap((x) => x.messages.map((m) => ({ file: path.relative(dir, x.filePath), ...m })));
    expect(messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`)).toEqual(['reports/2018.md:27:74 plan-action-text']);
    expect(messages[0]?.message).toContain("'strengthened' → 'considered'");
    expect(messages[0]?.related).toEqual([
      { filePath: path.join(dir, 'plans/plan.md'), message: 'The planned action in the plan plans/plan.md', line: 15, column: 1, endLine: 15, endColumn: 219 },
    ]);
    expect(r.code).toBe(1);
  });

  it('carries the related location into SARIF as a location in the plan', () => {
    const dir = project({ 'plan.md': plan, 'r.md': reworded });
    const log = JSON.parse(runCli(['-f', 'sarif', 'r.md'], { cwd: dir }).stdout) as {
      runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const result = log.runs[0]?.results.find((x) => x.ruleId === 'plan-action-text');
    expect(result?.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual([['plan.md', 15]]);
  });

  it("--fix restores the plan's words, titles and tags, and writes nothing else", () => {
    const dir = project({
      'plan.md': plan,
      'r.md': reworded
        .replace('### (ii) Enhancement of consultation services', '### (ii) Enhancement of counselling services')
        .replace('(National Police Agency, Cabinet Office, and Ministry of Justice)', '(National Police Agency and Cabinet Office)'),
    });
    const r = runCli(['--fix', 'r.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).toBe(report);
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(plan);
  });

  it('refuses a plan outside the project: one error at the front matter line, no path outside quoted, no stack trace', () => {
    const outside = project({ 'plan.md': plan });
    const dir = project({ 'r.md': report.replace('plan: plan.md', `plan: ../${path.basename(outside)}/plan.md`) });
    const r = runCli(['-f', 'json', 'r.md'], { cwd: dir });
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    expect(result?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:7 document-link']);
    expect(r.stdout).not.toContain(outside);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  it('rejects an absolute plan path in the configuration with exit code 2 and a clear message', () => {
    const dir = project({
      '.plan-lint.json': JSON.stringify({ overrides: [{ files: '*.md', plan: '/etc/plan.md' }] }),
      'r.md': report,
    });
    const r = runCli(['r.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'plan' in overrides[0]");
    expect(r.stderr).toContain('must be a path relative to the configuration file, not an absolute path');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--cache: an edit of the plan invalidates the cached result of the report that links it', () => {
    const dir = project({ 'plan.md': plan, 'r.md': report });
    const first = runCli(['-f', 'json', '--cache', 'r.md'], { cwd: dir });
    expect((JSON.parse(first.stdout) as JsonResult[])[0]?.messages).toEqual([]);
    writeFileSync(path.join(dir, 'plan.md'), plan.replace('shall be strengthened on', 'shall be considered on'));
    const second = runCli(['-f', 'json', '--cache', 'r.md'], { cwd: dir });
    expect((JSON.parse(second.stdout) as JsonResult[])[0]?.messages.map((m) => m.ruleId)).toEqual(['plan-action-text']);
  });

  it('gives the same findings on the worker pool as in one thread (30 reports of one plan)', () => {
    const files: Record<string, string> = { 'plan.md': plan };
    for (let i = 0; i < 30; i++) files[`r${String(i).padStart(2, '0')}.md`] = i % 3 === 0 ? reworded : report;
    const dir = project(files);
    const pooled = runCli(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '2' } });
    const single = runCli(['-f', 'json', '.'], { cwd: dir, env: { PLAN_LINT_WORKERS: '0' } });
    expect(pooled.stdout).toBe(single.stdout);
    const results = JSON.parse(single.stdout) as JsonResult[];
    expect(results.filter((x) => x.messages.some((m) => m.ruleId === 'plan-action-text'))).toHaveLength(10);
  });
});

describe('plan-lint with a translation and its original (translation-of:)', () => {
  const original = readFileSync(path.join(LINKED, 'original-ja-fy2018.md'), 'utf8');
  const translation = readFileSync(path.join(ROOT, 'fixtures/translation-entry/valid-same-values.md'), 'utf8').replace(
    'translation-of: ../linked/original-ja-fy2018.md',
    'translation-of: ../ja/fy2018.md',
  );

  it('reports the date that differs in the English report, with the Japanese entry as related location', () => {
    const dir = project({ '.plan-lint.json': '{}', 'ja/fy2018.md': original, 'en/fy2018.md': translation.replace('April 23, 2018', 'April 24, 2018') });
    const r = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as JsonWithRelated[];
    const messages = results.flatMap((x) => x.messages.map((m) => ({ file: path.relative(dir, x.filePath), ...m })));
    expect(messages.map((m) => `${m.file}:${m.line}:${m.column}-${m.endColumn} ${m.ruleId}`)).toEqual(['en/fy2018.md:14:30-44 translation-entry']);
    expect(messages[0]?.message).toBe("'April 24, 2018' differs from the original entry's '平成30年4月23日' (23 April 2018)");
    expect(messages[0]?.related).toEqual([
      { filePath: path.join(dir, 'ja/fy2018.md'), message: 'The original entry (ja/fy2018.md)', line: 16, column: 1, endLine: 16, endColumn: 50 },
    ]);
    expect(r.code).toBe(1);
  });

  it('--cache: an edit of the original invalidates the cached result of its translation', () => {
    const dir = project({ '.plan-lint.json': '{}', 'ja/fy2018.md': original, 'en/fy2018.md': translation });
    const first = runCli(['-f', 'json', '--cache', 'en/fy2018.md'], { cwd: dir });
    expect((JSON.parse(first.stdout) as JsonResult[])[0]?.messages).toEqual([]);
    writeFileSync(path.join(dir, 'ja/fy2018.md'), original.replace('２，６０２部', '２，６２０部'));
    const second = runCli(['-f', 'json', '--cache', 'en/fy2018.md'], { cwd: dir });
    const messages = (JSON.parse(second.stdout) as JsonResult[])[0]?.messages;
    expect(messages?.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)).toEqual([
      "22:14 translation-entry: '2,602' differs from the original entry's '２，６２０'",
    ]);
  });

  it('refuses an original outside the project at the translation-of line, without quoting its path or reading it', () => {
    const outside = project({ 'fy2018.md': original });
    const dir = project({ 'fy2018.md': translation.replace('../ja/fy2018.md', `../${path.basename(outside)}/fy2018.md`) });
    const r = runCli(['-f', 'json', 'fy2018.md'], { cwd: dir });
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    expect(result?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:17 document-link']);
    expect(r.stdout).not.toContain(outside);
    expect(r.code).toBe(1);
  });
});
