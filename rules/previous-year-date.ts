import type { CalendarDate, Range, Rule, TemporalMention } from '@plan-lint/core';
import { fiscalYearLabel, localized } from '@plan-lint/core';
import { effectiveYear } from './lib/calendar.js';
import { copiedEntries, relatedIn, reportLabel } from './lib/link.js';

/** The fiscal year a date falls in (April to March), or null when its year is unknown. */
function fiscalYearOf(date: CalendarDate): number | null {
  const year = effectiveYear(date);
  return year === null ? null : date.month >= 4 ? year : year - 1;
}

/** The fiscal years a mention names, with the range to report. */
function yearsOf(mention: TemporalMention): { fy: number | null; range: Range }[] {
  if (mention.kind === 'fiscal-year') return [{ fy: mention.year, range: mention.range }];
  if (mention.kind === 'date') return [{ fy: fiscalYearOf(mention.date), range: mention.range }];
  return [{ fy: fiscalYearOf(mention.start), range: mention.range }, { fy: fiscalYearOf(mention.end), range: mention.range }];
}

/** "「平成30年度」は前年度を指しています。" / "「平成30年11月」は前年度（平成30年度）の日付です。" */
function lastYearJa(mention: TemporalMention, lastYear: number): string {
  const named = fiscalYearLabel(lastYear, 'ja');
  if (mention.kind === 'fiscal-year') return `「${mention.raw}」は前年度${mention.raw === named ? '' : `（${named}）`}を指しています。`;
  return `「${mention.raw}」は前年度（${named}）の日付です。`;
}

/** A date of last fiscal year left in an entry copied from last year's report. */
export const previousYearDate: Rule = {
  meta: {
    id: 'previous-year-date',
    description: {
      en: "In a status entry copied from the previous fiscal year's report, no date or fiscal-year label still falls in the previous fiscal year.",
      ja: '前年度の報告から写した取組状況の項目に、前年度の日付や年度が残っていないこと。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'previous-year-date.md',
  },
  check(context) {
    const linked = context.linked?.previous;
    const year = context.document.fiscalYear;
    if (!linked || year === null) return;
    const label = localized((l) => reportLabel(linked.document, l));
    for (const copy of copiedEntries(context.document, linked.document)) {
      for (const mention of copy.block.dates) {
        const hit = yearsOf(mention).find((y) => y.fy === year - 1);
        if (!hit) continue;
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `'${mention.raw}' is in FY${year - 1}, last fiscal year, in an entry copied from ${label.en}; this report covers FY${year}`
              : `${lastYearJa(mention, year - 1)}この項目は${label.ja}から引き写されていますが、この報告の対象は${fiscalYearLabel(year, l)}です`,
          ),
          range: hit.range,
          related: [relatedIn(linked, copy.previous.range, { en: `The entry in ${label.en} (${linked.displayPath})`, ja: `${label.ja}の項目（${linked.displayPath}）` })],
        });
      }
    }
  },
};

export default previousYearDate;
