import type { Block, CalendarDate, FiscalYearLabel, Rule, RuleMeta, TemporalMention } from '@plan-lint/core';
import { fiscalYearLabel, localized } from '@plan-lint/core';
import { cuesOf, isScheduled } from './lib/context.js';
import { dateSpan, fiscalYearBounds, formatDate, formatFiscalYearBounds, formatIso, isoDayKey } from './lib/calendar.js';

export const meta: RuleMeta = {
  id: 'date-fiscal-year',
  description: {
    en: "Dates that qualify a fiscal-year label fall inside that fiscal year (1 April – 31 March), and nothing reported happens after the front matter's as-of date.",
    ja: '年度に添えた日付がその年度（4月1日から翌年3月31日まで）の中にあり、フロントマターの「as-of」（基準日）より後の出来事を書いていないこと。',
  },
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['plan', 'status-report'],
  docs: 'date-fiscal-year.md',
};

export const dateFiscalYear: Rule = {
  meta,
  check(context) {
    const { document } = context;
    const asOfIso = document.frontMatter?.asOf;
    const asOf = asOfIso !== undefined ? isoDayKey(asOfIso) : null;
    const cues = cuesOf(document.profile.dateCues);

    const outsideFiscalYear = (date: CalendarDate, label: FiscalYearLabel): boolean => {
      // A date without a written year can always be read inside the fiscal year; only written years can contradict it.
      if (date.year === null) return false;
      const span = dateSpan(date, date.year);
      const fy = fiscalYearBounds(label.year);
      if (span.last < fy.first || span.first > fy.last) {
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `'${date.raw}' is outside FY${label.year} (${formatFiscalYearBounds(label.year, l)}), which '${label.raw}' names`
              : `「${date.raw}」は「${label.raw}」が示す${fiscalYearLabel(label.year, l)}（${formatFiscalYearBounds(label.year, l)}）の期間外です`,
          ),
          range: date.range,
          related: [{ message: { en: `The fiscal-year label '${label.raw}'`, ja: `年度の表記「${label.raw}」` }, range: label.range }],
        });
        return true;
      }
      return false;
    };

    const afterAsOf = (date: CalendarDate, block: Block, mention: TemporalMention): void => {
      if (asOf === null || asOfIso === undefined || date.year === null) return;
      // "beginning with the November 2019 payments", "will start in July 2019": a schedule, not a report.
      if (isScheduled(cues, block, mention)) return;
      if (dateSpan(date, date.year).first > asOf) {
        const fm = document.frontMatter?.fields.find((f) => f.key === 'as-of');
        context.report({
          message: localized((l) => {
            const shown = formatDate(date, date.year, l);
            const also = shown === date.raw ? '' : l === 'en' ? ` (${shown})` : `（${shown}）`;
            return l === 'en'
              ? `'${date.raw}'${also} is after the report's as-of date (${formatIso(asOfIso, l)}); nothing reported may happen after it`
              : `「${date.raw}」${also}は報告の基準日（${formatIso(asOfIso, l)}）より後です。基準日より後の出来事は報告に書けません`;
          }),
          range: date.range,
          related: fm ? [{ message: { en: 'The as-of date', ja: '基準日（「as-of」）' }, range: fm.valueRange }] : undefined,
        });
      }
    };

    for (const block of document.blocks()) {
      const reported = block.kind === 'status-entry' || block.kind === 'repeat-mention';
      for (const mention of block.dates) {
        if (mention.kind === 'fiscal-year') continue;
        const dates = mention.kind === 'date' ? [mention.date] : [mention.start, mention.end];
        for (const d of dates) {
          const outside = mention.qualifies ? outsideFiscalYear(d, mention.qualifies) : false;
          if (reported && !outside) afterAsOf(d, block, mention);
        }
      }
    }
  },
};

export default dateFiscalYear;
