import { listLabel, localized, pairMeasures, plannedActions, quoteLabel, type Locale, type Rule } from '@plan-lint/core';
import { measureNumberJa, relatedIn } from './lib/link.js';
import { resolveTag, type ResolvedTagName } from './lib/tag-bodies.js';

/** The responsible ministries of each planned action are the plan's. */
export const planMinistries: Rule = {
  meta: {
    id: 'plan-ministries',
    description: {
      en: "In a status report linked to its plan, the tag of every planned action names the ministries the plan names (compared by identity, however each is written).",
      ja: '計画を指定した取組状況の報告で、各施策内容の【…】の府省庁が、書き方にかかわらず計画と同じ機関であること。',
    },
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
    const quoted = (names: readonly ResolvedTagName[], l: Locale): string => listLabel(names.map((n) => quoteLabel(n.name.text, l)), l, 'and');
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
        const relatedDropped = otherRelated(planBlock.tag);
        const differences = (l: Locale): string[] => {
          const parts: string[] = [];
          if (l === 'en') {
            if (added.length > 0) parts.push(`adds ${quoted(added, l)}`);
            if (dropped.length > 0) parts.push(`drops ${quoted(dropped, l)}`);
            if (relatedDiffers) parts.push(relatedDropped ? "drops 'other related bodies'" : "adds 'other related bodies'");
          } else {
            if (added.length > 0) parts.push(`${quoted(added, l)}を追加`);
            if (dropped.length > 0) parts.push(`${quoted(dropped, l)}を削除`);
            if (relatedDiffers) parts.push(`関係府省庁等を${relatedDropped ? '削除' : '追加'}`);
          }
          return parts;
        };
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `The ministries responsible for this planned action of measure ${mine.id} differ from the plan's: the report ${differences(l).join(' and ')}`
              : `施策${measureNumberJa(mine)}の施策内容の担当府省庁が計画と異なります（この報告では${differences(l).join('、')}）`,
          ),
          range: block.tag.range,
          related: [relatedIn(linked, planBlock.tag.range, { en: `The plan ${linked.displayPath} names ${planBlock.tag.raw}`, ja: `計画（${linked.displayPath}）では${planBlock.tag.raw}` })],
          fix: { description: { en: "Use the plan's ministries", ja: '計画の府省庁に改める' }, edits: [{ range: block.tag.range, text: planBlock.tag.raw }] },
        });
      });
    }
  },
};

export default planMinistries;
