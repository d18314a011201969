import type { Localized, Rule, RuleMeta } from '@plan-lint/core';
import { measureIdLabel, measureLabel, numeralKey, repeatLabel } from '@plan-lint/core';
import { canonicalMeasureId, repeatBlocks, sectionsNumbered, targetMeasure, targetReferenceRange } from './lib/repeat.js';

export const meta: RuleMeta = {
  id: 'repeat-mention-target',
  description: {
    en: 'The section and measure named by "Repeat mention S - (r):" exist and are not the entry\'s own measure.',
    ja: '再掲（「再掲 1－（2）：」）が指す項目と施策が存在し、再掲を書いた施策自身を指していないこと。',
  },
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['status-report'],
  docs: 'repeat-mention-target.md',
};

/** Which sections the document has: "the document has sections 1 to 6" / "項目は1から6までです". */
function describeSections(numbers: number[]): Localized {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return { en: 'the document has no sections', ja: '本文書には項目がありません' };
  if (first === last) return { en: `the document has only section ${first}`, ja: `本文書の項目は${first}のみです` };
  return { en: `the document has sections ${first} to ${last}`, ja: `本文書の項目は${first}から${last}までです` };
}

export const repeatMentionTarget: Rule = {
  meta,
  check(context) {
    const { document } = context;
    for (const { block, repeat } of repeatBlocks(document)) {
      const profile = document.profile;
      const prefix = repeatLabel(profile, repeat.sectionNumber, repeat.numeral);
      const label = (numeral: string) => measureLabel(profile, numeral);
      const range = targetReferenceRange(document, repeat);
      const sections = sectionsNumbered(document, repeat.sectionNumber);
      if (sections.length === 0) {
        const has = describeSections(document.sections.map((s) => s.number));
        context.report({
          message: {
            en: `${prefix}: there is no section ${repeat.sectionNumber}; ${has.en}`,
            ja: `「${prefix}」の参照先の項目${repeat.sectionNumber}は本文書にありません（${has.ja}）`,
          },
          range,
        });
        continue;
      }
      const target = targetMeasure(document, repeat);
      if (!target) {
        const measures = sections.flatMap((s) => s.measures);
        const first = measures[0];
        const last = measures[measures.length - 1];
        const n = repeat.sectionNumber;
        const has: Localized =
          !first || !last
            ? { en: 'it has no measures', ja: `項目${n}には施策がありません` }
            : first === last
              ? { en: `it has only ${label(first.numeral)}`, ja: `項目${n}の施策は${label(first.numeral)}のみです` }
              : { en: `it has ${label(first.numeral)} to ${label(last.numeral)}`, ja: `項目${n}の施策は${label(first.numeral)}から${label(last.numeral)}までです` };
        const reference = measureIdLabel({ id: `${n}-(${numeralKey(repeat.numeral)})`, sectionNumber: n, numeral: repeat.numeral }, profile, 'ja');
        context.report({
          message: {
            en: `${prefix}: section ${n} has no measure ${label(repeat.numeral)}; ${has.en}`,
            ja: `「${prefix}」の参照先（${reference}）は本文書にありません（${has.ja}）`,
          },
          range,
          related: sections.map((s) => ({ message: { en: `Section ${s.number}`, ja: `項目${s.number}` }, range: s.heading })),
        });
        continue;
      }
      const targetId = canonicalMeasureId(target);
      const ownId = block.measureId.trim().toLowerCase();
      if (targetId === ownId) {
        const reference = measureIdLabel(target, profile, 'ja');
        context.report({
          message: {
            en: `${prefix} points to its own measure ${targetId}; a repeat mention must name the other measure where the activity is reported`,
            ja: `「${prefix}」は、この記載がある施策${reference}自身を参照しています。再掲では、取組を記載している別の施策を参照してください`,
          },
          range,
          related: [{ message: { en: `Measure ${targetId}`, ja: `施策${reference}` }, range: target.heading }],
        });
      }
    }
  },
};

export default repeatMentionTarget;
