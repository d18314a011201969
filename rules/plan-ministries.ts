import { pairMeasures, plannedActions, type Rule } from '@plan-lint/core';
import { relatedIn } from './lib/link.js';
import { quoteList } from './ministry-known.js';
import { resolveTag, type ResolvedTagName } from './lib/tag-bodies.js';

/** The responsible ministries of each planned action are the plan's. */
export const planMinistries: Rule = {
  meta: {
    id: 'plan-ministries',
    description:
      "In a status report linked to its plan, the tag of every planned action names the ministries the plan names (compared by identity, however each is written).",
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'plan-ministries.md',
  },
  check(context) {
    const linked = context.linked?.plan;
    if (!linked) return;
    const report = context.document;
    const plan = linked.document;
    const labels = (names: readonly ResolvedTagName[]): string[] => names.map((n) => n.name.text);
    for (const { report: mine, linked: theirs } of pairMeasures(report, plan).pairs) {
      const planned = plannedActions(theirs);
      plannedActions(mine).forEach((block, i) => {
        const planBlock = planned[i];
        if (!planBlock?.tag || !block.tag) return;
        const ours = resolveTag(block.tag, context.registry, report.legend);
        const theirsNames = resolveTag(planBlock.tag, context.registry, plan.legend);
        const ourKeys = new Set(ours.map((n) => n.key));
        const theirKeys = new Set(theirsNames.map((n) => n.key));
        const added = ours.filter((n) => !theirKeys.has(n.key));
        const dropped = theirsNames.filter((n) => !ourKeys.has(n.key));
        const otherRelated = (tag: typeof block.tag): boolean => tag?.names.some((n) => n.form === 'other-related') ?? false;
        const relatedDiffers = otherRelated(block.tag) !== otherRelated(planBlock.tag);
        if (added.length === 0 && dropped.length === 0 && !relatedDiffers) return;
        const parts: string[] = [];
        if (added.length > 0) parts.push(`adds ${quoteList(labels(added), 'and')}`);
        if (dropped.length > 0) parts.push(`drops ${quoteList(labels(dropped), 'and')}`);
        if (relatedDiffers) parts.push(otherRelated(planBlock.tag) ? "drops 'other related bodies'" : "adds 'other related bodies'");
        context.report({
          message: `The ministries responsible for this planned action of measure ${mine.id} differ from the plan's: the report ${parts.join(' and ')}`,
          range: block.tag.range,
          related: [relatedIn(linked, planBlock.tag.range, `The plan ${linked.displayPath} names ${planBlock.tag.raw}`)],
          fix: { description: "Use the plan's ministries", edits: [{ range: block.tag.range, text: planBlock.tag.raw }] },
        });
      });
    }
  },
};

export default planMinistries;
