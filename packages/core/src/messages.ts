/**
 * Messages in the drafter's language. A rule reports a `Text`: one string the same in every locale (a quotation,
 * a path), or the message written once per locale, side by side. The engine keeps the one of the locale the lint
 * runs in (`LintOptions.locale`, else the language of the draft), so every formatter and the language server
 * receive plain strings. The helpers below write the values messages quote (fiscal years, dates, bodies, lists)
 * the way each locale writes them.
 */
import type { LanguageProfile, Measure, RegistryBody } from './types.js';
import { eraCalendar, eraDate, fiscalYearInEra, type EraCalendar } from './model/dates.js';
import { measureLabel, numeralKey, profileFor } from './profile.js';

/** The eras Japanese messages write dates in: those of the Japanese profile. */
function japaneseEras(): EraCalendar | null {
  return eraCalendar(profileFor('ja'));
}

/** The western year of a Japanese era year (平成 30 → 2018, 令和 1 → 2019), or null for an era not known. */
export function eraYear(era: string, year: number): number | null {
  const found = japaneseEras()?.eras.find((e) => e.name === era);
  return found === undefined ? null : found.base + year;
}

/** The languages messages and documentation are written in. */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message per locale. */
export type Localized = Readonly<Record<Locale, string>>;

/** Drafter-facing text: the same in every locale, or one per locale. */
export type Text = string | Localized;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale of a locale tag as clients and environments send it ("ja", "ja-JP", "en-US", "ja_JP.UTF-8");
 * undefined for any language messages are not written in.
 */
export function localeOf(tag: string | undefined | null): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const language = tag.trim().toLowerCase().split(/[-_.@]/)[0];
  return isLocale(language) ? language : undefined;
}

/** The text of a locale. */
export function textIn(text: Text, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale];
}

/** Whether a value is a Text (for the engine's checks of what a rule reports). */
export function isText(value: unknown): value is Text {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return LOCALES.every((l) => typeof record[l] === 'string');
}

/**
 * Writes text in one locale, both versions side by side where it is written: `const say = sayIn(locale);
 * say('errors', 'エラー')` (for front ends' own words: report headings, hovers, code action titles).
 */
export function sayIn(locale: Locale): (en: string, ja: string) => string {
  return (en, ja) => (locale === 'ja' ? ja : en);
}

/** A text written once per locale by one function (for messages composed of localized pieces). */
export function localized(write: (locale: Locale) => string): Localized {
  return { en: write('en'), ja: write('ja') };
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** A month's English name (1 → "January"); "month 13" for a number that is none. */
export function monthName(month: number): string {
  return MONTHS[month - 1] ?? `month ${month}`;
}

/** A fiscal year: "FY2022" / "令和4年度" (the era of most of the year; "2022年度" outside the eras known). */
export function fiscalYearLabel(fy: number, locale: Locale): string {
  if (locale === 'en') return `FY${fy}`;
  const calendar = japaneseEras();
  const era = calendar && fiscalYearInEra(fy, calendar);
  return era === null ? `${fy}年度` : `${era}年度`;
}

/**
 * An ISO date ("2023-04-01", "2023-04") as each locale writes it in a sentence: "1 April 2023" / "2023年4月1日".
 * Anything else is returned as given.
 */
export function dateLabel(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (locale === 'ja') return `${year}年${month}月${day === null ? '' : `${day}日`}`;
  const name = monthName(month);
  return day === null ? `${name} ${year}` : `${day} ${name} ${year}`;
}

/** An ISO date in the Japanese era it falls in ("平成31年4月30日"), or as dateLabel gives it outside the eras known. */
export function eraDateLabel(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const calendar = japaneseEras();
  const era = calendar && eraDate(calendar, Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3]));
  return era ?? dateLabel(iso, 'ja');
}

/** A body's full name in a locale: "National Police Agency" / "警察庁". */
export function bodyLabel(body: Pick<RegistryBody, 'name' | 'nameJa'>, locale: Locale): string {
  return locale === 'en' ? body.name : body.nameJa;
}

/**
 * Items in a sentence: "a, b and c" / "a、b及びc" ("or": "a, b or c" / "a、b又はc"). Items are written as
 * given (quote them first when they need quotes).
 */
export function listLabel(items: readonly string[], locale: Locale, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items[items.length - 1] ?? '';
  const rest = items.slice(0, -1);
  if (locale === 'en') return `${rest.join(', ')} ${conjunction} ${last}`;
  return `${rest.join('、')}${conjunction === 'and' ? '及び' : '又は'}${last}`;
}

/** A quotation: 'MOJJ' / 「MOJJ」. */
export function quoteLabel(text: string, locale: Locale): string {
  return locale === 'en' ? `'${text}'` : `「${text}」`;
}

/**
 * A measure as a sentence names it: its id in English ("1-(ii)"), the Japanese way in Japanese: the section, a
 * full-width dash and the measure numbered as the document's profile writes it ("1－（2）").
 */
export function measureIdLabel(measure: Pick<Measure, 'id' | 'sectionNumber' | 'numeral'>, profile: LanguageProfile, locale: Locale): string {
  return locale === 'en' ? measure.id : `${measure.sectionNumber}－${measureLabel(profile, numeralKey(measure.numeral))}`;
}
