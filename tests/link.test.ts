/**
 * Linked documents (packages/core/src/link): the project boundary, cycles and chains, reading each document once,
 * and the real FY2018 report against the extracted plan.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfig, createLinker, lint, type ResolvedConfig } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { SEED } from './seed-helpers.js';

const PLAN_RULES = ['plan-measures', 'plan-title', 'plan-action-text', 'plan-ministries'];
const recommended = createConfig({ rules, extends: 'plan-lint:recommended' });
const seedText = readFileSync(SEED, 'utf8');
const planText = readFileSync(path.join(path.dirname(SEED), 'basic-plan-2017.md'), 'utf8');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-link-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const PLAN = `---
document: plan
adopted: 2017-04-18
---

## 1. Awareness

### (i) Convening of a conference

A conference shall be convened. (National Police Agency)
`;

function report(frontMatter: string, year = 2018): string {
  return `---
document: status-report
fiscal-year: ${year}
${frontMatter}
---

## 1. Awareness

### (i) Convening of a conference

A conference shall be convened. (National Police Agency)

- The conference was held on May 10, ${year}. (NPA)
`;
}

function lintAt(file: string, linker = createLinker(), config: ResolvedConfig = recommended) {
  return lint(readFileSync(file, 'utf8'), { rules, config, filePath: file, linker });
}

function linkMessages(file: string, linker = createLinker(), config: ResolvedConfig = recommended): string[] {
  return lintAt(file, linker, config)
    .messages.filter((m) => m.ruleId === 'document-link')
    .map((m) => `${m.range.start.line}:${m.range.start.column} ${m.message}`);
}

describe('the real FY2018 report linked to the extracted plan', () => {
  it('names basic-plan-2017.md and gives no finding from the plan rules', () => {
    const result = lintAt(SEED);
    expect(result.document.frontMatter?.plan).toBe('basic-plan-2017.md');
    expect(result.messages.filter((m) => m.ruleId === 'document-link' || PLAN_RULES.includes(m.ruleId))).toEqual([]);
  });

  it('finds a reworded planned action, a dropped ministry and a missing measure in a copy of it, with the plan as related location', () => {
    const dir = project({
      'basic-plan-2017.md': planText,
      'report.md': seedText
        .replace('effective efforts shall be promoted. (National Police Agency, Cabinet Secretariat,', 'efforts shall be considered. (National Police Agency,')
        .replace(/### \(iii\) Awareness-raising of overseas travelers[\s\S]*?(?=### \(iv\))/, ''),
    });
    const result = lintAt(path.join(dir, 'report.md'));
    const found = result.messages.filter((m) => PLAN_RULES.includes(m.ruleId));
    expect(found.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      "plan-measures: Measure 1-(iii) of the plan, 'Awareness-raising of overseas travelers', is missing from section 1 of this report",
      "plan-action-text: The planned action of measure 1-(i) differs from the plan's: 'effective' dropped; 'promoted.' → 'considered.'",
      "plan-ministries: The ministries responsible for this planned action of measure 1-(i) differ from the plan's: the report drops 'Cabinet Secretariat'",
    ]);
    for (const m of found) expect(m.related?.[0]?.filePath).toBe(path.join(dir, 'basic-plan-2017.md'));
  });
});

describe('the project boundary', () => {
  it('refuses ../ and absolute paths without reading them, and names only the path as written', () => {
    const outside = project({ 'secret.md': PLAN });
    const dir = project({ 'report.md': report(`plan: ../${path.basename(outside)}/secret.md`) });
    const abs = project({ 'report.md': report(`plan: ${path.join(outside, 'secret.md')}`) });
    const linker = createLinker();
    expect(linkMessages(path.join(dir, 'report.md'), linker)).toEqual([
      `4:7 The plan '../${path.basename(outside)}/secret.md' is outside the project; plan-lint reads linked documents only inside the folder of the configuration file (or of this report when there is none)`,
    ]);
    const absolute = linkMessages(path.join(abs, 'report.md'), linker);
    expect(absolute).toEqual(['4:7 The plan must be named by a path relative to this report, not an absolute path']);
    expect(linker.stats.reads).toBe(0);
  });

  it('refuses a symbolic link that leads outside the project, file or folder', () => {
    const outside = project({ 'secret.md': PLAN });
    const dir = project({ 'report.md': report('plan: plan.md'), 'other.md': report('plan: docs/secret.md') });
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'plan.md'));
    symlinkSync(outside, path.join(dir, 'docs'));
    const linker = createLinker();
    expect(linkMessages(path.join(dir, 'report.md'), linker)).toEqual([
      "4:7 The plan 'plan.md' leads outside the project through a symbolic link; plan-lint reads linked documents only inside the project",
    ]);
    expect(linkMessages(path.join(dir, 'other.md'), linker)).toEqual([
      "4:7 The plan 'docs/secret.md' leads outside the project through a symbolic link; plan-lint reads linked documents only inside the project",
    ]);
    expect(linker.stats.reads).toBe(0);
  });

  it('follows a symbolic link that stays inside, and reads above the report up to the configuration folder', () => {
    const dir = project({ 'plans/basic.md': PLAN, 'reports/2018.md': report('plan: ../plans/link.md') });
    symlinkSync(path.join(dir, 'plans/basic.md'), path.join(dir, 'plans/link.md'));
    // without a configuration the project is the report's folder: ../plans is outside
    expect(linkMessages(path.join(dir, 'reports/2018.md'))).toHaveLength(1);
    const config: ResolvedConfig = { ...recommended, links: { root: dir } };
    expect(linkMessages(path.join(dir, 'reports/2018.md'), createLinker(), config)).toEqual([]);
  });

  it('reports a missing, unreadable or wrong-kind target once, at the line that names it', () => {
    const dir = project({
      'missing.md': report('plan: nowhere.md'),
      'binary.md': report('plan: image.md'),
      'wrong.md': report('plan: missing.md'),
    });
    writeFileSync(path.join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x00, 0x47]));
    expect(linkMessages(path.join(dir, 'missing.md'))).toEqual(["4:7 The plan 'nowhere.md' does not exist"]);
    expect(linkMessages(path.join(dir, 'binary.md'))).toEqual(["4:7 The plan 'image.md' cannot be read: it is not a text file"]);
    expect(linkMessages(path.join(dir, 'wrong.md'))).toEqual([
      "4:7 The plan 'missing.md' is a status report, not a plan (its front matter says 'document: status-report')",
    ]);
  });

  it('takes plan and previous from the configuration when the front matter names none, and says so', () => {
    const dir = project({ 'plan.md': PLAN, 'report.md': report('title: no links') });
    const config: ResolvedConfig = { ...recommended, links: { root: dir, plan: path.join(dir, 'nowhere.md') } };
    expect(linkMessages(path.join(dir, 'report.md'), createLinker(), config)).toEqual([
      "1:1 The plan 'nowhere.md' (named by the configuration) does not exist",
    ]);
    const good: ResolvedConfig = { ...recommended, links: { root: dir, plan: path.join(dir, 'plan.md') } };
    const linker = createLinker();
    expect(linkMessages(path.join(dir, 'report.md'), linker, good)).toEqual([]);
    expect(linker.stats.reads).toBe(1);
  });
});

describe('chains and cycles', () => {
  it('never follows a previous report further: a cycle of two reports reads each once and ends', () => {
    const dir = project({
      'plan.md': PLAN,
      '2018.md': report('plan: plan.md\nprevious: 2019.md', 2018),
      '2019.md': report('plan: plan.md\nprevious: 2018.md', 2019),
    });
    const linker = createLinker();
    const a = linkMessages(path.join(dir, '2019.md'), linker);
    const b = linkMessages(path.join(dir, '2018.md'), linker);
    expect(a).toEqual([]);
    expect(b).toEqual(["5:11 The previous report '2019.md' covers FY2019, but this report covers FY2018: name the FY2017 report"]);
    expect(linker.stats.reads).toBe(3);
  });

  it('reads a plan shared by ten reports once', () => {
    const files: Record<string, string> = { 'plan.md': PLAN };
    for (let i = 0; i < 10; i++) files[`r${i}.md`] = report('plan: plan.md');
    const dir = project(files);
    const linker = createLinker();
    for (let i = 0; i < 10; i++) expect(linkMessages(path.join(dir, `r${i}.md`), linker)).toEqual([]);
    expect(linker.stats.reads).toBe(1);
  });
});

describe('a translation and its original (translation-of:)', () => {
  const ORIGINAL = `---
document: status-report
fiscal-year: 2018
lang: ja
translation-of: en.md
---

## 1 国民意識の向上

### （１）会議の開催

会議を開催する。【警察庁】

- 平成30年5月10日に会議を開催し、２，６０２件の事例を報告した。【警察】
- 平成30年7月に2回目の会議を開催した。【警察庁】
`;
  const translation = (entries: string): string =>
    `${report('translation-of: ja.md')}${entries}`.replace('held on May 10, 2018.', 'held on May 10, 2018, and 2,602 cases were reported.');

  it('reads each once even when the original names the translation back, and gives the linter the original', () => {
    const dir = project({ 'ja.md': ORIGINAL, 'en.md': translation('\n- A second conference was held in July 2018. (NPA)\n') });
    const linker = createLinker();
    const en = lintAt(path.join(dir, 'en.md'), linker);
    const ja = lintAt(path.join(dir, 'ja.md'), linker);
    expect(en.linked?.original?.displayPath).toBe('ja.md');
    expect(ja.linked?.original?.displayPath).toBe('en.md');
    expect([...en.messages, ...ja.messages].filter((m) => m.ruleId.startsWith('translation-') || m.ruleId === 'document-link')).toEqual([]);
    expect(linker.stats.reads).toBe(2);
    expect(linker.dependencies(readFileSync(path.join(dir, 'en.md'), 'utf8'), path.join(dir, 'en.md'), recommended).map((d) => path.basename(d.path))).toEqual(['ja.md']);
  });

  it('writes its findings in Japanese for a Japanese reviewer of the English translation (locale ja)', () => {
    const dir = project({ 'ja.md': ORIGINAL, 'en.md': translation('\n- A second conference was held in June 2018. (MIC)\n\n- Posters were made. (NPA)\n') });
    const file = path.join(dir, 'en.md');
    const result = lint(readFileSync(file, 'utf8'), { rules, config: recommended, filePath: file, linker: createLinker(), locale: 'ja' });
    const found = result.messages.filter((m) => m.ruleId.startsWith('translation-')).map((m) => `${m.range.start.line}:${m.range.start.column} ${m.ruleId}: ${m.message}`);
    expect(found).toEqual([
      '9:1 translation-structure: 施策「1－(i)」の取組状況は3件ですが、原文の施策「1－（1）」は2件です。訳文で追加又は分割された項目がないか確認してください',
    ]);
    const aligned = lint(readFileSync(file, 'utf8').replace('\n- Posters were made. (NPA)\n', ''), { rules, config: recommended, filePath: file, linker: createLinker(), locale: 'ja' });
    expect(aligned.messages.filter((m) => m.ruleId.startsWith('translation-')).map((m) => `${m.range.start.line}:${m.range.start.column} ${m.message}`)).toEqual([
      '15:35 「June 2018」（平成30年6月）は原文の取組状況の「平成30年7月」と異なります',
      '15:46 原文の取組状況の担当府省庁（【警察庁】）にある「警察庁」が訳文のタグにありません',
      '15:47 「MIC」（総務省）は原文の取組状況の担当府省庁（【警察庁】）に含まれていません',
    ]);
  });
});
