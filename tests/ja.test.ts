/**
 * Japanese drafts (issue 13): the language profiles, the registry's Japanese names, the Japanese sample
 * report read into the plan model, and what the rules say about Japanese drafts (messages naming the
 * Japanese text). Ranges of every rule's Japanese fixtures are checked by rule-fixtures.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  createConfig,
  createRegistry,
  lint,
  lintAndFix,
  loadDefaultRegistry,
  PROFILE_LANGUAGES,
  profileFor,
  validateProfileData,
  validateRegistryData,
  type LintMessage,
  type RegistryData,
} from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import path from 'node:path';
import { ConfigError, resolveConfigForFile, validateConfig } from '@plan-lint/core';
import { FIXTURES, runCli } from './cli-helpers.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const SAMPLE = 'seeds/sample-ja-status-report.md';
const recommended = createConfig({ rules, extends: 'plan-lint:recommended' });
const lintJa = (text: string): LintMessage[] => lint(text, { config: recommended, rules }).messages;
const FM = (fy: number) => `---\ndocument: status-report\nfiscal-year: ${fy}\nlang: ja\n---\n\n`;
const messagesOf = (text: string, ruleId: string) => lintJa(text).filter((m) => m.ruleId === ruleId).map((m) => m.message);

describe('language profiles', () => {
  it('ships en and ja, each valid against schema/profile.schema.json', () => {
    for (const lang of ['en', 'ja']) {
      const json: unknown = JSON.parse(read(`seeds/profiles/${lang}.json`));
      expect(validateProfileData(json).errors, lang).toEqual([]);
      expect(profileFor(lang).lang).toBe(lang);
    }
    // Anything else reads as English.
    expect(profileFor('fr').lang).toBe('en');
    expect(profileFor(undefined).lang).toBe('en');
  });

  it('the front matter and configuration schemas accept exactly the shipped languages', () => {
    const fm = JSON.parse(read('schema/frontmatter.schema.json')) as { properties: { lang: { enum: string[] } } };
    expect(fm.properties.lang.enum).toEqual([...PROFILE_LANGUAGES]);
    const config = JSON.parse(read('schema/config.schema.json')) as { definitions: { lang: { enum: string[] } } };
    expect(config.definitions.lang.enum).toEqual([...PROFILE_LANGUAGES]);
  });

  it('explains an invalid profile: a missing field, a wrong value, a regex that does not compile', () => {
    const ja = JSON.parse(read('seeds/profiles/ja.json')) as Record<string, Record<string, unknown>>;
    const missing = { ...ja, repeat: undefined };
    expect(validateProfileData(JSON.parse(JSON.stringify(missing))).errors.join('\n')).toMatch(/repeat/);
    expect(validateProfileData({ ...ja, blocks: { statusEntry: 'paragraph', statusEntryNames: 'any' } }).errors.join('\n')).toMatch(/blocks\.statusEntry/);
    const badRegex = { ...ja, headings: { ...ja['headings'], section: '^(\\d' } };
    expect(validateProfileData(badRegex).errors).toEqual([expect.stringMatching(/^profile\.headings\.section is not a valid regular expression/)]);
    const badCue = { ...ja, dateCues: { ...ja['dateCues'], after: '^(?:以降' } };
    expect(validateProfileData(badCue).errors).toEqual([expect.stringMatching(/^profile\.dateCues\.after is not a valid regular expression/)]);
  });

  it('is chosen by front matter lang, else by the build option (the configuration), else English', () => {
    const body = '## 1 啓発\n\n### （１）会議\n\n会議を開催する。【警察庁】\n';
    expect(buildPlan(`---\nlang: ja\n---\n\n${body}`).profile.lang).toBe('ja');
    expect(buildPlan(body, { lang: 'ja' }).profile.lang).toBe('ja');
    expect(buildPlan(`---\nlang: en\n---\n\n${body}`, { lang: 'ja' }).profile.lang).toBe('en');
    const english = buildPlan(body);
    expect(english.profile.lang).toBe('en');
    // Read as English, the Japanese headings are neither sections nor measures.
    expect(english.sections).toEqual([]);
    const bad = buildPlan(`---\nlang: fr\n---\n\n${body}`);
    expect(bad.profile.lang).toBe('en');
    expect(bad.frontMatter?.problems.map((p) => p.message)).toEqual(["'lang' must be 'en' or 'ja', not 'fr'"]);
  });
});

describe('the registry in Japanese', () => {
  const seed = JSON.parse(read('seeds/registry.json')) as RegistryData;

  it('names every body in Japanese, with short forms, catch-alls and older bodies with their dates', () => {
    const ja = loadDefaultRegistry().inLanguage('ja');
    expect(ja.byName('警察庁')?.id).toBe('npa');
    expect(['警察', '総務', '文科', '厚労', '法務', '外務', '経産'].map((s) => ja.byAbbreviation(s)?.id)).toEqual([
      'npa', 'mic', 'mext', 'mhlw', 'moj', 'mofa', 'meti',
    ]);
    expect(ja.byName('こども家庭庁')).toMatchObject({ id: 'cfa', validFrom: '2023-04-01' });
    expect(ja.byName('観光庁')).toMatchObject({ id: 'jta', validFrom: '2008-10-01' });
    expect(ja.byName('消費者庁')).toMatchObject({ id: 'caa', validFrom: '2009-09-01' });
    expect(ja.byName('デジタル庁')).toMatchObject({ id: 'digital', validFrom: '2021-09-01' });
    expect(ja.byName('厚生省')).toMatchObject({ id: 'mhw', validTo: '2001-01-05', successors: ['mhlw'] });
    expect(ja.byName('労働省')).toMatchObject({ id: 'mol', validTo: '2001-01-05' });
    expect(ja.byName('通商産業省')).toMatchObject({ id: 'miti', validTo: '2001-01-05', successors: ['meti'] });
    expect(ja.catchAlls).toEqual(expect.arrayContaining(['関係府省', '関係省庁', '関係府省庁']));
    // The same bodies: ids and dates are shared, only the names differ; English lookups are the English view's.
    expect(ja.bodies.map((b) => b.id)).toEqual(loadDefaultRegistry().bodies.map((b) => b.id));
    expect(ja.byName('National Police Agency')).toBeUndefined();
    expect(ja.inLanguage('en')).toBe(loadDefaultRegistry());
    expect(loadDefaultRegistry().inLanguage('ja')).toBe(ja);
    expect(loadDefaultRegistry().catchAlls).toContain('other related bodies');
  });

  it('keeps the Japanese view when extended (a configuration registry file)', () => {
    const extra = { id: 'mod', name: 'Ministry of Defense', abbreviations: ['MOD'], nameJa: '防衛省', shortNamesJa: ['防衛'], validFrom: '2007-01-09' };
    const ja = loadDefaultRegistry().inLanguage('ja').extend([extra]);
    expect(ja.byAbbreviation('防衛')?.id).toBe('mod');
    expect(ja.byName('警察庁')?.id).toBe('npa');
  });

  it('refuses a Japanese name used by two bodies, a catch-all used as a name, and a name with a separator', () => {
    const clone = (): RegistryData => JSON.parse(JSON.stringify(seed)) as RegistryData;
    const dup = clone();
    dup.bodies.find((b) => b.id === 'moj')!.shortNamesJa = ['警察'];
    expect(validateRegistryData(dup).errors).toEqual(["registry: the Japanese name '警察' is used by both 'npa' and 'moj'"]);
    const catchAll = clone();
    catchAll.bodies.find((b) => b.id === 'moj')!.aliasesJa = ['関係省庁'];
    expect(validateRegistryData(catchAll).errors).toEqual(["registry: the Japanese name '関係省庁' of body 'moj' is also a catch-all"]);
    const separated = clone();
    separated.bodies.find((b) => b.id === 'moj')!.shortNamesJa = ['法務、検察'];
    expect(validateRegistryData(separated).errors.join('\n')).toMatch(/shortNamesJa\[0\].*法務|invalid format/);
    expect(createRegistry(validateRegistryData(seed).data!).inLanguage('ja').byAbbreviation('文科')?.nameJa).toBe('文部科学省');
  });
});

describe('the Japanese sample report (seeds/)', () => {
  const doc = buildPlan(read(SAMPLE));

  it('is read into the same plan model: six sections of two or three measures, tags, entries, repeat mentions, dates', () => {
    expect(doc.profile.lang).toBe('ja');
    expect(doc.kind).toBe('status-report');
    expect(doc.fiscalYear).toBe(2018);
    expect(doc.sections.map((s) => [s.number, s.measures.map((m) => m.id)])).toEqual([
      [1, ['1-(1)', '1-(2)', '1-(3)']],
      [2, ['2-(1)', '2-(2)']],
      [3, ['3-(1)', '3-(2)']],
      [4, ['4-(1)', '4-(2)']],
      [5, ['5-(1)', '5-(2)']],
      [6, ['6-(1)', '6-(2)']],
    ]);
    const m = doc.measure('1-(1)')!;
    expect(m.numeral).toBe('１');
    expect(m.ordinal).toBe(1);
    expect(m.title).toBe('官民が連携した会議の開催');
    expect(m.blocks.map((b) => b.kind)).toEqual(['planned-action', 'status-entry', 'status-entry']);
    expect(m.blocks[0]?.tag?.names.map((n) => [n.text, n.form])).toEqual([
      ['警察庁', 'full-name'], ['内閣府', 'full-name'], ['法務省', 'full-name'], ['文部科学省', 'full-name'], ['厚生労働省', 'full-name'],
    ]);
    expect(m.blocks[1]?.tag?.raw).toBe('【警察庁】');
    expect(m.blocks[1]?.plannedActionIndex).toBe(0);
    const date = m.blocks[1]?.dates[0];
    expect(date?.kind === 'date' ? [date.raw, date.date.year, date.date.month, date.date.day] : null).toEqual(['平成30年4月23日', 2018, 4, 23]);
    const repeat = doc.measure('1-(3)')?.blocks[2]?.repeat;
    expect(repeat).toMatchObject({ prefixRaw: '再掲 1－（2）：', canonical: true, sectionNumber: 1, numeral: '2', targetId: '1-(2)' });
    expect(repeat?.description).toBe('ウェブサイトの特設ページで海外での児童買春が処罰の対象となることを周知した。');
    // Every status entry carries a tag, every planned action too.
    for (const b of doc.blocks()) expect(b.tag, b.text).not.toBeNull();
  });

  it("shows its measures and the Japanese names of its ministries in the HTML report's matrix", () => {
    const html = runCli(['-f', 'html', SAMPLE]).stdout;
    const rows = [...html.matchAll(/<tr [^>]*data-measure="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(doc.measures().map((m) => m.id));
    const columns = new Set([...html.matchAll(/data-ministry="([^"]+)"/g)].map((m) => m[1]));
    for (const name of ['警察', '内閣府', '総務', '法務', '文科', '厚労', '外務', '経産']) expect(columns).toContain(name);
  });

  it('lints clean with the recommended rules, and is marked as a sample in its front matter and a comment', () => {
    const text = read(SAMPLE);
    expect(lintJa(text)).toEqual([]);
    expect(doc.frontMatter?.title).toMatch(/サンプル/);
    expect(text).toMatch(/<!--\s*\n\s*SAMPLE\./);
  });
});

describe('docs/draft-format.md', () => {
  it("the complete Japanese example reads as the text says and lints clean", () => {
    const docs = read('docs/draft-format.md');
    const example = /### A complete Japanese example\n\n```markdown\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    const doc = buildPlan(example);
    expect(doc.profile.lang).toBe('ja');
    expect(doc.measures().map((m) => [m.id, m.blocks.map((b) => b.kind)])).toEqual([
      ['1-(1)', ['planned-action', 'status-entry', 'status-entry']],
      ['1-(2)', ['planned-action', 'status-entry', 'repeat-mention', 'status-entry']],
    ]);
    expect(doc.measure('1-(2)')?.blocks[3]?.tag?.names.map((n) => n.form)).toEqual(['abbreviation']);
    expect(lintJa(example)).toEqual([]);
  });
});

describe('rules on Japanese drafts', () => {
  const head = `${FM(2018)}## 1 啓発\n\n### （１）会議の開催\n\n会議を開催する。【警察庁、法務省】\n\n`;

  it('ministry-known: did you mean, on Japanese names and short forms, with a fix', () => {
    const text = `${head}- 会議を開催した。【警察省】\n- 講座を開催した。【総摩】\n- 資料を配布した。【法務省】\n`;
    expect(messagesOf(text, 'ministry-known')).toEqual([
      '「警察省」は府省庁名として登録されていません。「警察庁」の誤りではありませんか',
      '「総摩」は府省庁の略称として登録されていません。「総務」の誤りではありませんか',
    ]);
    expect(lintAndFix(text, { config: recommended, rules }).output).toContain('- 会議を開催した。【警察庁】\n- 講座を開催した。【総務】\n');
  });

  it('ministry-known: a short form in a planned action is written in full; short forms are fine in entries', () => {
    const text = `${FM(2018)}## 1 啓発\n\n### （１）会議\n\n会議を開催する。【文科、警察庁】\n\n- 会議を開催した。【文科、警察】\n`;
    expect(messagesOf(text, 'ministry-known')).toEqual(['「文科」は略称です。施策内容では府省庁を正式名称（「文部科学省」）で書いてください']);
  });

  it('ministry-existence: a body that did not exist in the fiscal year, named in Japanese', () => {
    const text = `${FM(2022)}## 1 啓発\n\n### （１）会議\n\n会議を開催する。【こども家庭庁、内閣府】\n\n- 会議を開催した。【内閣府】\n`;
    expect(messagesOf(text, 'ministry-existence')).toEqual([
      '「こども家庭庁」は令和4年度にはまだ設置されていません（2023年4月1日設置。それまでは「内閣府」及び「厚生労働省」が所管していました）',
    ]);
    expect(messagesOf(text.replace('fiscal-year: 2022', 'fiscal-year: 2023'), 'ministry-existence')).toEqual([]);
  });

  it('measure-responsibility: a catch-all as the only responsible body is a warning', () => {
    const text = `${FM(2018)}## 1 啓発\n\n### （１）会議\n\n会議を開催する。【関係府省庁】\n\n- 会議を開催した。【警察庁】\n`;
    const found = lintJa(text).filter((m) => m.ruleId === 'measure-responsibility');
    expect(found.map((m) => [m.severity, m.message])).toEqual([
      [
        'warning',
        '施策1－（1）のこの施策内容は、関係する機関全体を指す総称（「関係府省庁」）しか担当に挙げていません。「【警察庁】」のように、取組を主に担当する府省庁を先頭に書いてください',
      ],
    ]);
    expect(lintJa(text.replace('【関係府省庁】', '【内閣府、関係府省庁】'))).toEqual([]);
  });

  it('ministry rules: fix descriptions and related locations are Japanese too; the locale en gives the English', () => {
    const text = `${FM(2018)}## 略称一覧\n\n- 総務：法務省\n- 法務：法務省\n\n## 1 啓発\n\n### （１）会議の開催\n\n会議を開催する。【警察庁、法務省】\n\n- 講座を開催した。【警察省】\n- 資料を配布した。【外務】\n- 会議を開催した。\n`;
    const found = lintJa(text);
    const of = (ruleId: string) => found.find((m) => m.ruleId === ruleId);
    expect(of('ministry-known')?.fix?.description).toBe('「警察省」を「警察庁」に置き換える');
    expect(of('ministry-definition')?.related?.map((r) => r.message)).toEqual(['矛盾する略称一覧の項目「法務：法務省」']);
    expect(of('ministry-definition')?.suggestions?.map((s) => s.description)).toEqual(['「法務省」を「総務省」に置き換える', '「総務」を「法務」に置き換える']);
    expect(of('ministry-not-responsible')?.message).toBe(
      '「外務」（外務省）は施策1－（1）の施策内容のいずれにも担当として挙げられていませんが、この施策について報告しています',
    );
    expect(of('ministry-not-responsible')?.related?.map((r) => r.message)).toEqual(['この項目が報告する施策内容の担当は【警察庁、法務省】です']);
    expect(of('status-entry-tag')?.suggestions?.map((s) => s.description)).toEqual(['担当府省庁の表示「【警察庁】」を加える', '担当府省庁の表示「【法務省】」を加える']);
    const english = lint(text, { config: recommended, rules, locale: 'en' }).messages.find((m) => m.ruleId === 'ministry-not-responsible');
    expect(english?.message).toBe("'外務' reports on measure 1-(1), but no planned action of this measure names the 外務省 as responsible");
  });

  it('repeat mentions: a missing target, the own measure, and the canonical form fixed', () => {
    const text = `${head}- 会議を開催した。【警察庁】\n- 再掲 1－（1）：会議を開催した。【警察庁】\n- 再掲 2－（1）：講座を開催した。【警察庁】\n`;
    expect(messagesOf(text, 'repeat-mention-target')).toEqual([
      '「再掲 1－（1）」は、この記載がある施策1－（1）自身を参照しています。再掲では、取組を記載している別の施策を参照してください',
      '「再掲 2－（1）」の参照先の項目2は本文書にありません（本文書の項目は1のみです）',
    ]);
    const loose = `${head}- 会議を開催した。【警察庁】\n\n### （２）広報\n\n広報を推進する。【警察庁】\n\n- 再掲 1-(1) 会議を開催した。【警察庁】\n`;
    expect(messagesOf(loose, 'repeat-mention-format')).toEqual([
      '再掲の書き出しは「再掲 1－（1）：」と書いてください。「再掲 1-(1)」となっています（「－」の代わりに「-」、「（」の代わりに「(」、「）」の代わりに「)」、「：」なし）',
    ]);
    expect(lintAndFix(loose, { config: recommended, rules }).output).toContain('- 再掲 1－（1）：会議を開催した。【警察庁】\n');
  });

  it('quick fixes and related locations of the numbering and repeat-mention rules are titled in Japanese', () => {
    const of = (text: string, ruleId: string) => lintJa(text).filter((m) => m.ruleId === ruleId);
    const typo = `${head}- 会議を開催した。【警察庁】\n\n### （５）広報\n\n広報する。【警察庁】\n\n### （３）講座\n\n講座を開催する。【警察庁】\n`;
    expect(of(typo, 'numbering').map((m) => m.fix?.description)).toEqual(['施策番号を「（2）」に直す']);
    const loose = `${head}- 会議を開催した。【警察庁】\n\n### （２）広報\n\n広報する。【警察庁】\n\n- 再掲 1-(1) 会議を開催した。【警察庁】\n`;
    expect(of(loose, 'repeat-mention-format').map((m) => m.fix?.description)).toEqual(['「再掲 1－（1）：」に置き換える']);
    const elsewhere = `${head}- 児童の性的搾取等撲滅対策推進協議会を開催した。【警察庁】\n\n### （２）情報モラル教育\n\n情報モラル教育を推進する。【警察庁】\n\n- 教員向けの情報モラル教育指導資料を改訂した。【警察庁】\n\n### （３）広報\n\n広報する。【警察庁】\n\n- 再掲 1－（1）：教員向けの情報モラル教育指導資料を改訂した。【警察庁】\n`;
    const [pointed] = of(elsewhere, 'repeat-mention-description');
    expect(pointed?.suggestions?.map((x) => [x.description, x.edits.map((e) => e.text)])).toEqual([['再掲の参照先を1－（2）に変更する', ['1', '2']]]);
    expect(pointed?.related?.map((r) => [r.message, r.range.start.line])).toEqual([
      ['施策1－（1）（この再掲の参照先）', 9],
      ['施策1－（2）（この取組を報告している施策）', 15],
    ]);
    const entry = '平成30年4月23日に児童の性的搾取等撲滅対策推進協議会を開催し、関係府省庁の取組状況を報告した。';
    const copied = `${head}- ${entry}【警察庁】\n\n### （２）広報\n\n広報する。【警察庁】\n\n- ${entry}【警察庁】\n`;
    expect(of(copied, 'duplicate-report').flatMap((m) => m.related?.map((r) => [r.message, r.range.start.line]))).toEqual([['施策1－（1）での最初の記載', 13]]);
  });

  it('status-coverage and status-entry-tag speak in full Japanese names', () => {
    const text = `${head}- 講座を開催した。【外務省】\n- 会議を開催した。\n`;
    expect(messagesOf(text, 'status-coverage')).toEqual([
      '施策1－（1）のこの施策内容について報告する取組状況の項目がありません。「警察庁」又は「法務省」を担当とする項目を加えてください',
    ]);
    const untagged = lintJa(text).find((m) => m.ruleId === 'status-entry-tag');
    expect(untagged?.message).toBe('施策1－（1）のこの取組状況の項目には担当府省庁の表示がありません。末尾に報告する府省庁を「【警察庁】」のように書いてください');
    expect(untagged?.suggestions?.map((s) => s.edits[0]?.text)).toEqual(['【警察庁】', '【法務省】']);
  });

  it('date-valid: era boundaries, with the same day in the right era suggested; 元年; a year without its era', () => {
    const text = `${FM(2019)}## 1 啓発\n\n### （１）会議\n\n会議を開催する。【警察庁】\n\n- 令和元年4月30日に会議を開催した。【警察庁】\n- 平成31年5月1日に講座を開催した。【警察庁】\n- 平成31年4月に開始し、31年5月に終了した。【警察庁】\n- 平成31年4月30日と令和元年5月1日に研修を行った。【警察庁】\n- 令和元年4月31日に研修を行った。【警察庁】\n`;
    const found = lintJa(text).filter((m) => m.ruleId === 'date-valid');
    expect(found.map((m) => [m.message, m.suggestions?.map((x) => x.edits[0]?.text)])).toEqual([
      ['「令和元年4月30日」という日付はありません（令和は2019年5月1日から）。「平成31年4月30日」ではありませんか', ['平成31年4月30日']],
      ['「平成31年5月1日」という日付はありません（平成は2019年4月30日まで）。「令和元年5月1日」ではありませんか', ['令和元年5月1日']],
      ['「31年5月」という日付はありません（平成は2019年4月30日まで）。「令和元年5月」ではありませんか', ['令和元年5月']],
      ['「令和元年4月31日」という日付はありません。4月は30日までです', undefined],
    ]);
    expect(found[0]?.suggestions?.[0]?.description).toBe('「平成31年4月30日」に置き換える');
    // The same draft in English: the messages follow the lint's locale, not the draft's.
    expect(lint(text, { config: recommended, rules, locale: 'en' }).messages.find((m) => m.ruleId === 'date-valid')?.message).toBe(
      "'令和元年4月30日' is not a valid date: that day is not in the era it names; the same day is '平成31年4月30日'",
    );
    const doc = buildPlan(text);
    const entry = doc.measure('1-(1)')?.blocks[3];
    expect(entry?.dates.map((d) => (d.kind === 'date' ? [d.raw, d.date.year, d.date.month] : d.raw))).toEqual([['平成31年4月', 2019, 4], ['31年5月', 2019, 5]]);
    const yearless = buildPlan(`${FM(2018)}## 1 啓発\n\n### （１）会議\n\n- 10月28日と２月１日に会議を開催した。【警察庁】\n`).measure('1-(1)')?.blocks[0]?.dates;
    expect(yearless?.map((d) => (d.kind === 'date' ? [d.raw, d.date.year, d.date.inferredYear, d.date.month, d.date.day] : d.raw))).toEqual([
      ['10月28日', null, 2018, 10, 28],
      ['２月１日', null, 2019, 2, 1],
    ]);
    const labels = buildPlan(`${FM(2019)}## 1 啓発\n\n### （１）会議\n\n令和元年度から2年度まで実施する。【警察庁】\n`).measure('1-(1)')?.blocks[0]?.dates;
    expect(labels?.map((d) => (d.kind === 'fiscal-year' ? [d.raw, d.year] : d.raw))).toEqual([['令和元年度', 2019], ['2年度', 2020]]);
  });

  it('date-report-year: an earlier year is background when the profile\'s Japanese cues say so (以降, から継続, に策定, に基づき, 前年度)', () => {
    const entries = [
      '平成28年4月以降、講習会を開催しており、令和元年度は120回開催した。',
      '平成29年度から継続して研修を実施した。',
      '平成29年4月18日に策定された基本計画に基づき、協議会を開催した。',
      '前年度（平成30年度）と比べ、相談件数は1割増えた。',
      '令和2年4月に教材を配布する予定である。',
      '平成30年11月に資料を配布した。',
      '令和2年度に研修を実施した。',
    ];
    const text = `${FM(2019)}## 1 啓発\n\n### （１）会議\n\n会議を開催する。【警察庁】\n\n${entries.map((e) => `- ${e}【警察庁】\n`).join('')}`;
    const found = lintJa(text).filter((m) => m.ruleId === 'date-report-year');
    expect(found.map((m) => [m.range.start.line, m.severity])).toEqual([[18, 'warning'], [19, 'warning']]);
    expect(found[1]?.message).toBe(
      '「令和2年度」は、この報告の対象である令和元年度より後の年度です。年度を正すか、今後の予定であることが分かるように書いてください（「令和2年度に実施する予定」など）',
    );
    // Without its cue, the same date is reported.
    const plain = text.replace('平成29年度から継続して', '平成29年度に');
    expect(lintJa(plain).filter((m) => m.ruleId === 'date-report-year').map((m) => m.range.start.line)).toEqual([14, 18, 19]);
  });

  it('duplicate-report and repeat-mention-description compare Japanese by characters, widths folded', () => {
    const entry = '平成30年4月23日に児童の性的搾取等撲滅対策推進協議会を開催し、関係府省庁の取組状況を報告した。';
    const fullWidth = entry.replace('30年4月23日', '３０年４月２３日');
    const two = `${head}- ${entry}【警察庁】\n\n### （２）広報\n\n広報を推進する。【警察庁】\n\n- ${fullWidth}【警察庁】\n`;
    expect(messagesOf(two, 'duplicate-report')).toEqual([
      '施策1－（1）で報告した取組とほぼ同じ内容です。重ねて記載せず、「再掲 1－（1）：…」として記載してください',
    ]);
    const repeats = `${head}- ${entry}【警察庁】\n\n### （２）広報\n\n広報を推進する。【警察庁】\n\n- 再掲 1－（1）：推進協議会を開催した。【警察庁】\n- 再掲 1－（1）：サイバー防犯ボランティアの活動を支援した。【警察庁】\n`;
    expect(messagesOf(repeats, 'repeat-mention-description')).toEqual([
      '再掲の記載「サイバー防犯ボランティアの活動を支援した。」に当たる取組が、施策1－（1）（施策名及び取組状況）に見当たりません',
    ]);
  });

  it('numbering: sub-items ア, イ, ... and ①, ②, ... run in order, restarting under each parent', () => {
    const text = `---\ndocument: plan\nlang: ja\n---\n\n## 1 啓発\n\n### （１）会議\n\n#### ア 官民の連携\n\n会議を開催する。【警察庁】\n\n##### ① 会議\n\n##### ② 研修\n\n#### エ 情報の共有\n\n情報を共有する。【警察庁】\n\n##### ① 会議\n\n##### ③ 研修\n\n#### ウ 広報\n\n広報する。【警察庁】\n\n### （２）アクセス制限\n\n#### アクセス制限の推進\n\n推進する。【警察庁】\n`;
    const doc = buildPlan(text);
    expect(doc.measure('1-(1)')?.subItems.map((x) => [x.marker, x.ordinal, x.title])).toEqual([
      ['ア', 1, '官民の連携'], ['①', 1, '会議'], ['②', 2, '研修'], ['エ', 4, '情報の共有'], ['①', 1, '会議'], ['③', 3, '研修'], ['ウ', 3, '広報'],
    ]);
    // A heading that only begins with a katakana letter is not a sub-item.
    expect(doc.measure('1-(2)')?.subItems).toEqual([]);
    expect(messagesOf(text, 'numbering')).toEqual([
      '施策1－（1）の細目「ア」の次は「イ」としてください（「エ」になっています）',
      '施策1－（1）の細目「①」の次は「②」としてください（「③」になっています）',
    ]);
    expect(lintAndFix(text, { config: recommended, rules }).output).toContain('#### イ 情報の共有');
    // English drafts have no sub-item sequences: a deeper heading stays a heading.
    expect(buildPlan('## 1. A\n\n### (i) B\n\n#### (a) C\n\nDone. (National Police Agency)\n').measure('1-(i)')?.subItems).toEqual([]);
  });

  it('fiscal-year-style: one form of 年度 label, the era year unless the document mostly writes western years', () => {
    const text = `${FM(2019)}## 1 啓発\n\n### （１）会議\n\n令和元年度に会議を開催する。【警察庁】\n\n- 2019年度に会議を開催した。【警察庁】\n- 令和元年度（2019年度）に講座を開催した。【警察庁】\n`;
    expect(messagesOf(text, 'fiscal-year-style')).toEqual(['「2019年度」ではなく「令和元年度」と書いてください。年度は「平成30年度」の形で書くのが標準です']);
    expect(lintAndFix(text, { config: recommended, rules }).output).toContain('- 令和元年度に会議を開催した。');
    const western = text.replace('令和元年度に会議を開催する', '2019年度に会議を開催する');
    const auto = createConfig({ rules, settings: { 'fiscal-year-style': ['warn', { style: 'auto' }] } });
    expect(lint(western, { config: auto, rules }).messages.map((m) => m.message)).toEqual([
      '「令和元年度」ではなく「2019年度」と書いてください。文書中の年度の表記3件のうち2件がこの形で書かれています',
    ]);
  });

  it('numbering: full-width measure numbers; a gap at the end is reported, a typo between right neighbours fixed', () => {
    const measure = (n: string, title: string) => `### （${n}）${title}\n\n${title}を推進する。【警察庁】\n\n- ${title}を行った。【警察庁】\n\n`;
    const gap = `${head}- 会議を開催した。【警察庁】\n\n${measure('３', '広報')}`;
    expect(messagesOf(gap, 'numbering')).toEqual(['施策「（１）」の次は「（2）」としてください（「（３）」になっています）']);
    // The same draft linted in English (for a translator): the English message, measures written as the draft writes them.
    const inEnglish = lint(gap, { config: recommended, rules, locale: 'en' }).messages.filter((m) => m.ruleId === 'numbering');
    expect(inEnglish.map((m) => m.message)).toEqual(['Expected measure （2） after （１）, found （３）']);
    const typo = `${head}- 会議を開催した。【警察庁】\n\n${measure('５', '広報')}${measure('３', '講座')}`;
    expect(messagesOf(typo, 'numbering')).toEqual(['施策「（１）」の次は「（2）」としてください（「（５）」になっています）']);
    const fixed = lintAndFix(typo, { config: recommended, rules });
    expect(fixed.output).toContain('### （2）広報');
    expect(fixed.result.messages.filter((m) => m.ruleId === 'numbering')).toEqual([]);
  });
});

describe('the configuration chooses the language of files whose front matter names none', () => {
  const project = path.join(FIXTURES, 'ja-project');

  it('an overrides entry with lang applies to its files only; a draft\'s own lang wins', () => {
    const lang = (file: string) => resolveConfigForFile(file, { rules, cwd: project }).config.lang;
    expect(lang('ja/report.md')).toBe('ja');
    expect(lang('en/report.md')).toBeUndefined();
    const r = runCli(['-f', 'json', '.'], { cwd: project });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    const byFile = Object.fromEntries(results.map((x) => [path.relative(project, x.filePath), x.messages.map((m) => m.message)]));
    expect(byFile).toEqual({
      'en/report.md': ["'NPAA' is not a known ministry abbreviation; did you mean 'NPA'?"],
      'ja/english.md': ["'NPAA' is not a known ministry abbreviation; did you mean 'NPA'?"],
      'ja/report.md': ['「警察省」は府省庁名として登録されていません。「警察庁」の誤りではありませんか'],
    });
    expect(JSON.parse(runCli(['--print-config', 'ja/report.md'], { cwd: project }).stdout)).toMatchObject({ lang: 'ja' });
  });

  it('refuses a language that does not ship, at the top level and in overrides', () => {
    const error = (value: unknown): string => {
      try {
        validateConfig(value, rules, '.plan-lint.json');
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      return '';
    };
    expect(error({ lang: 'fr' })).toBe(`'lang' in .plan-lint.json must be "en" or "ja", not 'fr'`);
    expect(error({ overrides: [{ files: '*.md', lang: 2 }] })).toBe(`'lang' in overrides[0] of .plan-lint.json must be "en" or "ja", not number 2`);
    expect(error({ overrides: [{ files: '*.md', lnag: 'ja' }] })).toMatch(/^Unknown key 'lnag' in overrides\[0\] of \.plan-lint\.json; did you mean 'lang'\?/);
    expect(error({ lang: 'ja', overrides: [{ files: '*.md', lang: 'en' }] })).toBe('');
  });
});

describe('Japanese drafts padded with the worst cases of the ja profile\'s patterns', () => {
  const N = 50_000;
  const strict = createConfig({ rules, extends: 'plan-lint:strict' });
  const noCrash = (text: string) => {
    const result = lint(text, { config: strict, rules });
    expect(result.messages.filter((m) => m.ruleId === 'rule-crash' || m.fatal)).toEqual([]);
    return result;
  };

  it('long runs of spaces in headings, repeat prefixes and sub-item markers; a tag of thousands of names', () => {
    const head = `${FM(2018)}## 1 啓発\n\n### （１）会議\n\n会議を開催する。【警察庁】\n\n`;
    noCrash(`${FM(2018)}## 1${' '.repeat(N)}x\n\n### （${' '.repeat(N)}１\n`);
    noCrash(`${head}- 再掲 1${' \u3000'.repeat(N)}x【警察庁】\n`);
    noCrash(`${head}#### ア${'\u3000'.repeat(N)}\n\n#### イ${' '.repeat(N)}x\n`);
    const many = noCrash(`${head}- 会議を開催した。【${'警察庁、'.repeat(N / 10)}法務省】\n- 講座。【${'及び'.repeat(N / 10)}】\n`);
    expect(many.messages.filter((m) => m.ruleId === 'parse')).toEqual([]);
    // Still read: the patterns did not stop matching what they should.
    const doc = buildPlan(`${head}#### ア${'\u3000'.repeat(10)}官民\n\n- 再掲 1${' '.repeat(3)}－（1）：会議を開催した。【警察庁】\n`);
    expect(doc.measure('1-(1)')?.subItems.map((x) => x.title)).toEqual(['官民']);
    expect(doc.measure('1-(1)')?.blocks.find((b) => b.repeat)?.repeat?.targetId).toBe('1-(1)');
  });
});
