/**
 * Regular-expression audit. Every regex literal in packages/core/src and rules/ was
 * checked with the recheck ReDoS checker (see SECURITY.md); those it found polynomial
 * (none were exponential) were rewritten. Each case below feeds the worst-case string
 * of one such regex through buildPlan/lint (bounded sizes) and checks the outcome, and
 * that the rewritten regex still reads what the old one read. Timing is measured by
 * scripts/hostile-timing.mjs, not here.
 */
import { buildPlan, compileProfile, createConfig, lint, profileFor } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { describe, expect, it } from 'vitest';
import { differences } from '../rules/repeat-mention-format.js';
import { rawWords } from '../rules/lib/words.js';
import { readDirectives } from '../packages/core/src/model/directives.js';
import { chunkBoundaries } from '../packages/core/src/model/safe-parse.js';
import { LineIndex } from '../packages/core/src/positions.js';
import type { Directive } from '@plan-lint/core';

const strict = createConfig({ rules, extends: 'plan-lint:strict' });
const lintStrict = (text: string) => lint(text, { config: strict, rules });
const HEAD = '## 1. Section\n\n### (i) Measure\n\nShall be done. (National Police Agency)\n\n### (ii) Other\n\nShall be done. (National Police Agency)\n\n';
const N = 50_000;

function noCrash(text: string): void {
  const result = lintStrict(text);
  expect(result.messages.filter((m) => m.ruleId === 'rule-crash' || m.fatal)).toEqual([]);
}

describe('regexes found polynomial, fed their worst case', () => {
  it('model/blocks.ts REPEAT: whitespace runs between the section number and "(" (was [ \\t]*-?[ \\t]*)', () => {
    noCrash(HEAD + '- Repeat mention 1' + ' \t'.repeat(N) + 'x (NPA)\n');
    // Still read: spaces and a dash, no dash, an en dash.
    for (const prefix of ['Repeat mention 1 - (i):', 'Repeat mention 1 (i):', 'Repeat mention 1  –  (i):', 'Repeat mention 1-(i):']) {
      const doc = buildPlan(HEAD.replace('### (ii)', '### (ii)') + `- ${prefix} Measure (NPA)\n`);
      const repeat = doc.measure('1-(ii)')?.blocks.find((b) => b.repeat)?.repeat;
      expect(repeat?.targetId, prefix).toBe('1-(i)');
      expect(repeat?.prefixRaw, prefix).toBe(prefix);
    }
  });

  it('model/dates.ts JA_CONTINUATION: a long run of 、 between a Japanese FY label and a date', () => {
    noCrash(HEAD + '- 平成30年度' + '、'.repeat(N) + 'x 2019年1月 (NPA)\n');
    noCrash(HEAD + '- 平成30年度' + ' '.repeat(N) + '。 2019年1月 (NPA)\n');
    // Still read as qualifying: "平成30年度、2019年1月に" (a comma, then the date).
    const doc = buildPlan('---\nfiscal-year: 2018\n---\n' + HEAD + '- 平成30年度、2019年1月に実施した。 (NPA)\n');
    const dates = doc.measure('1-(ii)')!.blocks.flatMap((b) => b.dates);
    const date = dates.find((d) => d.kind === 'date');
    expect(date && date.kind === 'date' ? date.qualifies?.year : undefined).toBe(2018);
  });

  it('model/dates.ts /\\s+of$/: "the end" + long whitespace + "of"', () => {
    noCrash(HEAD + '- until the end' + ' '.repeat(N) + 'of January 2019 (NPA)\n');
    const doc = buildPlan(HEAD + '- until the end of January 2019 (NPA)\n');
    expect(doc.measure('1-(ii)')!.blocks.flatMap((b) => b.dates).map((d) => d.raw)).toContain('the end of January 2019');
  });

  it('model/directives.ts COMMENT: thousands of unclosed "<!--" in an HTML block', () => {
    noCrash(HEAD + '<!-- plan-lint-disable ministry-known ' + '<!--'.repeat(N / 2) + '\n');
    const text = '<!-- plan-lint-disable ministry-known -- old names --> text <!-- plan-lint-enable --> <!-- unclosed';
    const out: Directive[] = [];
    readDirectives(text, 0, text.length, new LineIndex(text), out);
    expect(out.map((d) => [d.kind, d.rules.map((r) => r.id), d.reason])).toEqual([
      ['disable', ['ministry-known'], 'old names'],
      ['enable', [], undefined],
    ]);
  });

  it('seeds/profiles/en.json headings.legend: "Abbreviations" + long whitespace + a letter', () => {
    noCrash('## Abbreviations' + ' '.repeat(N) + 'x\n\n- NPA: National Police Agency\n');
    const LEGEND_HEADING = compileProfile(profileFor('en')).legend;
    expect(LEGEND_HEADING.test('Abbreviations' + ' '.repeat(N) + 'x')).toBe(false);
    for (const h of ['Abbreviations', 'Abbreviation:', ' List of abbreviations : ', 'ABBREVIATIONS']) expect(LEGEND_HEADING.test(h), h).toBe(true);
  });

  it('rules/lib/words.ts /^\'+|\'+$/g: a word of 50,000 apostrophes', () => {
    noCrash(HEAD + "- x" + "'".repeat(N) + 'y (NPA)\n\n- x' + "'".repeat(N) + 'y (NPA)\n');
    expect(rawWords("''don't'' 'quoted' '''")).toEqual(["don't", 'quoted']);
  });

  it('rules/repeat-mention-format.ts /\\s*:$/: a prefix with long whitespace', () => {
    expect(differences('Repeat mention 1 – (i)' + ' '.repeat(N) + 'x', 'Repeat mention 1 - (i):')).toContain('no colon');
    const found = differences('Repeat mention 1 – (i):', 'Repeat mention 1 - (i):');
    expect(found).toContain('an en dash instead of "-"');
    expect(found).not.toContain('no colon');
  });

  it('rules/lib/context.ts FUTURE: many schedule words with no period after them', () => {
    noCrash('---\nfiscal-year: 2018\n---\n' + HEAD + '- ' + 'due will planned '.repeat(N / 10) + 'in July 2019. x (NPA)\n');
    // Still a schedule when the schedule word is in the date's sentence, not when it is in an earlier one.
    const fm = '---\nfiscal-year: 2018\nas-of: 2019-06-30\n---\n';
    const scheduled = lintStrict(fm + HEAD + '- Lectures were held. The new system will start in July 2019. (NPA)\n');
    const happened = lintStrict(fm + HEAD + '- It will be reviewed. The new system started in July 2019. (NPA)\n');
    expect(scheduled.messages.filter((m) => m.ruleId === 'date-fiscal-year')).toEqual([]);
    expect(happened.messages.filter((m) => m.ruleId === 'date-fiscal-year')).toHaveLength(1);
  });

  it('model/safe-parse.ts FENCE_OPEN: a fence of 50,000 tildes', () => {
    noCrash(HEAD + '~'.repeat(N) + '\ncode\n' + '~'.repeat(N) + '\n');
    // A fence hides a heading from chunking.
    const text = 'a\n\n```\n## 2. Not a section\n```\n\n## 3. Section\n';
    expect(chunkBoundaries(text, { targetSize: 1 }).map((o) => text.slice(o).split('\n')[0])).toEqual(['```', '## 3. Section']);
  });
});
