import { describeHunks, pairMeasures, wordDiff, words, type Rule } from '@plan-lint/core';
import { relatedIn, reportLabel } from './lib/link.js';

/** Measures keep their titles and numbers from one year's report to the next while the plan stays the same. */
export const previousMeasureChanged: Rule = {
  meta: {
    id: 'previous-measure-changed',
    description:
      "In a status report linked to the previous fiscal year's report of the same plan, every measure keeps last year's title and number.",
    defaultSeverity: 'warn',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'previous-measure-changed.md',
  },
  check(context) {
    const linked = context.linked?.previous;
    // Another plan between the years: titles and numbers may well have changed.
    if (!linked || context.linked?.previousSamePlan === false) return;
    const plan = context.linked?.plan?.document;
    const label = reportLabel(linked.document);
    for (const { report: mine, linked: theirs, renumbered } of pairMeasures(context.document, linked.document).pairs) {
      // When this year's heading is the plan's, last year's report was the one that strayed: not this report's problem.
      const asPlanned = plan?.measure(mine.id)?.title === mine.title;
      if (asPlanned) continue;
      const related = [relatedIn(linked, theirs.heading, `Measure ${theirs.id} in ${label}`)];
      if (renumbered) {
        context.report({
          message: `Measure ${mine.id} was numbered ${theirs.id} in ${label}, and the plan did not change`,
          range: mine.numeralRange,
          related,
        });
        continue;
      }
      const hunks = wordDiff(words(theirs.title), words(mine.title));
      if (hunks.length === 0) continue;
      context.report({
        message: `The title of measure ${mine.id} changed since ${label}, and the plan did not change: ${describeHunks(hunks)}`,
        range: mine.titleRange,
        related,
      });
    }
  },
};

export default previousMeasureChanged;
