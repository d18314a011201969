import { pairMeasures, type Measure, type PlanDocument, type Range, type Rule } from '@plan-lint/core';
import { relatedIn, sectionNumbered } from './lib/link.js';

/** The report has every measure of its plan, numbered as in the plan, and no other. */
export const planMeasures: Rule = {
  meta: {
    id: 'plan-measures',
    description:
      'A status report linked to its plan has every section and measure of the plan, numbered as in the plan, and none that the plan does not have.',
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

    for (const section of report.sections) {
      if (sectionNumbered(plan, section.number)) continue;
      context.report({
        message: `Section ${section.number} is not in ${where}, which has ${plan.sections.length} section${plan.sections.length === 1 ? '' : 's'}`,
        range: section.heading,
      });
    }
    for (const { report: mine, linked: theirs, renumbered } of pairs) {
      if (!renumbered) continue;
      const sameSection = mine.sectionNumber === theirs.sectionNumber;
      context.report({
        message: `Measure ${mine.id} is measure ${theirs.id} in ${where} (same title); number it (${theirs.numeral}) as the plan does`,
        range: mine.numeralRange,
        related: [relatedIn(linked, theirs.heading, `Measure ${theirs.id} in the plan`)],
        ...(sameSection ? { fix: { description: `Renumber as (${theirs.numeral})`, edits: [{ range: mine.numeralRange, text: theirs.numeral }] } } : {}),
      });
    }
    for (const mine of unmatched) {
      const count = sectionNumbered(plan, mine.sectionNumber)?.measures.length;
      if (count === undefined) continue;
      context.report({
        message: `Measure ${mine.id} '${mine.title}' is not in ${where}: its section ${mine.sectionNumber} has ${count} measure${count === 1 ? '' : 's'}, and none with this number or title`,
        range: mine.heading,
      });
    }
    for (const theirs of missing) {
      const section = report.sections.find((s) => s.number === theirs.sectionNumber);
      const range = section?.heading ?? nextSectionHeading(report, theirs) ?? context.document.frontMatter?.range ?? report.rangeAt(0, 0);
      context.report({
        message: section
          ? `Measure ${theirs.id} of the plan, '${theirs.title}', is missing from section ${theirs.sectionNumber} of this report`
          : `Measure ${theirs.id} of the plan, '${theirs.title}', is missing: this report has no section ${theirs.sectionNumber}`,
        range,
        related: [relatedIn(linked, theirs.heading, `Measure ${theirs.id} in the plan`)],
      });
    }
  },
};

/** Where a measure of a missing section belongs: before the report's next section. */
function nextSectionHeading(report: PlanDocument, measure: Measure): Range | undefined {
  return report.sections.find((s) => s.number > measure.sectionNumber)?.heading ?? report.sections[report.sections.length - 1]?.heading;
}

export default planMeasures;
