import type { CalendarDate, RuleContext, Rule, RuleMeta } from '@plan-lint/core';
import { dateSpan, daysInMonth, formatDate, isLeapYear, monthName, rangeYears } from './lib/calendar.js';

export const meta: RuleMeta = {
  id: 'date-valid',
  description: 'Dates exist on the calendar (no April 31, no February 29, 2019) and date ranges do not end before they start.',
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  hasSuggestions: true,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['plan', 'status-report'],
  docs: 'date-valid.md',
};

/** Why a date is impossible, or null when it is fine. */
export function invalidReason(date: CalendarDate): string | null {
  if (date.month < 1 || date.month > 12) return `there is no month ${date.month}`;
  if (date.day === null) return null;
  const year = date.year ?? date.inferredYear;
  if (date.day < 1) return `day ${date.day} does not exist`;
  if (date.month === 2 && date.day === 29 && year !== null && !isLeapYear(year)) {
    return `${year} is not a leap year, so February has 28 days`;
  }
  const max = daysInMonth(year, date.month);
  if (date.day > max) return `${monthName(date.month)} has ${max} days`;
  return date.valid ? null : 'the date does not exist';
}

function checkDate(context: RuleContext<Record<string, unknown>>, date: CalendarDate): boolean {
  const right = date.eraCorrection;
  if (right !== undefined) {
    // 令和元年4月30日: the day exists, in the era before (平成 ended on 30 April 2019, 令和 began on 1 May 2019).
    context.report({
      message: `'${date.raw}' is not a valid date: that day is not in the era it names; the same day is '${right}'`,
      range: date.range,
      suggestions: [{ description: `Replace with '${right}'`, edits: [{ range: date.range, text: right }] }],
    });
    return false;
  }
  const reason = invalidReason(date);
  if (reason === null) return true;
  context.report({ message: `'${date.raw}' is not a valid date: ${reason}`, range: date.range });
  return false;
}

export const dateValid: Rule = {
  meta,
  check(context) {
    for (const block of context.document.blocks()) {
      for (const mention of block.dates) {
        if (mention.kind === 'date') {
          checkDate(context, mention.date);
          continue;
        }
        if (mention.kind !== 'date-range') continue;
        const okStart = checkDate(context, mention.start);
        const okEnd = checkDate(context, mention.end);
        if (!okStart || !okEnd) continue;
        const { start, end } = mention;
        const years = rangeYears(start, end);
        if (!years) continue;
        const { startYear, endYear } = years;
        const first = dateSpan(start, startYear).first;
        const last = dateSpan(end, endYear).last;
        if (last < first) {
          context.report({
            message: `The range '${mention.raw}' ends (${formatDate(end, endYear)}) before it starts (${formatDate(start, startYear)})`,
            range: mention.range,
          });
        }
      }
    }
  },
};

export default dateValid;
