import type { Block, CalendarDate, FiscalYearLabel, Rule, RuleMeta, TemporalMention } from '@plan-lint/core';
import { isScheduled } from './lib/context.js';
import { dateSpan, fiscalYearBounds, formatDate, formatFiscalYearBounds, formatIso, isoDayKey } from './lib/calendar.js';

export const meta: RuleMeta = {
  id: 'date-fiscal-year',
  description:
    "Dates that qualify a fiscal-year label fall inside that fiscal year (1 April – 31 March), and nothing reported happens after the front matter's as-of date.",
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

    const outsideFiscalYear = (date: CalendarDate, label: FiscalYearLabel): boolean => {
      // A date without a written year can always be read inside the fiscal year; only written years can contradict it.
      if (date.year === null) return false;
      const span = dateSpan(date, date.year);
      const fy = fiscalYearBounds(label.year);
      if (span.last < fy.first || span.first > fy.last) {
        context.report({
          message: `'${date.raw}' is outside FY${label.year} (${formatFiscalYearBounds(label.year)}), which '${label.raw}' names`,
          range: date.range,
          related: [{ message: `The fiscal-year label '${label.raw}'`, range: label.range }],
        });
        return true;
      }
      return false;
    };

    const afterAsOf = (date: CalendarDate, block: Block, mention: TemporalMention): void => {
      if (asOf === null || asOfIso === undefined || date.year === null) return;
      // "beginning with the November 2019 payments", "will start in July 2019": a schedule, not a report.
      if (isScheduled(block, mention)) return;
      if (dateSpan(date, date.year).first > asOf) {
        const fm = document.frontMatter?.fields.find((f) => f.key === 'as-of');
        const shown = formatDate(date, date.year);
        context.report({
          message: `'${date.raw}'${shown === date.raw ? '' : ` (${shown})`} is after the report's as-of date (${formatIso(asOfIso)}); nothing reported may happen after it`,
          range: date.range,
          related: fm ? [{ message: 'The as-of date', range: fm.valueRange }] : undefined,
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
