import type { Locale, Measure, PlanDocument, Range, RelatedDescriptor, Rule, Section } from '@plan-lint/core';
import { entriesOf, localized, measureIdLabel, pairMeasures } from '@plan-lint/core';
import { sectionNumbered } from './lib/link.js';

/** A translated report has the sections, measures and number of status entries of its original. */
export const translationStructure: Rule = {
  meta: {
    id: 'translation-structure',
    description: {
      en: "A status report translated from another ('translation-of:') has the same sections and measures as its original, and as many status entries under each measure.",
      ja: '原文（「translation-of:」）を指定した取組状況の報告に、原文と同じ項目と施策があり、施策ごとの取組状況の項目の数が原文と同じであること。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'translation-structure.md',
  },
  check(context) {
    const linked = context.linked?.original;
    if (!linked) return;
    const report = context.document;
    const original = linked.document;
    const shown = linked.displayPath;
    const fm = report.frontMatter;
    const at: Range = fm?.fields.find((f) => f.key === 'translation-of')?.valueRange ?? fm?.range ?? report.rangeAt(0, 0);
    const related = (range: Range, what: 'section' | 'measure'): RelatedDescriptor => ({
      message: localized((l) => (l === 'en' ? `The ${what} in the original report (${shown})` : `原文（${shown}）の${what === 'section' ? '項目' : '施策'}`)),
      range,
      filePath: linked.path,
    });
    const heading = (s: Section): string => `${s.numberText} ${s.title}`.trim();
    const id = (m: Measure, d: PlanDocument, l: Locale): string => measureIdLabel(m, d.profile, l);

    for (const section of report.sections)
      if (!sectionNumbered(original, section.number))
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `Section ${section.number} is not in the original report (${shown}): a translation has the sections of its original`
              : `項目「${section.number}」は原文（${shown}）にありません。訳文の項目は原文と同じにしてください`,
          ),
          range: section.numberRange,
        });
    for (const section of original.sections)
      if (!sectionNumbered(report, section.number))
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `The original report has section ${section.number} (${section.title}), which this translation leaves out`
              : `原文の項目「${heading(section)}」が訳文にありません`,
          ),
          range: at,
          related: [related(section.heading, 'section')],
        });

    const { pairs, unmatched, missing } = pairMeasures(report, original);
    for (const measure of unmatched) {
      if (!sectionNumbered(original, measure.sectionNumber)) continue;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `Measure ${id(measure, report, l)} is not in the original report (${shown}): its section ${measure.sectionNumber} has no measure numbered ${measure.ordinal ?? measure.numeral}`
            : `施策「${id(measure, report, l)}」は原文（${shown}）にありません（原文の項目「${measure.sectionNumber}」に${measure.ordinal ?? measure.numeral}番目の施策がありません）`,
        ),
        range: measure.heading,
      });
    }
    for (const measure of missing) {
      const section = sectionNumbered(report, measure.sectionNumber);
      if (!section) continue;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `The original report has measure ${id(measure, original, l)} (${measure.title}) in section ${measure.sectionNumber}, which this translation leaves out`
            : `原文の項目「${measure.sectionNumber}」にある施策「${id(measure, original, l)} ${measure.title}」が訳文にありません`,
        ),
        range: section.numberRange,
        related: [related(measure.heading, 'measure')],
      });
    }
    for (const pair of pairs) {
      const mine = entriesOf(pair.report.blocks).length;
      const theirs = entriesOf(pair.linked.blocks).length;
      if (mine === theirs) continue;
      const more = mine > theirs;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `Measure ${id(pair.report, report, l)} has ${mine} status ${mine === 1 ? 'entry' : 'entries'}, but the original's measure ${id(pair.linked, original, l)} has ${theirs}: ${more ? 'an entry was added or split in translation' : 'an entry was left out or merged in translation'}`
            : `施策「${id(pair.report, report, l)}」の取組状況は${mine}件ですが、原文の施策「${id(pair.linked, original, l)}」は${theirs}件です。${more ? '訳文で追加又は分割された項目がないか確認してください' : '訳文で漏れた又は統合された項目がないか確認してください'}`,
        ),
        range: pair.report.heading,
        related: [related(pair.linked.heading, 'measure')],
      });
    }
  },
};

export default translationStructure;
