import { localized, pairMeasures, type Rule } from '@plan-lint/core';
import { isReport } from './ministry-not-responsible.js';
import { measureNumberJa, relatedIn, reportLabel } from './lib/link.js';

/** A measure reported on last year and not this year. */
export const previousMeasureDropped: Rule = {
  meta: {
    id: 'previous-measure-dropped',
    description: {
      en: "In a status report linked to the previous fiscal year's report, a measure that had status entries last year and has none this year is noted.",
      ja: '前年度の報告を指定した取組状況の報告で、前年度には取組状況の項目があり、今年度にはない施策を情報として示します。',
    },
    defaultSeverity: 'info',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'previous-measure-dropped.md',
  },
  check(context) {
    const linked = context.linked?.previous;
    if (!linked) return;
    const label = reportLabel(linked.document);
    const labelJa = reportLabel(linked.document, 'ja');
    for (const { report: mine, linked: theirs } of pairMeasures(context.document, linked.document).pairs) {
      if (mine.blocks.some(isReport)) continue;
      const before = theirs.blocks.filter(isReport).length;
      if (before === 0) continue;
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `Measure ${mine.id} has no status entry this year; ${label} had ${before} (was nothing done, or is an entry missing?)`
            : `施策${measureNumberJa(mine)}には今年度の取組状況がありません。${labelJa}には${before}件ありました（取組がなかったのか、記載が漏れていないか確認してください）`,
        ),
        range: mine.heading,
        related: [relatedIn(linked, theirs.heading, { en: `Measure ${theirs.id} in ${label}`, ja: `${labelJa}の施策${measureNumberJa(theirs)}` })],
      });
    }
  },
};

export default previousMeasureDropped;
