import { actionWords, describeHunks, pairMeasures, plannedActions, wordDiff, type Rule } from '@plan-lint/core';
import { diffRange, relatedIn, restoreEdits } from './lib/link.js';

/** Planned actions are the plan's, word for word. */
export const planActionText: Rule = {
  meta: {
    id: 'plan-action-text',
    description:
      "In a status report linked to its plan, every measure repeats the plan's planned actions word for word (the responsibility tags are plan-ministries' concern).",
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'plan-action-text.md',
  },
  check(context) {
    const linked = context.linked?.plan;
    if (!linked) return;
    const report = context.document;
    const plan = linked.document;
    for (const { report: mine, linked: theirs } of pairMeasures(report, plan).pairs) {
      const ours = plannedActions(mine);
      const planned = plannedActions(theirs);
      ours.forEach((block, i) => {
        const planBlock = planned[i];
        if (!planBlock) {
          context.report({
            message: `Measure ${mine.id} has ${planned.length} planned action${planned.length === 1 ? '' : 's'} in the plan; this one is not in the plan (a status entry is a list item ending with a tag of abbreviations)`,
            range: block.range,
            related: [relatedIn(linked, theirs.heading, `Measure ${theirs.id} in the plan`)],
          });
          return;
        }
        const hunks = wordDiff(actionWords(planBlock), actionWords(block));
        if (hunks.length === 0) return;
        const edits = restoreEdits(report, block, plan, planBlock, hunks);
        context.report({
          message: `The planned action of measure ${mine.id} differs from the plan's: ${describeHunks(hunks)}`,
          range: diffRange(report, block, hunks),
          related: [relatedIn(linked, planBlock.range, `The planned action in the plan ${linked.displayPath}`)],
          ...(edits ? { fix: { description: "Use the plan's text", edits } } : {}),
        });
      });
      for (const planBlock of planned.slice(ours.length)) {
        context.report({
          message: `A planned action of measure ${mine.id} in the plan is missing from this report: '${actionWords(planBlock).slice(0, 12).join(' ')}${actionWords(planBlock).length > 12 ? ' …' : ''}'`,
          range: mine.heading,
          related: [relatedIn(linked, planBlock.range, `The planned action in the plan ${linked.displayPath}`)],
        });
      }
    }
  },
};

export default planActionText;
