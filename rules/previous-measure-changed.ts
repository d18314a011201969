import { describeHunks, localized, pairMeasures, textUnits, wordDiff, type Rule } from '@plan-lint/core';
import { measureNumberJa, relatedIn, reportLabel } from './lib/link.js';

/** Measures keep their titles and numbers from one year's report to the next while the plan stays the same. */
export const previousMeasureChanged: Rule = {
  meta: {
    id: 'previous-measure-changed',
    description: {
      en: "In a status report linked to the previous fiscal year's report of the same plan, every measure keeps last year's title and number.",
      ja: '同じ計画に基づく前年度の報告を指定した取組状況の報告で、各施策の題名と番号が前年度から変わっていないこと。',
    },
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
    const labelJa = reportLabel(linked.document, 'ja');
    const units = context.document.profile.text.units;
    for (const { report: mine, linked: theirs, renumbered } of pairMeasures(context.document, linked.document).pairs) {
      // When this year's heading is the plan's, last year's report was the one that strayed: not this report's problem.
      const asPlanned = plan?.measure(mine.id)?.title === mine.title;
      if (asPlanned) continue;
      const related = [relatedIn(linked, theirs.heading, { en: `Measure ${theirs.id} in ${label}`, ja: `${labelJa}の施策${measureNumberJa(theirs)}` })];
      if (renumbered) {
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `Measure ${mine.id} was numbered ${theirs.id} in ${label}, and the plan did not change`
              : `施策${measureNumberJa(mine)}は${labelJa}では施策${measureNumberJa(theirs)}でした。計画は変わっていないので、番号も変えないでください`,
          ),
          range: mine.numeralRange,
          related,
        });
        continue;
      }
      const hunks = wordDiff(textUnits(theirs.title, units), textUnits(mine.title, units), units);
      if (hunks.length === 0) continue;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `The title of measure ${mine.id} changed since ${label}, and the plan did not change: ${describeHunks(hunks, l, units)}`
            : `施策${measureNumberJa(mine)}の題名が${labelJa}から変わっています。計画は変わっていないので、題名も変えないでください（${describeHunks(hunks, l, units)}）`,
        ),
        range: mine.titleRange,
        related,
      });
    }
  },
};

export default previousMeasureChanged;
