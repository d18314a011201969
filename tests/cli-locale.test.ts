/**
 * The language of the command line's output: --locale, the configuration's `locale`, and by default each draft's
 * language (messages) and Japanese for the report's own words only when every draft linted is Japanese.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '@plan-lint/rules';
import { buildCli, cleanTemps, ROOT, runCli, tempDir, type JsonResult } from './cli-helpers.js';

beforeAll(() => buildCli());
afterAll(() => cleanTemps());

const JA_DRAFT = 'fixtures/ministry-existence/invalid-ja-not-yet.md';
const EN_DRAFT = 'fixtures/ministry-existence/invalid-children-and-families-agency-fy2018.md';
const JA_MESSAGE = '「こども家庭庁」は令和2年度にはまだ設置されていません（2023年4月1日設置。それまでは「内閣府」及び「厚生労働省」が所管していました）';
const EN_MESSAGE = 'The こども家庭庁 did not exist in FY2020 (it was established on 1 April 2023; before that, its work was done by the 内閣府 and the 厚生労働省)';

const summaryLines = (stdout: string): string[] => stdout.trimEnd().split('\n').slice(-1);

describe('--locale on the command line', () => {
  it('accepts en and ja; anything else is a usage error (exit 2) with a did-you-mean', () => {
    const bad = runCli(['--locale', 'jp', JA_DRAFT]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("plan-lint: --locale expects en or ja, not 'jp'. Did you mean 'ja'?\n");
    expect(bad.stdout).toBe('');
    const missing = runCli([JA_DRAFT, '--locale']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("plan-lint: Option '--locale' needs a value (LANG).\n");
    const help = runCli(['--help']);
    expect(help.stdout).toMatch(/--locale LANG +Language of the messages and the report: en or ja \(default: each draft's language\)/);
  });

  it('a Japanese draft: Japanese messages and summary by default, English ones with --locale en', () => {
    const ja = runCli([JA_DRAFT]);
    expect(ja.code).toBe(1);
    expect(ja.stdout).toContain(`11:10  エラー  ${JA_MESSAGE}`);
    expect(summaryLines(ja.stdout)).toEqual(['✖ 3件の問題（エラー3件、警告0件）']);
    const en = runCli(['--locale', 'en', JA_DRAFT]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(`11:10  error  ${EN_MESSAGE}`);
    expect(summaryLines(en.stdout)).toEqual(['✖ 3 problems (3 errors, 0 warnings)']);
  });

  it('columns stay aligned with Japanese text (wide characters take two columns)', () => {
    const lines = runCli([JA_DRAFT]).stdout.split('\n').filter((l) => l.endsWith('ministry-existence'));
    expect(lines).toHaveLength(3);
    const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    const ruleColumns = lines.map((l) => width(l.slice(0, l.lastIndexOf('ministry-existence'))));
    expect(new Set(ruleColumns).size).toBe(1);
  });

  it('--locale ja on an English draft: messages written in Japanese and the summary and fix line too', () => {
    const r = runCli(['--locale', 'ja', '-f', 'json', EN_DRAFT]);
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    expect(result?.messages.map((m) => m.message)).toContain('「こども家庭庁」は平成30年度にはまだ設置されていません（2023年4月1日設置。それまでは「内閣府」及び「厚生労働省」が所管していました）');
    expect(result?.messages.every((m) => m.url.includes('/ja/rules/'))).toBe(true);
    const fixable = runCli(['--locale', 'ja', 'fixtures/cli/ja-project/ja/report.md']);
    expect(fixable.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '✖ 1件の問題（エラー1件、警告0件）',
      '  エラー1件、警告0件は「--fix」オプションで修正できる可能性があります。',
    ]);
  });

  it('a run over English and Japanese drafts: English words unless --locale ja', () => {
    const mixed = runCli([JA_DRAFT, EN_DRAFT]);
    expect(mixed.stdout).toContain(JA_MESSAGE); // each draft's messages in its own language
    expect(summaryLines(mixed.stdout)[0]).toMatch(/^✖ \d+ problems \(\d+ errors, 0 warnings\)$/);
    const ja = runCli(['--locale', 'ja', JA_DRAFT, EN_DRAFT]);
    expect(summaryLines(ja.stdout)[0]).toMatch(/^✖ \d+件の問題（エラー\d+件、警告0件）$/);
  });

  it('--max-warnings says it in the report language', () => {
    const r = runCli(['--locale', 'ja', '--max-warnings', '0', '--rule', 'ministry-known:warn', 'fixtures/cli/ja-project/ja/report.md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('plan-lint: 警告が多すぎます（上限0件に対し1件）。\n');
  });

  it('worker threads lint in the locale asked for too', () => {
    const r = runCli(['--locale', 'ja', '-f', 'json', 'fixtures/ministry-existence', 'fixtures/numbering', 'fixtures/date-valid'], { env: { PLAN_LINT_WORKERS: '2', PLAN_LINT_POOL_LOCAL: '0' } });
    const messages = (JSON.parse(r.stdout) as JsonResult[]).flatMap((x) => x.messages).filter((m) => m.ruleId === 'ministry-existence');
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) expect(m.message).toMatch(/^「[^」]+」は.+年度には(まだ設置されていません|既に廃止されています)/);
  });

  it('the cache keeps results per locale', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'draft.md'), readFileSync(path.join(ROOT, JA_DRAFT), 'utf8'));
    const first = runCli(['--cache', '-f', 'json', 'draft.md'], { cwd: dir });
    const en = runCli(['--cache', '--locale', 'en', '-f', 'json', 'draft.md'], { cwd: dir });
    const message = (stdout: string): string | undefined => (JSON.parse(stdout) as JsonResult[])[0]?.messages[0]?.message;
    expect(message(first.stdout)).toBe(JA_MESSAGE);
    expect(message(en.stdout)).toBe(EN_MESSAGE);
  });
});

describe("the configuration's locale", () => {
  it('"locale" sets the language of the messages; --locale wins; a bad value is a config error (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'draft.md'), readFileSync(path.join(ROOT, EN_DRAFT), 'utf8'));
    writeFileSync(path.join(dir, '.plan-lint.json'), JSON.stringify({ locale: 'ja' }));
    const ja = runCli(['draft.md'], { cwd: dir });
    expect(summaryLines(ja.stdout)[0]).toMatch(/^✖ \d+件の問題/);
    expect(ja.stdout).toContain('「こども家庭庁」は平成30年度にはまだ設置されていません');
    const en = runCli(['--locale', 'en', 'draft.md'], { cwd: dir });
    expect(summaryLines(en.stdout)[0]).toMatch(/^✖ \d+ problems/);
    expect(JSON.parse(runCli(['--print-config', 'draft.md'], { cwd: dir }).stdout)).toMatchObject({ locale: 'ja' });
    expect(JSON.parse(runCli(['--locale', 'en', '--print-config', 'draft.md'], { cwd: dir }).stdout)).toMatchObject({ locale: 'en' });
    writeFileSync(path.join(dir, '.plan-lint.json'), JSON.stringify({ overrides: [{ files: '*.md', locale: 'fr' }] }));
    const bad = runCli(['draft.md'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`'locale' in overrides[0] of`);
    expect(bad.stderr).toContain(`must be "en" or "ja", not 'fr'`);
  });
});

describe('the HTML report in Japanese', () => {
  it('is <html lang="ja"> with Japanese headings for Japanese drafts, and stays English for English ones', () => {
    const ja = runCli(['-f', 'html', JA_DRAFT]).stdout;
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain('<h3>指摘事項</h3>');
    expect(ja).toContain('施策ごとの担当と報告の対応表');
    expect(ja).toContain('<h3>1 啓発</h3>'); // sections and measures named the Japanese way
    expect(ja).toMatch(/<h4 id="[^"]+">1－（1） 会議の開催 <span class="meta">（9行）<\/span>/);
    expect(ja).toMatch(/<p id="summary"[^>]*>1ファイル中3件の問題（エラー3件、警告0件、情報0件）<\/p>/);
    expect(ja).toContain(`<span class="sev error">エラー</span><span class="msg">${JA_MESSAGE}</span>`);
    expect(ja).toContain('href="https://plan-lint.github.io/plan-lint/ja/rules/ministry-existence.html"');
    expect(ja).not.toMatch(/>(Findings|errors|warnings|Measure)</);
    const en = runCli(['-f', 'html', '--locale', 'en', JA_DRAFT]).stdout;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h3>Findings</h3>');
  });
});

describe('--list-rules in Japanese', () => {
  it('--locale ja: the header, severities and marks in Japanese, and every rule with its Japanese description', () => {
    const r = runCli(['--locale', 'ja', '--list-rules']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ルール +重大度 +修正 +推奨 +確認すること$/);
    expect(lines).toHaveLength(rules.length + 1);
    const severity = { off: '無効', info: '情報', warn: '警告', error: 'エラー' } as const;
    for (const { meta } of rules) {
      const line = lines.find((l) => l.startsWith(`${meta.id} `));
      expect(line, meta.id).toBeDefined();
      expect(line, meta.id).toMatch(new RegExp(`^${meta.id} +${severity[meta.defaultSeverity]} +(あり|提案|-) +(あり|-) +`));
      expect(line?.endsWith(meta.description.ja), meta.id).toBe(true);
      expect(line, meta.id).not.toContain(meta.description.en);
    }
    expect(lines.find((l) => l.startsWith('numbering '))).toContain('項目（1、2、3…）、施策（（１）、（２）…）');
  });

  it('the description column starts at the same terminal column on every line (wide characters take two)', () => {
    const lines = runCli(['--locale', 'ja', '--list-rules']).stdout.trimEnd().split('\n');
    const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    const starts = lines.map((l, i) => width(l.slice(0, l.lastIndexOf(i === 0 ? '確認すること' : (rules[i - 1]?.meta.description.ja ?? '')))));
    expect(new Set(starts).size).toBe(1);
  });
});

describe('--explain in Japanese', () => {
  it('prints rules/<id>.ja.md with --locale ja (the engine messages: directives.ja.md)', () => {
    const r = runCli(['--locale', 'ja', '--explain', 'unused-disable-directive']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'rules/directives.ja.md'), 'utf8'));
    expect(r.stderr).toBe('');
  });
});
