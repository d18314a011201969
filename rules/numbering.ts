import type { Measure, Range, Rule, RuleMeta, SubItem, Text } from '@plan-lint/core';
import { formatNumeral, localized, measureIdLabel, measureLabel, numeralKey } from '@plan-lint/core';

export const meta: RuleMeta = {
  id: 'numbering',
  description: {
    en: 'Sections run 1, 2, 3, ..., the measures of each section (i), (ii), (iii), ... (（1）, （2）, ... in Japanese drafts) and the sub-items of a measure ア, イ, ウ, ... or ①, ②, ... without gaps, duplicates or invalid numerals.',
    ja: '項目（1、2、3…）、施策（（１）、（２）…）、細目（ア、イ…、①、②…）の番号に飛び、重複、誤りがないこと。',
  },
  defaultSeverity: 'error',
  recommended: true,
  fixable: true,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['plan', 'status-report'],
  docs: 'numbering.md',
};

interface Item {
  /** The value as written, null when it is not a valid numeral. */
  value: number | null;
  written: string;
  range: Range;
}

interface Finding {
  index: number;
  expected: number;
  /** Renumbering this one heading makes the whole sequence right. */
  fixable: boolean;
  kind: 'invalid' | 'duplicate' | 'gap' | 'out-of-order';
}

/**
 * Walks a sequence that should read 1, 2, 3, ... and returns its breaks.
 * After a gap the count continues from the value found (one message per gap);
 * after a typo between correct neighbours, from the expected value.
 */
export function sequenceFindings(values: readonly (number | null)[]): Finding[] {
  const out: Finding[] = [];
  let prev = 0;
  // How many values are not at their place (j + 1): counted once, not per finding (quadratic).
  const misplaced = values.reduce((n: number, v, j) => (v === j + 1 ? n : n + 1), 0);
  values.forEach((value, i) => {
    const expected = prev + 1;
    if (value === expected) {
      prev = value;
      return;
    }
    const others = misplaced - (value === i + 1 ? 0 : 1) === 0;
    const betweenCorrect =
      (i === 0 || values[i - 1] === i) && (i === values.length - 1 ? value === null || value === prev : values[i + 1] === i + 2);
    const fixable = expected === i + 1 && others && betweenCorrect;
    const kind = value === null ? 'invalid' : value === prev && i > 0 ? 'duplicate' : value > expected ? 'gap' : 'out-of-order';
    out.push({ index: i, expected, fixable, kind });
    prev = value === null || fixable || value < expected ? expected : value;
  });
  return out;
}

/**
 * The runs of sub-items of a measure: items of one sequence at one heading depth, restarted under each item
 * of a shallower depth (ア ① ② イ ① ②: the ① ② under イ run afresh).
 */
export function subItemRuns(measure: Measure): SubItem[][] {
  const runs: SubItem[][] = [];
  const open = new Map<number, SubItem[]>();
  for (const item of measure.subItems) {
    for (const depth of [...open.keys()]) if (depth > item.headingDepth) open.delete(depth);
    let run = open.get(item.headingDepth);
    if (!run || (run[0] as SubItem).sequence !== item.sequence) {
      run = [];
      runs.push(run);
      open.set(item.headingDepth, run);
    }
    run.push(item);
  }
  return runs;
}

/**
 * What was found instead of the expected number, in Japanese: "（「3」になっています）", "（「1」が重複しています）".
 * `written` is quoted as given; `what` names the kind of number ("施策番号") for a numeral that is not one.
 */
function foundJa(kind: Finding['kind'], written: string, what: string): string {
  if (kind === 'duplicate') return `（「${written}」が重複しています）`;
  if (kind === 'invalid') return `（「${written}」は${what}として読めません）`;
  return `（「${written}」になっています）`;
}

export const numbering: Rule = {
  meta,
  check(context) {
    const { document } = context;
    const profile = document.profile;
    // Renumbering a section or measure that a repeat mention names would break that reference: no fix then.
    const referencedSections = new Set<number>();
    const referencedMeasures = new Set<string>();
    for (const block of document.blocks()) {
      if (!block.repeat) continue;
      referencedSections.add(block.repeat.sectionNumber);
      referencedMeasures.add(`${block.repeat.sectionNumber}-(${numeralKey(block.repeat.numeral)})`);
    }
    const sections: Item[] = document.sections.map((s) => ({ value: s.number, written: s.numberText, range: s.numberRange }));
    for (const f of sequenceFindings(sections.map((s) => s.value))) {
      const item = sections[f.index];
      if (!item) continue;
      const previous = sections[f.index - 1]?.written ?? '';
      const message: Text = localized((l) => {
        if (l === 'ja') {
          const where = f.index === 0 ? '最初の項目' : `項目「${previous}」の次`;
          return `${where}は「${f.expected}」としてください${foundJa(f.kind, item.written, '項目番号')}`;
        }
        const after = f.index === 0 ? 'as the first section' : `after section ${previous}`;
        const found = f.kind === 'duplicate' ? `found section ${item.written} again` : `found ${item.written}`;
        return `Expected section ${f.expected} ${after}, ${found}`;
      });
      context.report({
        message,
        range: item.range,
        fix:
          f.fixable && !referencedSections.has(item.value ?? -1)
            ? {
                description: { en: `Renumber as section ${f.expected}`, ja: `項目番号を「${f.expected}」に直す` },
                edits: [{ range: item.range, text: String(f.expected) }],
              }
            : undefined,
      });
    }
    for (const section of document.sections) {
      const measures: Item[] = section.measures.map((m) => ({
        value: m.ordinal,
        // A hostile numeral of 100,000 letters is quoted shortened.
        written: m.numeral.length > 20 ? `${m.numeral.slice(0, 20)}… (${m.numeral.length} characters)` : m.numeral,
        range: m.numeralRange,
      }));
      for (const f of sequenceFindings(measures.map((m) => m.value))) {
        const item = measures[f.index];
        if (!item) continue;
        const numeral = formatNumeral(profile, f.expected);
        const expected = measureLabel(profile, numeral);
        const prevItem = measures[f.index - 1];
        const written = measureLabel(profile, item.written);
        const message: Text = localized((l) => {
          if (l === 'ja') {
            const where = prevItem ? `施策「${measureLabel(profile, prevItem.written)}」の次` : `項目${section.numberText}の最初の施策`;
            return `${where}は「${expected}」としてください${foundJa(f.kind, written, '施策番号')}`;
          }
          const after = prevItem ? `after ${measureLabel(profile, prevItem.written)}` : `at the start of section ${section.numberText}`;
          const found =
            f.kind === 'invalid'
              ? `found '${written}', which is not a lowercase roman numeral`
              : f.kind === 'duplicate'
                ? `found ${written} again`
                : `found ${written}`;
          return `Expected measure ${expected} ${after}, ${found}`;
        });
        context.report({
          message,
          range: item.range,
          fix: f.fixable && !referencedMeasures.has(`${section.number}-(${numeralKey(section.measures[f.index]?.numeral ?? '')})`)
            ? { description: { en: `Renumber as measure ${expected}`, ja: `施策番号を「${expected}」に直す` }, edits: [{ range: item.range, text: numeral }] }
            : undefined,
        });
      }
    }
    for (const measure of document.measures()) {
      for (const run of subItemRuns(measure)) {
        const sequence = profile.numbering.subItems[(run[0] as SubItem).sequence] ?? [];
        for (const f of sequenceFindings(run.map((x) => x.ordinal))) {
          const item = run[f.index] as SubItem;
          const expected = sequence[f.expected - 1];
          const previous = run[f.index - 1]?.marker;
          const message: Text = localized((l) => {
            if (l === 'ja') {
              const id = measureIdLabel(measure, profile, l);
              const where = previous === undefined ? `施策${id}の最初の細目` : `施策${id}の細目「${previous}」の次`;
              const want = expected === undefined ? `${f.expected}番目の記号` : `「${expected}」`;
              return `${where}は${want}としてください${foundJa(f.kind, item.marker, '細目の記号')}`;
            }
            const after = previous === undefined ? `at the start of measure ${measure.id}` : `after ${previous} in measure ${measure.id}`;
            const found = f.kind === 'duplicate' ? `found ${item.marker} again` : `found ${item.marker}`;
            return `Expected sub-item ${expected ?? `number ${f.expected}`} ${after}, ${found}`;
          });
          context.report({
            message,
            range: item.markerRange,
            fix:
              f.fixable && expected !== undefined
                ? { description: { en: `Renumber as sub-item ${expected}`, ja: `細目の記号を「${expected}」に直す` }, edits: [{ range: item.markerRange, text: expected }] }
                : undefined,
          });
        }
      }
    }
  },
};

export default numbering;
