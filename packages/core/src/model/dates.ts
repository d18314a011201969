/**
 * Fiscal-year labels, calendar dates and date ranges in a block's text, each
 * with its exact range. One left-to-right scan: a global "candidate" regex
 * finds where a mention may start; anchored (sticky) regexes without nested
 * quantifiers then read it, so the scan stays linear. The forms (month names,
 * range words, fiscal-year words, eras and unit characters) are the language
 * profile's `dates`, compiled into these regexes once per profile (dateForms).
 */
import type { CalendarDate, DateMention, DateRangeMention, FiscalYearLabel, LanguageProfile, ProfileDates, TemporalMention } from '../types.js';
import { LineIndex } from '../positions.js';

const DAY = '(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)';
const YEAR = '(\\d{4})(?!\\d)';
/** ASCII or full-width digits. */
const DIGITS = '[0-9０-９]';

/** An era of the profile's calendar, its first day and the next era's as comparable day keys (20190501). */
export interface Era {
  readonly name: string;
  readonly start: number;
  /** The calendar year before its year 1 (平成: 1988). */
  readonly base: number;
  /** The first day of the era after it, null for the last. */
  readonly next: number | null;
}

/** The eras of a profile and how its dates write years, months and days. */
export interface EraCalendar {
  readonly eras: readonly Era[];
  readonly firstYear: string;
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

/** Sticky regexes of the month-name forms (April 23, 2018; from ... to ...; FY2018), built from a profile. */
interface MonthNameForms {
  /** from November 11, 2018 to January 5, 2019 / from November 25 to December 1 */
  readonly rangeFull: RegExp;
  /** from November 11 to 25, 2018 */
  readonly rangeDays: RegExp;
  /** Between April and December 2018 / from April 2018 to March 2019 */
  readonly rangeMonths: RegExp;
  /** November 11-25, 2018 */
  readonly rangeDash: RegExp;
  /** April 23, 2018 / October 28 */
  readonly dateDay: RegExp;
  /** (the end of) January 2019 */
  readonly dateMonth: RegExp;
  /** The candidate words that open a range ("from", "From", "between", ...). */
  readonly openers: ReadonlySet<string>;
  /** A candidate that is a part of a month ("the end of"). */
  readonly monthPart: RegExp;
  /** Month names (with and without an abbreviation's period) → 1..12. */
  readonly monthNumbers: ReadonlyMap<string, number>;
  /** FY2018, FY 2018, and the two-digit FY18 (always 20xx); null when the profile has no abbreviation. */
  readonly fyLabel: RegExp | null;
  readonly fyAbbreviation: string;
  /** The first word of a fiscal-year phrase → its phrases, longest first ("fiscal year 2018", "fiscal 2018"). */
  readonly fiscalWords: ReadonlyMap<string, readonly { re: RegExp; style: string }[]>;
}

/** Sticky regexes of the unit forms (2018年4月23日, 平成30年度, 31年1月), built from a profile. */
interface UnitForms {
  readonly calendar: EraCalendar;
  readonly eraByName: ReadonlyMap<string, Era>;
  /** 平成30年度, 令和元年度 */
  readonly eraFy: RegExp;
  /** 平成30年4月23日, 令和元年5月1日, 平成31年1月 */
  readonly eraDate: RegExp;
  /** 2018年4月23日, 2019年1月 */
  readonly westernDate: RegExp;
  /** 2018年度 */
  readonly westernFy: RegExp;
  /** 31年1月, 29年度: a year of the era named last (平成28年3月…28年4月以降…29年4月). */
  readonly eralessDate: RegExp;
  readonly eralessFy: RegExp;
  /** 10月28日: a day without a year (read inside the fiscal year, as "October 28"). */
  readonly monthDay: RegExp;
}

/** What the scan reads, compiled once per profile. */
export interface DateForms {
  /** Where a mention may start (global). */
  readonly candidate: RegExp;
  readonly monthNames: MonthNameForms | null;
  readonly units: UnitForms | null;
}

/** A text as a regular expression matching it literally. */
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
/** A word whose first letter may also be written in the other case: "from" → "[Ff]rom". */
function capitalFree(word: string): string {
  const first = word.charAt(0);
  const upper = first.toUpperCase();
  const lower = first.toLowerCase();
  return upper === lower ? escapeRe(word) : `[${upper}${lower}]${escapeRe(word.slice(1))}`;
}
/** Both case forms of a word's first letter (for the candidate's look-ahead). */
const firstLetters = (word: string): string => {
  const c = word.charAt(0);
  return c.toUpperCase() === c.toLowerCase() ? c : c.toUpperCase() + c.toLowerCase();
};
const dayKey = (iso: string): number => Number(iso.replace(/-/g, ''));

function monthNameForms(m: NonNullable<ProfileDates['monthNames']>, starts: string[], candidates: string[]): MonthNameForms {
  const names = m.months.flat();
  // Full names first, then the abbreviations, each as written ("Jan." also read without its period).
  const fullNames = m.months.map((n) => n[0] as string);
  const abbreviations = m.months.flatMap((n) => n.slice(1));
  const nameSrc = (n: string): string => (n.endsWith('.') ? `${escapeRe(n.slice(0, -1))}\\.?` : escapeRe(n));
  const month = `(${[...fullNames, ...abbreviations].map(nameSrc).join('|')})`;
  const to = `(?:${m.rangeJoiners.map(escapeRe).join('|')})`;
  const open = `(?:${m.rangeOpeners.map(capitalFree).join('|')})`;
  const part = `(?:${m.monthParts.article !== '' ? `(?:${capitalFree(m.monthParts.article)}\\s+)?` : ''}(?:${m.monthParts.parts.map(escapeRe).join('|')})\\s+${escapeRe(m.monthParts.of)})`;
  const monthNumbers = new Map<string, number>();
  m.months.forEach((list, i) => {
    for (const n of list) {
      monthNumbers.set(n, i + 1);
      if (n.endsWith('.')) monthNumbers.set(n.slice(0, -1), i + 1);
    }
  });
  const fiscalWords = new Map<string, { re: RegExp; style: string }[]>();
  for (const phrase of m.fiscalYearWords) {
    const words = phrase.split(' ');
    const first = words[0] as string;
    const re = new RegExp(`${words.map(capitalFree).join('\\s+')}\\s+(\\d{4})(?!\\d)`, 'y');
    for (const variant of [first.charAt(0).toUpperCase() + first.slice(1), first.charAt(0).toLowerCase() + first.slice(1)]) {
      const list = fiscalWords.get(variant) ?? [];
      if (!list.some((f) => f.style === `${phrase} 2018`)) list.push({ re, style: `${phrase} 2018` });
      fiscalWords.set(variant, list);
    }
  }
  const wordAlternatives: string[] = [];
  if (m.rangeOpeners.length > 0) wordAlternatives.push(...m.rangeOpeners.map(capitalFree));
  if (m.monthParts.parts.length > 0) wordAlternatives.push(part);
  wordAlternatives.push([...fullNames, ...abbreviations].map((n) => escapeRe(n.endsWith('.') ? n.slice(0, -1) : n)).join('|'));
  for (const first of fiscalWords.keys()) if (!wordAlternatives.includes(capitalFree(first))) wordAlternatives.push(capitalFree(first));
  const abbreviation = m.fiscalYearAbbreviation;
  candidates.push(
    `\\b(?:(?:${wordAlternatives.join('|')})\\b${abbreviation !== '' ? `|${escapeRe(abbreviation)}(?=\\s?\\d)` : ''})`,
  );
  for (const w of [...m.rangeOpeners, m.monthParts.article, ...m.fiscalYearWords]) starts.push(firstLetters(w));
  for (const w of [...m.monthParts.parts, ...names, abbreviation]) starts.push(w.charAt(0));
  const openers = new Set<string>();
  for (const w of m.rangeOpeners) for (const c of firstLetters(w)) openers.add(c + w.slice(1));
  return {
    rangeFull: new RegExp(`${open}\\s+${month}\\s+${DAY}(?:,?\\s+${YEAR})?,?\\s+${to}\\s+${month}\\s+${DAY}(?:,?\\s+${YEAR})?`, 'y'),
    rangeDays: new RegExp(`${open}\\s+${month}\\s+${DAY}\\s*${to}\\s*${DAY}(?:,?\\s+${YEAR})?`, 'y'),
    rangeMonths: new RegExp(`${open}\\s+${month}(?:,?\\s+${YEAR})?\\s+${to}\\s+${month}(?:,?\\s+${YEAR})?`, 'y'),
    rangeDash: new RegExp(`${month}\\s+${DAY}\\s*[-–—]\\s*${DAY}(?:,?\\s+${YEAR})?`, 'y'),
    dateDay: new RegExp(`${month}\\s+${DAY}(?:,?\\s+${YEAR})?`, 'y'),
    dateMonth: new RegExp(`(?:${part}\\s+)?${month},?\\s+${YEAR}`, 'y'),
    openers,
    monthPart: new RegExp(`\\s${escapeRe(m.monthParts.of)}$`),
    monthNumbers,
    fyLabel: abbreviation !== '' ? new RegExp(`${escapeRe(abbreviation)}(?:(\\s?)(\\d{4})|(\\d{2}))(?!\\d)`, 'y') : null,
    fyAbbreviation: abbreviation,
    fiscalWords,
  };
}

function unitForms(u: NonNullable<ProfileDates['units']>, starts: string[], candidates: string[]): UnitForms {
  const eras: Era[] = u.eras.map((e, i) => {
    const next = u.eras[i + 1];
    return { name: e.name, start: dayKey(e.start), base: Number(e.start.slice(0, 4)) - 1, next: next ? dayKey(next.start) : null };
  });
  const eraNames = `(${u.eras.map((e) => escapeRe(e.name)).join('|')})`;
  const [y, mo, d, fy] = [u.year, u.month, u.day, u.fiscalYear].map(escapeRe) as [string, string, string, string];
  const n = `(${escapeRe(u.firstYear)}|${DIGITS}{1,2})`;
  const monthAndDay = `[ \\t]?(${DIGITS}{1,2})[ \\t]?${mo}(?:[ \\t]?(${DIGITS}{1,2})[ \\t]?${d})?`;
  candidates.push(u.eras.map((e) => escapeRe(e.name)).join('|'), `(?<!${DIGITS})${DIGITS}{1,4}(?=[ \\t]?(?:${y}|${mo}))`);
  starts.push(...u.eras.map((e) => e.name.charAt(0)));
  return {
    calendar: { eras, firstYear: u.firstYear, year: u.year, month: u.month, day: u.day },
    eraByName: new Map(eras.map((e) => [e.name, e])),
    eraFy: new RegExp(`${eraNames}\\s*${n}\\s*${fy}`, 'y'),
    eraDate: new RegExp(`${eraNames}[ \\t]?${n}[ \\t]?${y}${monthAndDay}`, 'y'),
    westernDate: new RegExp(`(${DIGITS}{4})[ \\t]?${y}${monthAndDay}`, 'y'),
    westernFy: new RegExp(`(${DIGITS}{4})[ \\t]?${fy}`, 'y'),
    eralessDate: new RegExp(`(${DIGITS}{1,2})[ \\t]?${y}${monthAndDay}`, 'y'),
    eralessFy: new RegExp(`(${DIGITS}{1,2})[ \\t]?${fy}`, 'y'),
    monthDay: new RegExp(`(${DIGITS}{1,2})[ \\t]?${mo}[ \\t]?(${DIGITS}{1,2})[ \\t]?${d}`, 'y'),
  };
}

const compiledForms = new WeakMap<LanguageProfile, DateForms>();

/** The date forms of a profile, compiled once. */
export function dateForms(profile: LanguageProfile): DateForms {
  let forms = compiledForms.get(profile);
  if (!forms) {
    const starts: string[] = [];
    const candidates: string[] = [];
    const monthNames = profile.dates.monthNames ? monthNameForms(profile.dates.monthNames, starts, candidates) : null;
    const units = profile.dates.units ? unitForms(profile.dates.units, starts, candidates) : null;
    // The leading lookahead names every character a candidate can start with (it changes no match): the regex
    // engine then skips the other positions quickly (~40% less time on the real report).
    const startClass = [...new Set(starts.join(''))].join('').replace(/[\\\]^-]/g, '\\$&') + (units ? '0-9０-９' : '');
    forms = { candidate: new RegExp(`(?=[${startClass}])(?:${candidates.join('|')})`, 'g'), monthNames, units };
    compiledForms.set(profile, forms);
  }
  return forms;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toNumber(digits: string): number {
  // Full-width digits (０-９) as well as ASCII.
  let n = 0;
  for (const ch of digits) {
    const c = ch.charCodeAt(0);
    n = n * 10 + (c >= 0xff10 ? c - 0xff10 : c - 48);
  }
  return n;
}

interface ScanContext {
  index: LineIndex;
  /** The document's fiscal year: a yearless date is read inside it. */
  fiscalYear: number | null;
  /** The forms of the document's profile. */
  profile: { readonly dates: DateForms };
}

interface Found {
  start: number;
  end: number;
}

function calendar(
  ctx: ScanContext,
  base: number,
  found: Found,
  raw: string,
  monthWord: string,
  day: string | undefined,
  year: string | undefined,
): CalendarDate {
  const month = ctx.profile.dates.monthNames?.monthNumbers.get(monthWord) ?? 0;
  return {
    raw,
    range: ctx.index.rangeAt(base + found.start, base + found.end),
    year: year !== undefined ? Number(year) : null,
    inferredYear: null,
    month,
    day: day !== undefined ? Number(day) : null,
    valid: true,
  };
}

function checkValid(date: CalendarDate): void {
  if (date.month < 1 || date.month > 12 || outsideEra.has(date)) {
    date.valid = false;
    return;
  }
  if (date.day === null) return;
  const y = date.year ?? date.inferredYear ?? 2000; // unknown year: allow February 29
  date.valid = date.day >= 1 && date.day <= daysInMonth(y, date.month);
}

/**
 * Scans `text.slice(start, end)` for temporal mentions. Ranges are absolute.
 */
export function scanTemporal(text: string, start: number, end: number, ctx: ScanContext): TemporalMention[] {
  const src = text.slice(start, end);
  const out: TemporalMention[] = [];
  const forms = ctx.profile.dates;
  const candidate = forms.candidate;
  candidate.lastIndex = 0;
  let m: RegExpExecArray | null;
  // The era named last: a year written without one belongs to it.
  let era: Era | null = null;
  while ((m = candidate.exec(src)) !== null) {
    const pos = m.index;
    const word = m[0];
    const mention = readAt(src, pos, word, start, ctx, era);
    if (mention) {
      era = forms.units?.eraByName.get(word) ?? era;
      out.push(mention);
      candidate.lastIndex = mention.range.end.offset - start;
    } else if (word.length === 0) {
      candidate.lastIndex = pos + 1;
    }
  }
  resolve(out, src, start, ctx);
  return out;
}

function exec(re: RegExp, src: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(src);
}

const DIGIT_FIRST = /^[0-9０-９]/;

function readAt(src: string, pos: number, word: string, base: number, ctx: ScanContext, era: Era | null): TemporalMention | null {
  const { monthNames: mn, units: un } = ctx.profile.dates;
  const r = (a: number, b: number) => ctx.index.rangeAt(base + a, base + b);
  if (mn?.fyLabel && word === mn.fyAbbreviation) {
    const fm = exec(mn.fyLabel, src, pos);
    if (!fm) return null;
    const a = mn.fyAbbreviation;
    if (fm[3] !== undefined) return fy(fm[0], r(pos, pos + fm[0].length), 2000 + Number(fm[3]), `${a}18`);
    return fy(fm[0], r(pos, pos + fm[0].length), Number(fm[2]), fm[1] ? `${a} 2018` : `${a}2018`);
  }
  if (un && DIGIT_FIRST.test(word)) {
    if (word.length <= 2) {
      const md = exec(un.monthDay, src, pos);
      if (md) return japaneseDate(ctx, base, pos, md[0], null, md[1], md[2], null);
      // A year of the era named last: 29年度, 31年1月.
      if (era === null) return null;
      const ef = exec(un.eralessFy, src, pos);
      if (ef) return fy(ef[0], r(pos, pos + ef[0].length), era.base + toNumber(ef[1] ?? '0'), 'japanese-era');
      const ed = exec(un.eralessDate, src, pos);
      if (!ed) return null;
      return japaneseDate(ctx, base, pos, ed[0], era.base + toNumber(ed[1] ?? '0'), ed[2], ed[3], era);
    }
    if (word.length !== 4) return null;
    // A western year followed by 年: 2018年度 (a fiscal year) or 2018年4月23日 / 2019年1月 (a date).
    const jf = exec(un.westernFy, src, pos);
    if (jf) return fy(jf[0], r(pos, pos + jf[0].length), toNumber(jf[1] ?? '0'), 'japanese-western');
    const jd = exec(un.westernDate, src, pos);
    if (!jd) return null;
    return japaneseDate(ctx, base, pos, jd[0], toNumber(jd[1] ?? '0'), jd[2], jd[3], null);
  }
  const phrases = mn?.fiscalWords.get(word);
  if (phrases) {
    for (const { re, style } of phrases) {
      const fm = exec(re, src, pos);
      if (fm) return fy(fm[0], r(pos, pos + fm[0].length), Number(fm[1]), style);
    }
    return null;
  }
  const named = un?.eraByName.get(word);
  if (un && named) {
    const em = exec(un.eraFy, src, pos);
    if (em) return fy(em[0], r(pos, pos + em[0].length), named.base + writtenEraYear(un.calendar, em[2] ?? '0'), 'japanese-era');
    const ed = exec(un.eraDate, src, pos);
    if (!ed) return null;
    return japaneseDate(ctx, base, pos, ed[0], named.base + writtenEraYear(un.calendar, ed[2] ?? '0'), ed[3], ed[4], named);
  }
  if (!mn) return null;
  if (mn.openers.has(word)) {
    let rm = exec(mn.rangeFull, src, pos);
    if (rm) {
      const s = inner(src, pos, rm[0], rm[1] ?? '', rm[2], rm[3]);
      const e = innerFrom(src, s.end, rm[0], pos, rm[4] ?? '', rm[5], rm[6]);
      return range(ctx, base, pos, rm[0], s, e);
    }
    rm = exec(mn.rangeDays, src, pos);
    if (rm) {
      // "from November 11 to 25, 2018": the month (and year) are shared.
      const monthWord = rm[1] ?? '';
      const mStart = pos + rm[0].indexOf(monthWord);
      const firstDayEnd = src.indexOf(rm[2] ?? '', mStart + monthWord.length) + (rm[2] ?? '').length;
      const s: Piece = { start: mStart, end: firstDayEnd, monthWord, day: rm[2], year: rm[4] };
      const secondDayStart = src.indexOf(rm[3] ?? '', firstDayEnd);
      const e: Piece = { start: secondDayStart, end: pos + rm[0].length, monthWord, day: rm[3], year: rm[4] };
      return range(ctx, base, pos, rm[0], s, e);
    }
    rm = exec(mn.rangeMonths, src, pos);
    if (rm) {
      const s = inner(src, pos, rm[0], rm[1] ?? '', undefined, rm[2]);
      const e = innerFrom(src, s.end, rm[0], pos, rm[3] ?? '', undefined, rm[4]);
      return range(ctx, base, pos, rm[0], s, e);
    }
    return null;
  }
  if (mn.monthPart.test(word)) {
    const dm = exec(mn.dateMonth, src, pos);
    if (!dm) return null;
    return single(ctx, base, pos, dm[0], { start: pos, end: pos + dm[0].length, monthWord: dm[1] ?? '', day: undefined, year: dm[2] });
  }
  // A month name.
  let dm = exec(mn.rangeDash, src, pos);
  if (dm) {
    const monthWord = dm[1] ?? '';
    const dashAt = src.indexOf(dm[2] ?? '', pos + monthWord.length) + (dm[2] ?? '').length;
    const s: Piece = { start: pos, end: dashAt, monthWord, day: dm[2], year: dm[4] };
    const secondStart = src.indexOf(dm[3] ?? '', dashAt);
    const e: Piece = { start: secondStart, end: pos + dm[0].length, monthWord, day: dm[3], year: dm[4] };
    return range(ctx, base, pos, dm[0], s, e);
  }
  dm = exec(mn.dateDay, src, pos);
  if (dm) {
    return single(ctx, base, pos, dm[0], { start: pos, end: pos + dm[0].length, monthWord: dm[1] ?? '', day: dm[2], year: dm[3] });
  }
  dm = exec(mn.dateMonth, src, pos);
  if (dm) {
    return single(ctx, base, pos, dm[0], { start: pos, end: pos + dm[0].length, monthWord: dm[1] ?? '', day: undefined, year: dm[2] });
  }
  return null;
}

/** An era year as written: 元 (its first year) or digits. */
function writtenEraYear(calendar: EraCalendar, written: string): number {
  return written === calendar.firstYear ? 1 : toNumber(written);
}

interface Piece {
  start: number;
  end: number;
  monthWord: string;
  day: string | undefined;
  year: string | undefined;
}

/** The first date of a range: from its month word to its day or year. */
function inner(src: string, pos: number, whole: string, monthWord: string, day: string | undefined, year: string | undefined): Piece {
  const mStart = src.indexOf(monthWord, pos);
  let end = mStart + monthWord.length;
  if (day !== undefined) {
    const d = src.indexOf(day, end);
    end = d + day.length;
    const suffix = /^(?:st|nd|rd|th)/.exec(src.slice(end, end + 2));
    if (suffix) end += 2;
  }
  if (year !== undefined) {
    const y = src.indexOf(year, end);
    if (y !== -1 && y < pos + whole.length) end = y + year.length;
  }
  return { start: mStart, end, monthWord, day, year };
}

/** The second date of a range, searched after the first one. */
function innerFrom(src: string, from: number, whole: string, pos: number, monthWord: string, day: string | undefined, year: string | undefined): Piece {
  const mStart = src.indexOf(monthWord, from);
  const piece = inner(src, mStart, whole, monthWord, day, year);
  piece.end = Math.min(piece.end, pos + whole.length);
  return piece;
}

function fy(raw: string, range: FiscalYearLabel['range'], year: number, style: string): FiscalYearLabel {
  return { kind: 'fiscal-year', raw, range, year, style };
}

/** A fiscal year's era year, as Japanese documents name the year: 2018 → "平成30", 2019 → "令和元" (the era of most of it). */
export function fiscalYearInEra(fy: number, calendar: EraCalendar): string | null {
  const era = eraDate(calendar, fy, 5, 1);
  return era === null ? null : era.slice(0, era.indexOf(calendar.year));
}

/** A western date written in the era it falls in: 2019-04-30 → 平成31年4月30日, 2019-05 → 令和元年5月. */
export function eraDate(calendar: EraCalendar, year: number, month: number, day: number | null): string | null {
  const key = year * 10000 + month * 100 + (day ?? 1);
  let era: Era | undefined;
  for (const e of calendar.eras) if (key >= e.start && (era === undefined || e.start > era.start)) era = e;
  if (era === undefined) return null;
  const n = year - era.base;
  const c = calendar;
  return `${era.name}${n === 1 ? c.firstYear : n}${c.year}${month}${c.month}${day !== null ? `${day}${c.day}` : ''}`;
}

/** The era calendar of a profile (its unit forms), null when it reads none. */
export function eraCalendar(profile: LanguageProfile): EraCalendar | null {
  return dateForms(profile).units?.calendar ?? null;
}

/** Era dates that fall outside their era (令和元年4月1日: Reiwa began on 1 May 2019). */
const outsideEra = new WeakSet<CalendarDate>();

function japaneseDate(
  ctx: ScanContext,
  base: number,
  pos: number,
  raw: string,
  year: number | null,
  month: string | undefined,
  day: string | undefined,
  era: Era | null,
): DateMention {
  const range = ctx.index.rangeAt(base + pos, base + pos + raw.length);
  const date: CalendarDate = {
    raw,
    range,
    year,
    inferredYear: null,
    month: toNumber(month ?? '0'),
    day: day !== undefined ? toNumber(day) : null,
    valid: true,
  };
  if (era !== null && year !== null) {
    const key = year * 10000 + date.month * 100 + (date.day ?? 1);
    const lastKey = year * 10000 + date.month * 100 + (date.day ?? 31);
    if (lastKey < era.start || (era.next !== null && key >= era.next)) {
      outsideEra.add(date);
      // (Only for a day that exists at all: 令和元年4月31日 is wrong in any era.)
      const exists = date.month >= 1 && date.month <= 12 && (date.day === null || (date.day >= 1 && date.day <= daysInMonth(year, date.month)));
      const calendar = ctx.profile.dates.units?.calendar;
      const right = exists && calendar ? eraDate(calendar, year, date.month, date.day) : null;
      if (right !== null) date.eraCorrection = right;
    }
  }
  return { kind: 'date', raw, range, date };
}

function single(ctx: ScanContext, base: number, pos: number, raw: string, p: Piece): DateMention {
  const date = calendar(ctx, base, p, raw, p.monthWord, p.day, p.year);
  return { kind: 'date', raw, range: ctx.index.rangeAt(base + pos, base + pos + raw.length), date };
}

function range(ctx: ScanContext, base: number, pos: number, raw: string, s: Piece, e: Piece): DateRangeMention {
  const start = calendar(ctx, base, s, raw.slice(s.start - pos, s.end - pos), s.monthWord, s.day, s.year);
  const end = calendar(ctx, base, e, raw.slice(e.start - pos, e.end - pos), e.monthWord, e.day, e.year);
  if (start.year === null && end.year !== null) {
    // The year written once at the end applies to both ends, unless the range crosses a new year.
    if (start.month <= end.month) start.year = end.year;
    else start.inferredYear = end.year - 1;
  }
  return { kind: 'date-range', raw, range: ctx.index.rangeAt(base + pos, base + pos + raw.length), start, end };
}

/** Words that make the text between an FY label and a date a new predicate ("conducted in FY2017 was published on ..."). */
const VERB_WORDS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did',
  'will', 'shall', 'would', 'should', 'can', 'could', 'may', 'might', 'must',
  'held', 'made', 'run', 'ran', 'began', 'begun', 'begin', 'begins', 'took', 'taken', 'met', 'set', 'sent', 'spent',
  'gave', 'given', 'won', 'built', 'became', 'become', 'came', 'went', 'saw', 'seen', 'found', 'told',
]);
/** Words ending in "-ed" that are not verbs. */
const NOT_VERBS = new Set(['hundred', 'indeed', 'speed', 'seed', 'red', 'bed', 'shed', 'deed', 'need']);
const SENTENCE_END = /[.;!?。；！？]|\n[ \t>]*\n/;
const PARENS = /[()（）]/;
const PAREN_AFTER = /[ \t]*[(（]/y;
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Between a Japanese label and a date, only punctuation and a particle: 平成30年度、2019年1月に / 平成30年度は2019年1月に. */
const JA_CONTINUATION = /^(?=([\s、，,]*))\1(?:は|に|には|中|中に|中は)?[\s、，,]*$/; // (?=(x*))\1: atomic, linear

function hasVerb(gap: string): boolean {
  for (const w of gap.toLowerCase().split(/[^a-z]+/)) {
    if (w === '') continue;
    if (VERB_WORDS.has(w)) return true;
    if (w.length >= 4 && w.endsWith('ed') && !NOT_VERBS.has(w)) return true;
  }
  return false;
}

/**
 * Whether the text between a label (or a date already qualifying it) and the next date lets that date qualify the label:
 * (a) the date is inside the parenthesis right after the label ("In FY2018 (until the end of January 2019)",
 * "FY2018 (April 2018 – March 2019)"), or (b) the date directly continues the label's phrase in the same clause
 * ("During FY2018, from April 1 to ...", "in FY2018, as of January 30, 2019"): no verb, no sentence end, at most six words.
 */
function continuesLabel(src: string, labelEnd: number, from: number, dateStart: number, dateEnd: number): boolean {
  PAREN_AFTER.lastIndex = labelEnd;
  const paren = PAREN_AFTER.exec(src);
  if (paren && labelEnd + paren[0].length <= dateStart) {
    const open = labelEnd + paren[0].length - 1;
    // The date must end before the parenthesis closes. An earlier date of the chain already lies inside it, so
    // scan only from there to this date: the pass stays linear.
    let close = Math.max(open + 1, from);
    while (close < dateEnd && src[close] !== ')' && src[close] !== '）') close++;
    if (close < dateEnd) return false;
    const inside = src.slice(Math.max(open + 1, from), dateStart);
    return !SENTENCE_END.test(inside) && !hasVerb(inside) && (!CJK.test(inside) || JA_CONTINUATION.test(inside));
  }
  const gap = src.slice(from, dateStart);
  if (PARENS.test(gap) || SENTENCE_END.test(gap)) return false;
  if (CJK.test(gap)) return JA_CONTINUATION.test(gap);
  const words = gap.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
  return words.length <= 6 && !hasVerb(gap);
}

/** Links dates to the FY labels they qualify, infers missing years (a range as one unit), and checks validity. */
function resolve(out: TemporalMention[], src: string, base: number, ctx: ScanContext): void {
  if (out.length === 0) return;
  const written: { offset: number; year: number }[] = [];
  for (const t of out) {
    if (t.kind === 'date' && t.date.year !== null) written.push({ offset: t.range.start.offset, year: t.date.year });
    if (t.kind === 'date-range') {
      if (t.start.year !== null) written.push({ offset: t.start.range.start.offset, year: t.start.year });
      if (t.end.year !== null) written.push({ offset: t.end.range.start.offset, year: t.end.year });
    }
  }
  let lastFy: FiscalYearLabel | undefined;
  for (let i = 0; i < out.length; i++) {
    const t = out[i] as TemporalMention;
    if (t.kind === 'fiscal-year') {
      lastFy = t;
      continue;
    }
    const prev = out[i - 1];
    if (lastFy && prev && (prev === lastFy || (prev.kind !== 'fiscal-year' && prev.qualifies === lastFy))) {
      const labelEnd = lastFy.range.end.offset - base;
      const from = prev.range.end.offset - base;
      if (continuesLabel(src, labelEnd, from, t.range.start.offset - base, t.range.end.offset - base)) t.qualifies = lastFy;
    }
    if (t.kind === 'date') {
      if (t.date.year === null) t.date.inferredYear = inferYear(t.date, written, t.qualifies, lastFy, ctx);
      checkValid(t.date);
      continue;
    }
    // A range is one unit: the start's year from the context, the end in the same year, or the next when its
    // month is earlier ("from December 20 to January 10"). A year written on the end alone was applied in range().
    const { start, end } = t;
    if (start.year === null && start.inferredYear === null) start.inferredYear = inferYear(start, written, t.qualifies, lastFy, ctx);
    if (end.year === null) {
      const sy = start.year ?? start.inferredYear;
      end.inferredYear = sy === null ? null : end.month < start.month ? sy + 1 : sy;
    }
    checkValid(start);
    checkValid(end);
  }
}

/**
 * The year of a date written without one: inside the fiscal year it names (a label it qualifies, else the
 * document's fiscal year: April-December in its first calendar year, January-March in the next); without
 * either, the year of the nearest dated mention in the block, else the last FY label before it.
 */
function inferYear(
  d: CalendarDate,
  written: { offset: number; year: number }[],
  qualifies: FiscalYearLabel | undefined,
  lastFy: FiscalYearLabel | undefined,
  ctx: ScanContext,
): number | null {
  const inFiscalYear = (fy: number): number => (d.month >= 4 ? fy : fy + 1);
  if (qualifies) return inFiscalYear(qualifies.year);
  if (ctx.fiscalYear !== null) return inFiscalYear(ctx.fiscalYear);
  let best: { offset: number; year: number } | undefined;
  let bestDist = Infinity;
  for (const w of written) {
    const dist = Math.abs(w.offset - d.range.start.offset);
    if (dist < bestDist) {
      best = w;
      bestDist = dist;
    }
  }
  if (best) return best.year;
  return lastFy ? inFiscalYear(lastFy.year) : null;
}

/** The first FY label in a title ("... (FY2018)"), or null. */
export function fiscalYearInText(text: string, profile: LanguageProfile): number | null {
  const found = scanTemporal(text, 0, text.length, { index: new LineIndex(text), fiscalYear: null, profile: { dates: dateForms(profile) } });
  for (const t of found) if (t.kind === 'fiscal-year') return t.year;
  return null;
}
