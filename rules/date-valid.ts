import type { CalendarDate, Locale, RuleContext, Rule, RuleMeta, Text } from '@plan-lint/core';
import { dateLabel, eraDateLabel, localized, monthName } from '@plan-lint/core';
import { dateSpan, daysInMonth, formatDate, isLeapYear, rangeYears } from './lib/calendar.js';

export const meta: RuleMeta = {
  id: 'date-valid',
  description: {
    en: 'Dates exist on the calendar (no April 31, no February 29, 2019) and date ranges do not end before they start.',
    ja: '日付が暦に存在し（平成31年5月1日、令和元年4月30日、2月30日などでないこと）、期間の終わりが始まりより前でないこと。',
  },
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  hasSuggestions: true,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['plan', 'status-report'],
  docs: 'date-valid.md',
};

/** Why a date is impossible, in a locale ("April has 30 days" / "4月は30日までです"), or null when it is fine. */
export function invalidReason(date: CalendarDate, locale: Locale): string | null {
  const ja = locale === 'ja';
  if (date.month < 1 || date.month > 12) return ja ? `${date.month}月という月はありません` : `there is no month ${date.month}`;
  if (date.day === null) return null;
  const year = date.year ?? date.inferredYear;
  if (date.day < 1) return ja ? `${date.day}日という日はありません` : `day ${date.day} does not exist`;
  if (date.month === 2 && date.day === 29 && year !== null && !isLeapYear(year)) {
    if (!ja) return `${year} is not a leap year, so February has 28 days`;
    // The year as the era names its February: 令和3年（2021年）.
    const era = /^\D+?(?:元|\d+)年/.exec(eraDateLabel(`${year}-02`))?.[0];
    return `${era === undefined ? `${year}年` : `${era}（${year}年）`}はうるう年ではないため、2月は28日までです`;
  }
  const max = daysInMonth(year, date.month);
  if (date.day > max) return ja ? `${date.month}月は${max}日までです` : `${monthName(date.month)} has ${max} days`;
  if (date.valid) return null;
  return ja ? 'この日付は暦にありません' : 'the date does not exist';
}

/** The first day, from a day of a year on, in another era than the day before it (null: none that year). */
function eraChangeIn(year: number, fromMonth = 1, fromDay = 1): { iso: string; before: string; after: string } | null {
  const isoOf = (m: number, d: number): string => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const eraOf = (iso: string): string => /^\D*?(?=元|\d)/.exec(eraDateLabel(iso))?.[0] ?? '';
  let previous = eraOf(isoOf(fromMonth, fromDay));
  for (let m = fromMonth; m <= 12; m++) {
    for (let d = m === fromMonth ? fromDay : 1; d <= daysInMonth(year, m); d++) {
      const era = eraOf(isoOf(m, d));
      if (era !== previous) return { iso: isoOf(m, d), before: previous, after: era };
    }
  }
  return null;
}

/**
 * The era change an era date is on the wrong side of, in Japanese: "令和は2019年5月1日から" (令和元年4月30日),
 * "平成は2019年4月30日まで" (平成31年5月1日, and 31年5月 read in 平成).
 */
function eraBoundary(date: CalendarDate, right: string): string {
  const year = date.year ?? 0;
  // Named in the era that begins later that year: that era's first day.
  const next = eraChangeIn(year, date.month, date.day ?? 1);
  if (next) return `${next.after}は${dateLabel(next.iso, 'ja')}から`;
  // Named in an era that had ended: its last day, the eve of the first day of the era the date is in.
  const eraYear = /^\D*(元|\d+)年/.exec(right)?.[1] ?? '元';
  const change = eraChangeIn(year - (eraYear === '元' ? 0 : Number(eraYear) - 1));
  if (!change) return '';
  const eve = new Date(Date.parse(`${change.iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `${change.before}は${dateLabel(eve, 'ja')}まで`;
}

function checkDate(context: RuleContext<Record<string, unknown>>, date: CalendarDate): boolean {
  const right = date.eraCorrection;
  if (right !== undefined) {
    // 令和元年4月30日: the day exists, in the era before (平成 ended on 30 April 2019, 令和 began on 1 May 2019).
    const boundary = eraBoundary(date, right);
    context.report({
      message: {
        en: `'${date.raw}' is not a valid date: that day is not in the era it names; the same day is '${right}'`,
        ja: `「${date.raw}」という日付はありません${boundary === '' ? '' : `（${boundary}）`}。「${right}」ではありませんか`,
      },
      range: date.range,
      suggestions: [{ description: { en: `Replace with '${right}'`, ja: `「${right}」に置き換える` }, edits: [{ range: date.range, text: right }] }],
    });
    return false;
  }
  if (invalidReason(date, 'en') === null) return true;
  const message: Text = localized((l) => (l === 'en' ? `'${date.raw}' is not a valid date: ${invalidReason(date, l)}` : `「${date.raw}」という日付はありません。${invalidReason(date, l)}`));
  context.report({ message, range: date.range });
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
            message: localized((l) =>
              l === 'en'
                ? `The range '${mention.raw}' ends (${formatDate(end, endYear, l)}) before it starts (${formatDate(start, startYear, l)})`
                : `期間「${mention.raw}」は、終わり（${formatDate(end, endYear, l)}）が始まり（${formatDate(start, startYear, l)}）より前になっています`,
            ),
            range: mention.range,
          });
        }
      }
    }
  },
};

export default dateValid;
