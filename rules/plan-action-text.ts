import { actionUnits, describeHunks, joinUnits, localized, pairMeasures, plannedActions, wordDiff, type Block, type Localized, type Rule, type TextUnits } from '@plan-lint/core';
import { diffRange, measureNumberJa, relatedIn, restoreEdits } from './lib/link.js';

/** How much of a missing planned action a message quotes: twelve words, or forty characters. */
const QUOTED_UNITS: Readonly<Record<TextUnits, number>> = { words: 12, characters: 40 };

/** The start of a planned action, quoted: 'Public relations activities … …' / 「ウェブサイトや政府広報を…」. */
function opening(block: Block, units: TextUnits): Localized {
  const all = actionUnits(block, units);
  const shown = QUOTED_UNITS[units];
  const text = joinUnits(all.slice(0, shown), units);
  return { en: `'${text}${all.length > shown ? ' …' : ''}'`, ja: `「${text}${all.length > shown ? '…' : ''}」` };
}

/** Planned actions are the plan's, word for word. */
export const planActionText: Rule = {
  meta: {
    id: 'plan-action-text',
    description: {
      en: "In a status report linked to its plan, every measure repeats the plan's planned actions word for word (the responsibility tags are plan-ministries' concern).",
      ja: '計画を指定した取組状況の報告で、各施策の施策内容の文が計画のとおりであること（【…】の府省庁は「plan-ministries」が確認します）。',
    },
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
    const units = report.profile.text.units;
    const inThePlan: Localized = { en: `The planned action in the plan ${linked.displayPath}`, ja: `計画（${linked.displayPath}）の施策内容` };
    for (const { report: mine, linked: theirs } of pairMeasures(report, plan).pairs) {
      const ours = plannedActions(mine);
      const planned = plannedActions(theirs);
      ours.forEach((block, i) => {
        const planBlock = planned[i];
        if (!planBlock) {
          context.report({
            message: localized((l) =>
              l === 'en'
                ? `Measure ${mine.id} has ${planned.length} planned action${planned.length === 1 ? '' : 's'} in the plan; this one is not in the plan (a status entry is a list item ending with a tag of abbreviations)`
                : `計画では施策${measureNumberJa(mine)}の施策内容は${planned.length}段落で、この段落は計画にありません（取組状況であれば、【】で府省庁名を示した箇条書きにしてください）`,
            ),
            range: block.range,
            related: [relatedIn(linked, theirs.heading, { en: `Measure ${theirs.id} in the plan`, ja: `計画の施策${measureNumberJa(theirs)}` })],
          });
          return;
        }
        const hunks = wordDiff(actionUnits(planBlock, units), actionUnits(block, units), units);
        if (hunks.length === 0) return;
        const edits = restoreEdits(report, block, plan, planBlock, hunks);
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `The planned action of measure ${mine.id} differs from the plan's: ${describeHunks(hunks, l, units)}`
              : `施策${measureNumberJa(mine)}の施策内容が計画の文言と異なります（${describeHunks(hunks, l, units)}）`,
          ),
          range: diffRange(report, block, hunks),
          related: [relatedIn(linked, planBlock.range, inThePlan)],
          ...(edits ? { fix: { description: { en: "Use the plan's text", ja: '計画の文言に改める' }, edits } } : {}),
        });
      });
      for (const planBlock of planned.slice(ours.length)) {
        const quoted = opening(planBlock, units);
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `A planned action of measure ${mine.id} in the plan is missing from this report: ${quoted.en}`
              : `計画にある施策${measureNumberJa(mine)}の施策内容がこの報告にありません：${quoted.ja}`,
          ),
          range: mine.heading,
          related: [relatedIn(linked, planBlock.range, inThePlan)],
        });
      }
    }
  },
};

export default planActionText;
