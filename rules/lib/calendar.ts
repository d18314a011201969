/** Calendar and fiscal-year helpers shared by the date rules. */
import type { CalendarDate, Locale } from '@plan-lint/core';
import { eraDateLabel, monthName } from '@plan-lint/core';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number | null, month: number): number {
  if (month === 2) return year === null || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A comparable day number (not a real Julian day; only order matters). */
export function dayKey(year: number, month: number, day: number): number {
  return year * 10000 + month * 100 + day;
}

/** The year of a date: as written, else as inferred, else null. */
export function effectiveYear(date: CalendarDate): number | null {
  return date.year ?? date.inferredYear;
}

/** Earliest and latest day keys a date can denote (a month-only date covers its whole month). */
export function dateSpan(date: CalendarDate, year: number): { first: number; last: number } {
  if (date.day !== null) {
    const k = dayKey(year, date.month, date.day);
    return { first: k, last: k };
  }
  return { first: dayKey(year, date.month, 1), last: dayKey(year, date.month, daysInMonth(year, date.month)) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A date as each locale writes it in a sentence: "October 28, 2018", "January 2019", "October 28" (no year known) /
 * "平成30年10月28日", "平成31年1月", "10月28日" (a Japanese drafter reads dates in the era they fall in).
 */
export function formatDate(date: CalendarDate, year: number | null, locale: Locale): string {
  if (locale === 'ja') {
    if (year === null) return `${date.month}月${date.day === null ? '' : `${date.day}日`}`;
    return eraDateLabel(`${year}-${pad(date.month)}${date.day === null ? '' : `-${pad(date.day)}`}`);
  }
  const m = monthName(date.month);
  if (date.day === null) return year === null ? m : `${m} ${year}`;
  return year === null ? `${m} ${date.day}` : `${m} ${date.day}, ${year}`;
}

/** Day keys of the first and last day of a Japanese fiscal year (1 April – 31 March). */
export function fiscalYearBounds(fy: number): { first: number; last: number } {
  return { first: dayKey(fy, 4, 1), last: dayKey(fy + 1, 3, 31) };
}

/** The fiscal year a day key falls in: April-December → its year, January-March → the year before. */
export function fiscalYearOfDay(key: number): number {
  const year = Math.floor(key / 10000);
  return Math.floor(key / 100) % 100 >= 4 ? year : year - 1;
}

/** "April 1, 2018 – March 31, 2019" / "平成30年4月1日～平成31年3月31日" */
export function formatFiscalYearBounds(fy: number, locale: Locale): string {
  if (locale === 'ja') return `${eraDateLabel(`${fy}-04-01`)}～${eraDateLabel(`${fy + 1}-03-31`)}`;
  return `April 1, ${fy} \u2013 March 31, ${fy + 1}`;
}

/** Parses an ISO date "2019-06-30" into a day key; null when it is not one. */
export function isoDayKey(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayKey(y, mo, d);
}

/** "2019-06-30" → "June 30, 2019" / "令和元年6月30日" (the input as is when it is not an ISO date). */
export function formatIso(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (locale === 'ja') return eraDateLabel(m[0]);
  return `${monthName(Number(m[2]))} ${Number(m[3])}, ${Number(m[1])}`;
}

/**
 * The years to read a date range in: as written, else as the model inferred them. The model reads a range as
 * one unit (a year written on one end applies to the other; an unwritten end falls in the start's year, or the
 * next when its month is earlier: "from December 20 to January 10, 2019", "from February to May").
 * Null when no year is written or inferred.
 */
export function rangeYears(start: CalendarDate, end: CalendarDate): { startYear: number; endYear: number } | null {
  const startYear = effectiveYear(start);
  const endYear = effectiveYear(end);
  return startYear === null || endYear === null ? null : { startYear, endYear };
}
