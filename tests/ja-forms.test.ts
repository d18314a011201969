/**
 * Conventions as profile data (issue 13, item 1): the date and fiscal-year forms and the era table each profile
 * reads, and the Japanese tag and legend forms (transition pairs, a catch-all naming its body, 〔〕, 略称 lists
 * and tables).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  createConfig,
  eraCalendar,
  eraDate,
  fiscalYearInEra,
  fiscalYearLabel,
  eraDateLabel,
  lint,
  profileFor,
  validateProfileData,
  type EraCalendar,
  type PlanDocument,
  type TemporalMention,
} from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
const recommended = createConfig({ rules, extends: 'plan-lint:recommended' });
const FM = (fy: number, lang: string) => `---\ndocument: status-report\nfiscal-year: ${fy}\nlang: ${lang}\n---\n\n`;
const HEAD_JA = '## 1 啓発\n\n### （１）会議の開催\n\n';
const show = (t: TemporalMention): string =>
  t.kind === 'fiscal-year'
    ? `${t.raw}=FY${t.year}`
    : t.kind === 'date'
      ? `${t.raw}=${t.date.year ?? t.date.inferredYear}-${t.date.month}-${t.date.day ?? ''}`
      : `${t.raw}=range`;
const datesOf = (doc: PlanDocument): string[] => doc.blocks().flatMap((b) => b.dates.map(show));
const tagsOf = (doc: PlanDocument) => doc.blocks().map((b) => b.tag?.names.map((n) => [n.text, n.form, n.pairedWith ?? null]) ?? null);
const messagesOf = (text: string, ruleId: string) =>
  lint(text, { config: recommended, rules }).messages.filter((m) => m.ruleId === ruleId).map((m) => `${m.range.start.line}:${m.range.start.column} ${m.message}`);

describe('date forms are profile data', () => {
  const ja = JSON.parse(read('seeds/profiles/ja.json')) as { dates: { units: { eras: { name: string; start: string }[] } } };

  it('the era table is the profile\'s: 平成 from 1989-01-08, 令和 from 2019-05-01, as dates and as fiscal-year labels', () => {
    const calendar = eraCalendar(profileFor('ja')) as EraCalendar;
    expect(calendar.eras.map((e) => e.name)).toEqual(ja.dates.units.eras.map((e) => e.name));
    expect(eraDate(calendar, 2019, 4, 30)).toBe('平成31年4月30日');
    expect(eraDate(calendar, 2019, 5, 1)).toBe('令和元年5月1日');
    expect(eraDate(calendar, 1989, 1, 7)).toBe('昭和64年1月7日');
    expect(eraDate(calendar, 1900, 1, 1)).toBeNull();
    expect(fiscalYearInEra(2018, calendar)).toBe('平成30');
    expect(fiscalYearInEra(2019, calendar)).toBe('令和元');
    // The messages' helpers write with the same table.
    expect(fiscalYearLabel(2022, 'ja')).toBe('令和4年度');
    expect(eraDateLabel('2019-04-30')).toBe('平成31年4月30日');
  });

  it('refuses eras out of order or starting on a day that does not exist', () => {
    const withEras = (eras: { name: string; start: string }[]) => ({ ...ja, dates: { ...ja.dates, units: { ...ja.dates.units, eras } } });
    expect(validateProfileData(withEras([{ name: '令和', start: '2019-05-01' }, { name: '平成', start: '1989-01-08' }])).errors).toEqual([
      "profile.dates.units.eras.1.start '1989-01-08' must come after the era before it (eras oldest first)",
    ]);
    expect(validateProfileData(withEras([{ name: '令和', start: '2019-02-30' }])).errors).toEqual([
      "profile.dates.units.eras.0.start '2019-02-30' is not a real date",
    ]);
    expect(validateProfileData({ ...ja, dates: {} }).errors.join('\n')).toMatch(/dates/);
  });

  it('an English draft reads month names and the unit forms (a translation quotes 平成30年度); a Japanese draft the unit forms only', () => {
    const body = '- 平成30年4月23日、29年度及び2019年1月に、FY2018 and April 23, 2018, from May 1 to 3, 2018.【警察庁】\n';
    const en = buildPlan(`${FM(2018, 'en')}## 1. Dates\n\n### (i) Dates\n\n${body}`);
    expect(datesOf(en)).toEqual([
      '平成30年4月23日=2018-4-23',
      '29年度=FY2017',
      '2019年1月=2019-1-',
      'FY2018=FY2018',
      'April 23, 2018=2018-4-23',
      'from May 1 to 3, 2018=range',
    ]);
    const jaDoc = buildPlan(`${FM(2018, 'ja')}${HEAD_JA}${body}`);
    expect(datesOf(jaDoc)).toEqual(['平成30年4月23日=2018-4-23', '29年度=FY2017', '2019年1月=2019-1-']);
  });
});

describe('Japanese tag forms', () => {
  it('reads a transition pair, a catch-all naming its body after a colon, and 〔〕 brackets', () => {
    const doc = buildPlan(
      `${FM(2023, 'ja')}${HEAD_JA}会議を開催する。【法務省、文部科学省、厚生労働省(こども家庭庁)】\n\n` +
        '- 会議を開催した。【関係府省庁:外務省】\n- 研修を実施した。【関係府省庁：外務省、法務省】\n- 講習を実施した。〔内閣府〕\n- 講習を実施した。【厚生労働省（こども家庭庁）】\n',
    );
    expect(tagsOf(doc)).toEqual([
      [['法務省', 'full-name', null], ['文部科学省', 'full-name', null], ['厚生労働省', 'full-name', 3], ['こども家庭庁', 'full-name', 2]],
      [['関係府省庁', 'other-related', null], ['外務省', 'full-name', null]],
      [['関係府省庁', 'other-related', null], ['外務省', 'full-name', null], ['法務省', 'full-name', null]],
      [['内閣府', 'full-name', null]],
      [['厚生労働省', 'full-name', 1], ['こども家庭庁', 'full-name', 0]],
    ]);
    // A colon after a body that is not a catch-all, or brackets around prose, make no tag.
    for (const tag of ['【警察庁:外務省】', '【警察庁(全国で実施)】']) {
      expect(tagsOf(buildPlan(`${FM(2023, 'ja')}${HEAD_JA}会議を開催する。${tag}\n`)), tag).toEqual([null]);
    }
  });

  it('ministry-existence: a pair across the reorganisation is right in either fiscal year; an unrelated pair or the new body alone is not', () => {
    const text = (fy: number) =>
      `${FM(fy, 'ja')}${HEAD_JA}会議を開催する。【厚生労働省(こども家庭庁)】\n\n- 会議を開催した。【厚生労働省（こども家庭庁）】\n- 研修を実施した。【法務省(こども家庭庁)】\n- 講習を実施した。【こども家庭庁】\n`;
    const notYet = '「こども家庭庁」は令和4年度にはまだ設置されていません（2023年4月1日設置。それまでは「内閣府」及び「厚生労働省」が所管していました）';
    expect(messagesOf(text(2022), 'ministry-existence')).toEqual([`14:16 ${notYet}`, `15:12 ${notYet}`]);
    expect(messagesOf(text(2023), 'ministry-existence')).toEqual([]);
  });
});

describe('the Japanese legend (略称)', () => {
  const legend = '## 略称\n\n- 警察：警察庁\n- 外務: 外務省\n\n| 略称 | 正式名称 |\n|---|---|\n| 消費者 | 消費者庁 |\n| デジ | デジタル庁 |\n\n';

  it('reads 略称：正式名称 items and table rows (not the header row); the short forms it defines resolve in tags', () => {
    const text = `${FM(2023, 'ja')}${legend}${HEAD_JA}会議を開催する。【警察庁、外務省、消費者庁】\n\n- 会議を開催した。【警察、外務】\n- 研修を実施した。【消費者】\n`;
    const doc = buildPlan(text);
    expect(doc.legend?.entries.map((e) => `${e.abbreviation}=${e.name}@${e.range.start.line}:${e.range.start.column}`)).toEqual([
      '警察=警察庁@9:3',
      '外務=外務省@10:3',
      '消費者=消費者庁@14:3',
      'デジ=デジタル庁@15:3',
    ]);
    expect(tagsOf(doc).slice(1)).toEqual([[['警察', 'abbreviation', null], ['外務', 'abbreviation', null]], [['消費者', 'abbreviation', null]]]);
    expect(messagesOf(text, 'ministry-known')).toEqual([]);
    expect(messagesOf(text, 'status-coverage')).toEqual([]);
    // Without the legend, 【消費者】 is no tag at all.
    expect(tagsOf(buildPlan(text.replace(legend, ''))).slice(2)).toEqual([null]);
  });

  it('a line it cannot read is reported in the drafter\'s language', () => {
    const doc = buildPlan(`${FM(2023, 'ja')}## 略称\n\n- 警察庁のこと\n\n${HEAD_JA}会議を開催する。【警察庁】\n`);
    expect(doc.problems.map((p) => p.message)).toEqual([
      {
        en: "This line of the abbreviation legend is not read: write 'ABBR: Full name' or 'ABBR (Full name)'",
        ja: '略称の凡例のこの行は読み取れません。「略称: 正式名称」又は「略称 (正式名称)」の形で書いてください',
      },
    ]);
  });
});
