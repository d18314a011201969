/**
 * Triage of the repeat-mention, date, numbering and duplicate-report rules on
 * the real FY2018 implementation-status report (seeds/fy2018-status-report.md,
 * converted from seeds/fy2018-implementation-status.txt).
 *
 * Every finding on the published report is asserted with the reason it is a
 * real defect (checked against the PDF text); anything else would be a false
 * positive. The second half plants defects a drafter could make into the real
 * report and checks that each is found exactly once, so a quiet result cannot
 * come from rules that see nothing. The last part checks that duplicate-report
 * stays about linear on large documents.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConfig, lint, lintAndFix, type LintMessage, type RuleSetting } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { byRule, RAW, rawFlat, SEED } from './seed-helpers.js';
import { earliestMatches, shingles, signature } from '../rules/lib/minhash.js';


const MINE = [
  'repeat-mention-target',
  'repeat-mention-format',
  'repeat-mention-ministries',
  'repeat-mention-description',
  'date-valid',
  'date-fiscal-year',
  'fiscal-year-style',
  'date-year-inferred',
  'numbering',
  'duplicate-report',
] as const;

const seed = readFileSync(SEED, 'utf8');

function settingsFor(ids: readonly string[], overrides: Record<string, RuleSetting> = {}): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const id of ids) {
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) throw new Error(`rule ${id} is not registered in rules/index.ts`);
    settings[id] = rule.meta.defaultSeverity;
  }
  return Object.assign(settings, overrides);
}

/** Lints with only this suite's rules, each at its default severity. */
function run(text: string, overrides: Record<string, RuleSetting> = {}): LintMessage[] {
  const config = createConfig({ rules, settings: settingsFor(MINE, overrides) });
  return lint(text, { config, rules }).messages;
}



/** FY labels in the seed's blocks: every "FY2009" ... "FY2019" of the PDF text (36), all written without a space. */
const FY_LABELS = 36;

const textOf = (source: string, m: LintMessage): string => source.slice(m.range.start.offset, m.range.end.offset);

describe('real FY2018 report: findings of the repeat-mention, date, numbering and duplicate rules', () => {
  const messages = run(seed);

  it('the rules see what they check: 88 measures, 20 repeat mentions, 36 fiscal-year labels', () => {
    const config = createConfig({ rules });
    const doc = lint(seed, { config, rules }).document;
    expect(doc.sections.map((s) => s.measures.length)).toEqual([21, 15, 9, 18, 12, 13]);
    const repeats = doc.blocks().filter((b) => b.repeat);
    expect(repeats).toHaveLength(20);
    const fy = doc.blocks().flatMap((b) => b.dates.filter((d) => d.kind === 'fiscal-year'));
    expect(fy.length).toBe(FY_LABELS);
    expect(new Set(fy.map((d) => (d.kind === 'fiscal-year' ? d.style : '')))).toEqual(new Set(['FY2018']));
  });

  it('reports exactly the real defects, per rule', () => {
    expect(byRule(messages, MINE)).toEqual({
      'repeat-mention-target': 0,
      'repeat-mention-format': 1,
      'repeat-mention-ministries': 0,
      'repeat-mention-description': 1,
      'date-valid': 0,
      'date-fiscal-year': 1,
      'fiscal-year-style': 0,
      'date-year-inferred': 3,
      numbering: 0,
      'duplicate-report': 2,
    });
    const found = messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      measureId: m.measureId,
      line: m.range.start.line,
      text: textOf(seed, m).slice(0, 60),
      message: m.message,
    }));
    expect(found).toEqual([
      // 1-(xi) "the e-Net Caravan" entry: the PDF says "In FY2018 (until the end of January 2020)"; FY2018 ends on
      // March 31, 2019, so the parenthesis contradicts its own label (the report was published in 2019: a typo for 2019).
      {
        ruleId: 'date-fiscal-year',
        severity: 'error',
        measureId: '1-(x)',
        line: 126,
        text: 'the end of January 2020',
        message: "'the end of January 2020' is outside FY2018 (April 1, 2018 \u2013 March 31, 2019), which 'FY2018' names",
      },
      // 1-(xiv): the one date of the report written without a year ("held on October 28, in conjunction with the
      // November 2018 ..."); information only, with the year it is read as.
      {
        ruleId: 'date-year-inferred',
        severity: 'info',
        measureId: '1-(xiv)',
        line: 180,
        text: 'October 28',
        message: "'October 28' has no year; read as October 28, 2018",
      },
      // 2-(i): "notices were sent out on January 15 to the boards of education" for the spring initiative of FY2018:
      // no year in the text; read in the document's fiscal year as January 15, 2019 (information).
      {
        ruleId: 'date-year-inferred',
        severity: 'info',
        measureId: '2-(i)',
        line: 250,
        text: 'January 15',
        message: "'January 15' has no year; read as January 15, 2019",
      },
      // Same entry: "during the initiative from February to May" has no year either (read as the whole range in 2019,
      // not as February 2019 to May 2018). Recurring periods ("every year", "normally implemented from February to May",
      // "the annual Campaign ... from November 12 to 25") are not reported.
      {
        ruleId: 'date-year-inferred',
        severity: 'info',
        measureId: '2-(i)',
        line: 250,
        text: 'from February to May',
        message: "'from February to May' has no year; read as February 2019 to May 2019",
      },
      // 3-(i): the PDF really writes "Repeat mention 1 – (x):" with an en dash, unlike the 19 other repeat mentions.
      {
        ruleId: 'repeat-mention-format',
        severity: 'warning',
        measureId: '3-(i)',
        line: 408,
        text: 'Repeat mention 1 \u2013 (x):',
        message: `Write the repeat-mention prefix as 'Repeat mention 1 - (x):', not 'Repeat mention 1 \u2013 (x):' (an en dash instead of "-")`,
      },
      // 6-(ii): the MEXT entry on the training program for health education teachers (220 attendees) is printed in full
      // under 1-(vii) and again under 6-(ii), instead of a repeat mention (the report's own convention, used 20 times).
      {
        ruleId: 'duplicate-report',
        severity: 'warning',
        measureId: '6-(ii)',
        line: 762,
        text: '- In the training program for health education teachers, exe',
        message: "Near-identical to the entry reported under 1-(vii); consider 'Repeat mention 1 - (vii): ...' instead of reporting it again",
      },
      // 6-(x): the MEXT entry on school counselors and school social workers is 4-(xi)'s entry again, with a few words
      // added ("supporting", "and the emergency dispatch of school counselors").
      {
        ruleId: 'duplicate-report',
        severity: 'warning',
        measureId: '6-(x)',
        line: 810,
        text: '- In FY2018, in order to appropriately address the concerns ',
        message: "Near-identical to the entry reported under 4-(xi); consider 'Repeat mention 4 - (xi): ...' instead of reporting it again",
      },
      // 6-(xii): "Repeat mention 4 - (xii): Development of the “Comprehensive Reinforcement Plan for Child Abuse Prevention
      // Measures System.”" — 4-(xii) is "Protection and support for women ... women's protection project" and says
      // nothing about that plan; it is reported under 4-(vii) ("a new plan “Comprehensive Reinforcement Plan for Child
      // Abuse Prevention Measures System” was developed in December 2018").
      {
        ruleId: 'repeat-mention-description',
        severity: 'warning',
        measureId: '6-(xii)',
        line: 824,
        text: 'Development of the \u201cComprehensive Reinforcement Plan for Chi',
        message: "The described activity ('Development of the \u201cComprehensive Reinforcement Plan for ...') is reported under 4-(vii), not 4-(xii)",
      },
    ]);
  });

  it('gives drafters the places to look at and a suggestion where one is sure', () => {
    const description = messages.find((m) => m.ruleId === 'repeat-mention-description');
    expect(description?.suggestions?.[0]?.description).toBe('Point the repeat mention to 4-(vii)');
    const fixedPrefix = description?.suggestions?.[0]?.edits.map((e) => e.text);
    expect(fixedPrefix).toEqual(['4', 'vii']);
    expect(description?.related?.map((r) => r.range.start.line)).toEqual([570, 528]);
    const dup = messages.filter((m) => m.ruleId === 'duplicate-report');
    expect(dup.map((m) => m.related?.[0]?.range.start.line)).toEqual([98, 568]);
    // Only the en dash is fixable; after the fix the prefix is canonical and nothing else changed.
    const config = createConfig({ rules, settings: settingsFor(['repeat-mention-format']) });
    const fixed = lintAndFix(seed, { config, rules });
    expect(fixed.output).toBe(seed.replace('Repeat mention 1 \u2013 (x):', 'Repeat mention 1 - (x):'));
  });

  it('the findings are really in the published PDF text', () => {
    const raw = rawFlat();
    expect(raw).toContain('In FY2018 (until the end of January 2020), 2,314 e-Net Caravans were organized');
    expect(raw).toContain('was held on October 28, in conjunction with the November 2018');
    expect(raw).toContain('notices were sent out on January 15 to the boards of education');
    expect(raw).toContain('Repeat mention 1 \u2013 (x): Implementation of \u201ce-Net Caravan\u201d (MIC)');
    expect(raw.match(/Repeat mention \d+ - \(/g)).toHaveLength(19);
    // The health-education training entry is printed twice, under 1-(vii) and 6-(ii).
    expect(raw.match(/In the training program for health education teachers, exercise lessons/g)).toHaveLength(2);
    // The school counselors entry is printed under 4-(xi) and again, extended, under 6-(x).
    expect(raw.match(/we made efforts to enhance the counseling system/g)).toHaveLength(2);
    // The plan is described under 4-(vii) only; the repeat mention names 4-(xii).
    expect(raw.match(/Comprehensive Reinforcement Plan for Child Abuse Prevention Measures System/g)).toHaveLength(2);
    const m4xii = raw.slice(raw.indexOf('(xii) Protection and support for women'), raw.indexOf('(xiii) Provision of support at child welfare facilities'));
    expect(m4xii.length).toBeGreaterThan(100);
    expect(m4xii).not.toContain('Comprehensive Reinforcement Plan');
    expect(raw).toContain('Repeat mention 4 - (xii): Development of the \u201cComprehensive Reinforcement Plan for Child Abuse Prevention Measures System.\u201d (MHLW)');
  });
});

describe('defects planted in the real report are each found once', () => {
  function plant(from: string, to: string, occurrence = 1, text = seed): string {
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = text.indexOf(from, at + 1);
      if (at === -1) throw new Error(`'${from}' not found`);
    }
    return text.slice(0, at) + to + text.slice(at + from.length);
  }
  const baseline = new Set(run(seed).map((m) => `${m.ruleId}@${m.range.start.offset}`));
  /** Findings that the seed itself does not have (offsets shift after the plant, so compare rule + message). */
  const seedMessages = new Set(run(seed).map((m) => `${m.ruleId}|${m.message}`));
  const added = (text: string): LintMessage[] => run(text).filter((m) => !seedMessages.has(`${m.ruleId}|${m.message}`));

  it('baseline is the triaged set', () => {
    expect(baseline.size).toBe(8);
  });

  it('a repeat mention to a measure that does not exist (repeat-mention-target)', () => {
    const text = plant('Repeat mention 4 - (i): Establishment of consultation counters', 'Repeat mention 4 - (xx): Establishment of consultation counters');
    const found = added(text);
    expect(found.map((m) => m.message)).toEqual(['Repeat mention 4 - (xx): section 4 has no measure (xx); it has (i) to (xviii)']);
    expect(textOf(text, found[0]!)).toBe('4 - (xx)');
  });

  it('a repeat mention that names its own measure (repeat-mention-target)', () => {
    // The repeat mention to 4-(i) sits in 4-(ii).
    const found = added(plant('Repeat mention 4 - (i): Establishment', 'Repeat mention 4 - (ii): Establishment'));
    expect(found.map((m) => m.ruleId)).toEqual(['repeat-mention-target']);
    expect(found[0]?.message).toMatch(/points to its own measure 4-\(ii\)/);
  });

  it('a ministry credited in a repeat mention that reported nothing there (repeat-mention-ministries)', () => {
    const found = added(plant('Repeat mention 1 - (ii): Internet Safety Classes (METI)', 'Repeat mention 1 - (ii): Internet Safety Classes (METI and MOFA)'));
    expect(found.map((m) => m.ruleId)).toEqual(['repeat-mention-ministries']);
    expect(found[0]?.message).toMatch(/^'MOFA' reported nothing under 1-\(ii\)/);
  });

  it('a repeat mention with a numeral typo that still names an existing measure (repeat-mention-description)', () => {
    // 3-(viii) → 3-(v) "Reporting illegal contents such as child pornography images to relevant organizations".
    const found = added(plant('Repeat mention 3 - (v): Reporting illegal contents', 'Repeat mention 3 - (vi): Reporting illegal contents'));
    expect(found.map((m) => m.ruleId)).toEqual(['repeat-mention-description']);
    expect(found[0]?.message).toMatch(/is reported under 3-\(v\), not 3-\(vi\)$/);
  });

  it('an impossible date (date-valid)', () => {
    const found = added(plant('April 23, 2018', 'April 31, 2018'));
    expect(found.map((m) => m.message)).toEqual(["'April 31, 2018' is not a valid date: April has 30 days"]);
  });

  it('a date after the as-of cut-off (date-fiscal-year)', () => {
    const text = plant('fiscal-year: 2018\n', 'fiscal-year: 2018\nas-of: 2019-06-30\n');
    // 2-(xii) "... payments ... beginning with the November 2019 payments was passed by the 2018 ordinary session of
    // the Diet" names a scheduled date, not something that happened after the cut-off: not reported.
    expect(text).toContain('beginning with the November 2019 payments');
    expect(added(text)).toEqual([]);
    const found = added(plant('April 23, 2018', 'July 23, 2019', 1, text));
    expect(found.map((m) => m.message)).toEqual([
      "'July 23, 2019' is after the report's as-of date (June 30, 2019); nothing reported may happen after it",
    ]);
  });

  it('a fiscal-year label in another form (fiscal-year-style, fixable)', () => {
    const found = added(plant('In FY2018, the Central Meeting', 'In FY 2018, the Central Meeting'));
    expect(found.map((m) => m.ruleId)).toEqual(['fiscal-year-style']);
    expect(found[0]?.fix?.edits[0]?.text).toBe('FY2018');
  });

  it('a duplicated measure number (numbering, fixable) and a deleted measure (numbering, not fixable)', () => {
    // 1-(v) written as (vi): (iv), (vi), (vi), (vii): renumbering that one heading makes the sequence right.
    const dup = added(plant('### (v) ', '### (vi) '));
    expect(dup.map((m) => m.message)).toEqual(['Expected measure (v) after (iv), found (vi)']);
    expect(dup[0]?.fix?.edits[0]?.text).toBe('v');
    // 1-(v)'s heading deleted: its blocks join 1-(iv) and (vi) follows (iv): a gap that no renumbering can fix.
    const heading = /^### \(v\) .*\n\n/m.exec(seed)?.[0] ?? '';
    expect(heading).not.toBe('');
    const gap = added(plant(heading, ''));
    expect(gap.map((m) => m.message)).toEqual(['Expected measure (v) after (iv), found (vi)']);
    expect(gap[0]?.fix).toBeUndefined();
  });

  it('an entry copied into another measure (duplicate-report)', () => {
    // 1-(ii)'s public opinion survey entry pasted into 3-(viii), before its repeat mention.
    const entry = /^- “Public Opinion Survey on Measures to Prevent Child Sexual Exploitation”.*$/m.exec(seed)?.[0] ?? '';
    expect(entry.length).toBeGreaterThan(100);
    const at = seed.indexOf('- Repeat mention 3 - (v):');
    const text = `${seed.slice(0, at)}${entry}\n\n${seed.slice(at)}`;
    const found = added(text);
    expect(found.map((m) => m.ruleId)).toEqual(['duplicate-report']);
    expect(found[0]?.measureId).toBe('3-(viii)');
    expect(found[0]?.message).toMatch(/^Near-identical to the entry reported under 1-\(ii\)/);
  });
});

describe('duplicate-report on large documents', () => {
  /** A report of `n` measures with 4 distinct entries each, words drawn from the seed's vocabulary. */
  function bigReport(n: number): string {
    const vocabulary = [...new Set(seed.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    const parts = ['---\ndocument: status-report\nfiscal-year: 2018\n---\n\n## 1. Section\n\n'];
    for (let i = 1; i <= n; i++) {
      parts.push(`### (${toRoman(i)}) Measure\n\nActivities shall be promoted. (National Police Agency)\n\n`);
      for (let e = 0; e < 4; e++) {
        const words = Array.from({ length: 30 }, () => vocabulary[next() % vocabulary.length]);
        parts.push(`- ${words.join(' ')}. (NPA)\n`);
      }
      parts.push('\n');
    }
    return parts.join('');
  }
  function toRoman(v: number): string {
    const t: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
    let out = '';
    for (const [n, s] of t) while (v >= n) { out += s; v -= n; }
    return out;
  }
  function findDuplicates(text: string): number {
    const config = createConfig({ rules, settings: settingsFor(['duplicate-report']) });
    return lint(text, { config, rules }).messages.filter((m) => m.ruleId === 'duplicate-report').length;
  }
  /** How many pairs the MinHash candidate search compares for `n` entries of 30 words, in clusters of 8 identical ones. */
  function comparisons(n: number): number {
    let state = 777;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    const vocabulary = [...new Set(seed.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
    const sigs: Uint32Array[] = [];
    for (let c = 0; c < n / 8; c++) {
      const sig = signature(shingles(Array.from({ length: 30 }, () => vocabulary[next() % vocabulary.length] ?? ''), 3));
      for (let k = 0; k < 8; k++) sigs.push(sig);
    }
    let count = 0;
    earliestMatches(sigs, () => {
      count++;
      return false;
    });
    return count;
  }

  it('finds no false duplicates among 1,200 distinct entries', () => {
    expect(findDuplicates(bigReport(300))).toBe(0);
  });

  it('compares a number of pairs that grows linearly, far below all pairs (no quadratic diff)', () => {
    // Counted work, not time: speed itself is measured by `npm run bench`.
    const small = comparisons(1000);
    const large = comparisons(4000);
    expect(small).toBeGreaterThan(0); // the clusters are found as candidates
    expect(large).toBeLessThan(small * 4 * 1.5);
    expect(large).toBeLessThan((4000 * 3999) / 2 / 100);
  });

  it('still finds a copy planted far away in a large document', () => {
    const text = bigReport(200);
    const first = text.indexOf('\n- ') + 1;
    const entry = text.slice(first, text.indexOf('\n', first));
    const last = text.lastIndexOf('\n- ') + 1;
    const planted = `${text.slice(0, last)}${entry}\n${text.slice(last)}`;
    expect(findDuplicates(planted)).toBe(1);
  });
});

describe('bad input never throws', () => {
  it('every prefix of the real report (cut anywhere, even mid-word) lints without a rule crash', () => {
    const config = createConfig({ rules, settings: settingsFor(MINE) });
    for (let cut = 0; cut < seed.length; cut += 4099) {
      const text = seed.slice(0, cut);
      const result = lint(text, { config, rules });
      expect(result.messages.filter((m) => m.fatal || m.ruleId === 'rule-crash')).toEqual([]);
    }
  });

  it('odd drafts: empty, headings only, repeat mentions and dates in a preamble', () => {
    const config = createConfig({ rules, settings: settingsFor(MINE) });
    const drafts = [
      '',
      '## 1. Only a section\n',
      '### (i) A measure without a section\n\n- Repeat mention 9 - (ix): Nothing (NPA)\n',
      '## 2. Preamble\n\n- Repeat mention 2 - (i): Itself (NPA)\n- Held on February 30 and from May to April. (NPA)\n\n### (mmmm) x\n',
      '---\nas-of: not a date\n---\n\n## 1. S\n\n### (i) M\n\n- FY 2018 FY2018 fiscal 2018 on July 40, 2019. (NPA)\n',
    ];
    for (const text of drafts) {
      const result = lint(text, { config, rules });
      expect(result.messages.filter((m) => m.fatal || m.ruleId === 'rule-crash')).toEqual([]);
    }
  });
});

describe('documentation of these rules', () => {
  const docsDir = fileURLToPath(new URL('../rules/', import.meta.url));
  const example = (md: string, heading: string): string => {
    const at = md.indexOf(`\n## ${heading}\n`);
    return at === -1 ? '' : (/```markdown\n([\s\S]*?)```/.exec(md.slice(at))?.[1] ?? '');
  };

  it.each(MINE)('%s.md has the required sections, and its Bad example is reported while its Good one is not', (id) => {
    const rule = rules.find((r) => r.meta.id === id)!;
    expect(rule.meta.docs).toBe(`${id}.md`);
    const md = readFileSync(`${docsDir}${id}.md`, 'utf8');
    expect(md.startsWith(`# ${id}\n\n`)).toBe(true);
    const headings = md.replace(/```[\s\S]*?```/g, '').match(/^## .*$/gm);
    expect(headings).toEqual(['## Why', '## Bad', '## Good', '## Options', '## When not to use it']);
    const config = createConfig({ rules, settings: settingsFor([id]) });
    const bad = lint(example(md, 'Bad'), { config, rules }).messages.filter((m) => m.ruleId === id);
    const good = lint(example(md, 'Good'), { config, rules }).messages.filter((m) => m.ruleId === id);
    expect(bad.length).toBeGreaterThan(0);
    expect(good).toEqual([]);
  });
});
