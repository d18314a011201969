import { localized, pairMeasures, type Measure, type PlanDocument, type Range, type Rule } from '@plan-lint/core';
import { measureNumberJa, relatedIn, sectionNumbered } from './lib/link.js';

/** The report has every measure of its plan, numbered as in the plan, and no other. */
export const planMeasures: Rule = {
  meta: {
    id: 'plan-measures',
    description: {
      en: 'A status report linked to its plan has every section and measure of the plan, numbered as in the plan, and none that the plan does not have.',
      ja: '計画を指定した取組状況の報告に、計画の全ての項目と施策が計画と同じ番号であり、計画にないものがないこと。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'plan-measures.md',
  },
  check(context) {
    const linked = context.linked?.plan;
    if (!linked) return;
    const report = context.document;
    const plan = linked.document;
    const { pairs, unmatched, missing } = pairMeasures(report, plan);
    const where = `the plan ${linked.displayPath}`;
    const whereJa = `計画（${linked.displayPath}）`;
    const inThePlan = (m: Measure) => localized((l) => (l === 'en' ? `Measure ${m.id} in the plan` : `計画の施策${measureNumberJa(m)}`));

    for (const section of report.sections) {
      if (sectionNumbered(plan, section.number)) continue;
      const count = plan.sections.length;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `Section ${section.number} is not in ${where}, which has ${count} section${count === 1 ? '' : 's'}`
            : `項目${section.number}は${whereJa}にありません（計画の項目は${count}個です）`,
        ),
        range: section.heading,
      });
    }
    for (const { report: mine, linked: theirs, renumbered } of pairs) {
      if (!renumbered) continue;
      const sameSection = mine.sectionNumber === theirs.sectionNumber;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `Measure ${mine.id} is measure ${theirs.id} in ${where} (same title); number it (${theirs.numeral}) as the plan does`
            : `施策${measureNumberJa(mine)}は、${whereJa}では同じ題名の施策${measureNumberJa(theirs)}です。計画と同じく（${theirs.numeral}）と番号を付けてください`,
        ),
        range: mine.numeralRange,
        related: [relatedIn(linked, theirs.heading, inThePlan(theirs))],
        ...(sameSection
          ? {
              fix: {
                description: localized((l) => (l === 'en' ? `Renumber as (${theirs.numeral})` : `番号を（${theirs.numeral}）に改める`)),
                edits: [{ range: mine.numeralRange, text: theirs.numeral }],
              },
            }
          : {}),
      });
    }
    for (const mine of unmatched) {
      const count = sectionNumbered(plan, mine.sectionNumber)?.measures.length;
      if (count === undefined) continue;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `Measure ${mine.id} '${mine.title}' is not in ${where}: its section ${mine.sectionNumber} has ${count} measure${count === 1 ? '' : 's'}, and none with this number or title`
            : `施策${measureNumberJa(mine)}「${mine.title}」は${whereJa}にありません（計画の項目${mine.sectionNumber}の施策は${count}個で、この番号又は題名の施策はありません）`,
        ),
        range: mine.heading,
      });
    }
    for (const theirs of missing) {
      const section = report.sections.find((s) => s.number === theirs.sectionNumber);
      const range = section?.heading ?? nextSectionHeading(report, theirs) ?? context.document.frontMatter?.range ?? report.rangeAt(0, 0);
      context.report({
        message: localized((l) => {
          if (l === 'ja') {
            const what = `計画の施策${measureNumberJa(theirs)}「${theirs.title}」`;
            return section ? `${what}がこの報告の項目${theirs.sectionNumber}にありません` : `${what}がありません（この報告には項目${theirs.sectionNumber}がありません）`;
          }
          return section
            ? `Measure ${theirs.id} of the plan, '${theirs.title}', is missing from section ${theirs.sectionNumber} of this report`
            : `Measure ${theirs.id} of the plan, '${theirs.title}', is missing: this report has no section ${theirs.sectionNumber}`;
        }),
        range,
        related: [relatedIn(linked, theirs.heading, inThePlan(theirs))],
      });
    }
  },
};

/** Where a measure of a missing section belongs: before the report's next section. */
function nextSectionHeading(report: PlanDocument, measure: Measure): Range | undefined {
  return report.sections.find((s) => s.number > measure.sectionNumber)?.heading ?? report.sections[report.sections.length - 1]?.heading;
}

export default planMeasures;
