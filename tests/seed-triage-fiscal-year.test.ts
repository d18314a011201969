/**
 * The report's own fiscal year (date-report-year, and date-year-inferred's reading of year-less dates) on the real
 * FY2018 report (seeds/fy2018-status-report.md) and on copies of it.
 *
 * The real report gets no finding: every label and date outside FY2018 in its entries is listed below with the
 * cue that makes it background (rules/date-report-year.md). The same report with only `fiscal-year: 2019` changed
 * must read as last year's report; removing one cue from the real report must bring exactly that mention back.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyFixes, createConfig, lint, type LintMessage, type RuleSetting, type TemporalMention } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { SEED } from './seed-helpers.js';
import { dateSpan, fiscalYearBounds, rangeYears } from '../rules/lib/calendar.js';

const seed = readFileSync(SEED, 'utf8');

function run(text: string, settings: Record<string, RuleSetting> = { 'date-report-year': 'error' }): LintMessage[] {
  return lint(text, { config: createConfig({ rules, settings }), rules }).messages;
}

const textOf = (source: string, m: LintMessage): string => source.slice(m.range.start.offset, m.range.end.offset);

/** One occurrence replaced, failing loudly when the text is not there (the seed changed). */
function plant(from: string, to: string, text = seed): string {
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`'${from}' not found`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** "1-(x) since FY2016": every label and written date in the report's entries that lies wholly outside FY`fy`. */
function outOfYear(text: string, fy: number): string[] {
  const doc = lint(text, { config: createConfig({ rules, settings: {} }), rules }).document;
  const { first: fyFirst, last: fyLast } = fiscalYearBounds(fy);
  const outside = (t: TemporalMention): boolean => {
    if (t.kind === 'fiscal-year') return t.year !== fy;
    if (t.kind === 'date') return t.date.year !== null && (dateSpan(t.date, t.date.year).last < fyFirst || dateSpan(t.date, t.date.year).first > fyLast);
    const years = rangeYears(t.start, t.end);
    if (years === null || (t.start.year === null && t.end.year === null)) return false;
    return dateSpan(t.end, years.endYear).last < fyFirst || dateSpan(t.start, years.startYear).first > fyLast;
  };
  return doc
    .blocks()
    .filter((b) => b.kind === 'status-entry' || b.kind === 'repeat-mention')
    .flatMap((b) => b.dates.filter(outside).map((t) => `${b.measureId} ${t.raw}`));
}

describe('real FY2018 report: labels and dates outside FY2018 are background', () => {
  it('lists every label and date outside FY2018 in the entries, each background by a cue of the rule docs', () => {
    expect(outOfYear(seed, 2018)).toEqual([
      '1-(i) FY2017', // history, then this year: "reported ... during FY2017, and ... during FY2018"
      '1-(vii) May 19, 2017', // "(decided on May 19, 2017, ...)"
      '1-(x) the end of January 2020', // qualifies "In FY2018 (...)": date-fiscal-year's finding, not this rule's
      '1-(x) FY2016', // "since FY2016"
      '1-(xi) FY2009', // "Since FY2009"
      '1-(xvii) March 2011', // "instituted in March 2011"
      '1-(xxi) June 2017', // history: "In June 2017, Japan submitted ... In November 2018, ..."
      '1-(xxi) April 25, 2017', // grounds: "Based on the directive ... (April 25, 2017 NPA Bulletin No. 10, etc.)"
      '2-(vi) FY2012', // "since FY2012"
      '2-(vi) From July to December 2017', // history: "... were published in April 2018. For FY2018, ..."
      '2-(xii) August 2016', // "starting from the allowance for August 2016"
      '2-(xii) November 2019', // a plan: "beginning with the November 2019 payments"
      '3-(v) March 2011', // "established in March 2011"
      '3-(v) April 2011', // "since April 2011"
      '4-(i) FY2019', // a plan: "scheduled to start during FY2019"
      '4-(vii) FY2019', // a plan: "will be strengthened in four years from FY2019"
      '4-(vii) FY2017', // "in addition to 3,240 specialists in FY2017"
      '4-(viii) August 2017', // "introduced in August 2017"
      '4-(xii) FY2017', // grounds: "Based on the findings ... conducted in the FY2017 research project"
      '4-(xv) March 30, 2016', // grounds: "Based on the provisions of Article 16-2 ..., the Council ..., held on March 30, 2016"
      '4-(xv) July 15, 2014', // "between July 15, 2014"
      '4-(xv) FY2015', // "... and the end of FY2015"
      '4-(xvii) FY2017', // "conducted every three years"
      '4-(xvii) March 2018', // "conducted every three years"
      '5-(iii) July 2015', // "effective from July 2015"
      '6-(xiii) FY2017', // history: "(i) In FY2017, ... (ii) In FY2018, ..."
    ]);
  });

  it('gives no date-report-year finding, and the whole report keeps its findings', () => {
    expect(run(seed)).toEqual([]);
    const all = lint(seed, { config: createConfig({ rules, extends: 'plan-lint:recommended' }), rules }).messages;
    expect({
      error: all.filter((m) => m.severity === 'error').length,
      warning: all.filter((m) => m.severity === 'warning').length,
      info: all.filter((m) => m.severity === 'info').length,
    }).toEqual({ error: 1, warning: 6, info: 3 });
  });

  it.each([
    ['since FY2016, seminars', 'in FY2016, seminars', 'FY2016'],
    ['The speed dial was introduced in August 2017', 'The speed dial was renamed in August 2017', 'August 2017'],
    ['Based on the directive “About Strengthening', 'Following the directive “About Strengthening', 'April 25, 2017'],
    ['Since FY2009, “Internet trouble case collection,”', 'In FY2009, “Internet trouble case collection,”', 'FY2009'],
    ['(The operation is scheduled to start during FY2019.)', '(The operation started during FY2019.)', 'FY2019'],
  ])('without its cue, one mention is reported: %s', (from, to, raw) => {
    const text = plant(from, to);
    const found = run(text);
    expect(found.map((m) => textOf(text, m))).toEqual([raw]);
    expect(found[0]?.severity).toBe('warning');
  });

  it('"every three years" covers both mentions of the 4-(xvii) survey; without it both are reported', () => {
    const text = plant('is conducted every three years on', 'is conducted on');
    expect(run(text).map((m) => textOf(text, m))).toEqual(['FY2017', 'March 2018']);
  });
});

describe('last year’s report with this year’s front matter', () => {
  const copy = plant('fiscal-year: 2018\n', 'fiscal-year: 2019\n');
  const messages = run(copy);

  it('says once, at fiscal-year, that it reads like the FY2018 report (an error)', () => {
    const errors = messages.filter((m) => m.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.range.start.line).toBe(4);
    expect(textOf(copy, errors[0]!)).toBe('2019');
    expect(errors[0]?.message).toBe(
      "This reads like the FY2018 report, not FY2019's: 73 of the 99 fiscal-year labels and dates in its entries fall in FY2018 " +
        '(April 1, 2018 \u2013 March 31, 2019) and 4 in FY2019. Set the fiscal year to 2018, or bring the entries up to date',
    );
    // The suggestion puts the real year back, and the report is clean again.
    const suggestion = errors[0]?.suggestions?.[0];
    expect(suggestion?.description).toBe("Set 'fiscal-year' to 2018");
    const restored = applyFixes(copy, [{ ...errors[0]!, fix: suggestion }]).output;
    expect(restored).toBe(seed);
  });

  it('reports each FY2018 label and 2018 date of the entries that no cue makes background', () => {
    const warnings = messages.filter((m) => m.severity === 'warning');
    expect(warnings).toHaveLength(69);
    // 22 of the entries' 23 "FY2018": 5-(ix) "From FY2018, the institutions ... have been expanded" reads as a period start.
    const labels = warnings.filter((m) => textOf(copy, m) === 'FY2018');
    expect(labels).toHaveLength(22);
    expect(outOfYear(copy, 2019).filter((s) => s.endsWith(' FY2018'))).toHaveLength(23);
    expect(labels[0]?.message).toBe(
      "'FY2018' names FY2018, but this report covers FY2019: correct the year, or make clear that it is background (\"since FY2018\", \"compared with FY2018\")",
    );
    const first = warnings.find((m) => textOf(copy, m) === 'April 23, 2018');
    expect(first?.range.start.line).toBe(26); // the seed's front matter names its plan: one line more
    expect(first?.message).toBe(
      "'April 23, 2018' is before FY2019 (April 1, 2019 \u2013 March 31, 2020), the year this report covers: correct the date, or make clear that it is background (\"since …\", \"established in …\", \"Based on …\")",
    );
    // Every warning is on a label or date outside FY2019.
    const outside = new Set(outOfYear(copy, 2019).map((s) => s.slice(s.indexOf(' ') + 1)));
    expect(warnings.filter((m) => !outside.has(textOf(copy, m)))).toEqual([]);
  });
});

describe('one entry from last year in this year’s report', () => {
  const report = (entry: string): string =>
    [
      '---',
      'document: status-report',
      'fiscal-year: 2019',
      '---',
      '',
      '## 1. Enhancement of public awareness',
      '',
      '### (i) Convening of a public-private conference',
      '',
      'A conference shall be convened. (National Police Agency)',
      '',
      '- The Conference was held on May 20, 2019. (NPA)',
      entry,
      '',
    ].join('\n');

  it('"held on April 23, 2018. (NPA)" in the FY2019 report is reported', () => {
    const text = report('- The Conference for Promotion of Measures was held on April 23, 2018. (NPA)');
    const found = run(text);
    expect(found.map((m) => [m.range.start.line, textOf(text, m), m.severity])).toEqual([[13, 'April 23, 2018', 'warning']]);
    // One entry is not a report of another year: no front-matter finding.
    expect(found.some((m) => m.range.start.line === 3)).toBe(false);
  });

  it('"January 15" in the FY2019 report is read as January 15, 2020, not in the year of a date beside it', () => {
    const text = report('- In April 2019, the spring initiative was prepared, and notices were sent out on January 15 to the boards of education. (MEXT)');
    const found = run(text, { 'date-year-inferred': 'info' });
    expect(found.map((m) => m.message)).toEqual(["'January 15' has no year; read as January 15, 2020"]);
    // A later month is read in the fiscal year's first calendar year.
    const autumn = run(report('- In January 2020, notices were sent, and a forum was held on October 28. (MEXT)'), { 'date-year-inferred': 'info' });
    expect(autumn.map((m) => m.message)).toEqual(["'October 28' has no year; read as October 28, 2019"]);
  });

  it('the relabelled real report reads its year-less dates in FY2019 too', () => {
    const copy = plant('fiscal-year: 2018\n', 'fiscal-year: 2019\n');
    const found = run(copy, { 'date-year-inferred': 'info' });
    expect(found.map((m) => m.message)).toEqual([
      "'October 28' has no year; read as October 28, 2019",
      "'January 15' has no year; read as January 15, 2020",
      "'from February to May' has no year; read as February 2020 to May 2020",
    ]);
  });
});
