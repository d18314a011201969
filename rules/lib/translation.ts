/**
 * A translated report and its original (`translation-of:`; which entries correspond: `entryPairs` of core), and
 * the values an entry states — dates, fiscal years, figures and responsible bodies — in a form that does not
 * depend on the language they are written in (April 23, 2018 = 平成30年4月23日, FY2018 = 平成30年度,
 * 2,602 = ２，６０２件, NPA = 警察庁 = 警察). Everything here reads the plan models only.
 */
import {
  dateLabel,
  eraDateLabel,
  eraYear,
  eraCalendar,
  escapeRe,
  profileFor,
  type EraCalendar,
  fiscalYearLabel,
  type Block,
  type CalendarDate,
  type Locale,
  type PlanDocument,
  type Range,
  type Registry,
} from '@plan-lint/core';
import { resolveTag } from './tag-bodies.js';

// ---------------------------------------------------------------------------
// Values: dates and fiscal years, figures
// ---------------------------------------------------------------------------

/** A value an entry states, where it is written, and how to show it in each locale. */
export interface Value {
  /** Comparable across languages: "2018-04-23", "2018-11", "FY2018", "#2602". */
  key: string;
  raw: string;
  range: Range;
}

/** How a value's key reads in a message: "1 April 2023" / "平成30年4月23日", "FY2018" / "平成30年度", "2,602". */
export function valueLabel(key: string, locale: Locale): string {
  if (key.startsWith('FY')) return fiscalYearLabel(Number(key.slice(2)), locale);
  if (key.startsWith('#')) return Number(key.slice(1)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return locale === 'en' ? dateLabel(key, 'en') : eraDateLabel(key);
}

/** "2018-04-23", or "2018-04" without a day. */
function isoKey(year: number, month: number, day: number | null): string {
  const mm = String(month).padStart(2, '0');
  return day === null ? `${year}-${mm}` : `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

function dateKey(date: CalendarDate): string | null {
  const year = date.year ?? date.inferredYear;
  return year === null || !date.valid ? null : isoKey(year, date.month, date.day);
}

/**
 * The end of a range written after a date as "から…まで" (平成30年4月から12月まで, 11月11日から同月25日まで): the
 * model reads the first date only. The end takes the year of the start (the next year when its month comes
 * earlier); an end with a year of its own is a date the model reads itself.
 */
const RANGE_END = /^(?:[ \t]*[（(][月火水木金土日][)）])?[ \t]*から[ \t]*(?:同年)?(?:同月)?(?:([0-9０-９]{1,2})[ \t]?月)?(?:([0-9０-９]{1,2})[ \t]?日)?[ \t]*(?:まで|迄)/;

function rangeEnd(document: PlanDocument, date: CalendarDate): Value | null {
  const year = date.year ?? date.inferredYear;
  const after = document.text.slice(date.range.end.offset, date.range.end.offset + 40);
  const m = RANGE_END.exec(after);
  if (year === null || !m || (m[1] === undefined && m[2] === undefined)) return null;
  const month = m[1] !== undefined ? digits(m[1]) : date.month;
  const day = m[2] !== undefined ? digits(m[2]) : null;
  const key = isoKey(month < date.month ? year + 1 : year, month, day);
  const start = date.range.end.offset + m[0].search(/[0-9０-９同]/);
  const end = date.range.end.offset + m[0].length;
  return { key, raw: document.text.slice(start, end), range: document.rangeAt(start, end) };
}

/** A month (and day) written without a year and not read as a date (4月から12月まで, in a sentence of its own). */
const YEARLESS = /(?<![0-9年])([0-9]{1,2})[ \t]?月(?:[ \t]?([0-9]{1,2})[ \t]?日)?/g;

/**
 * The keys of the months and days an entry writes without a year that the model does not read as dates (`4月`),
 * in the document's fiscal year (April-December: its first year; January-March: the next). They count as present
 * on that side, as a date written "April" would be in a sentence whose year is given elsewhere.
 */
export function yearlessDateKeys(document: PlanDocument, block: Block): Set<string> {
  const out = new Set<string>();
  const fy = document.fiscalYear;
  if (fy === null) return out;
  const start = block.range.start.offset;
  const text = foldWidth(document.text.slice(start, block.range.end.offset));
  for (const m of text.matchAll(YEARLESS)) {
    const month = Number(m[1]);
    const day = m[2] === undefined ? null : Number(m[2]);
    if (month < 1 || month > 12) continue;
    const year = month >= 4 ? fy : fy + 1;
    out.add(isoKey(year, month, null));
    if (day !== null) out.add(isoKey(year, month, day));
  }
  return out;
}

/** Dates and fiscal years of an entry, in text order (a range gives its start and its end). */
export function temporalValues(document: PlanDocument, block: Block): Value[] {
  const out: Value[] = [];
  const push = (key: string | null, raw: string, range: Range): void => {
    if (key !== null) out.push({ key, raw, range });
  };
  for (const mention of block.dates) {
    if (mention.kind === 'fiscal-year') push(`FY${mention.year}`, mention.raw, mention.range);
    else if (mention.kind === 'date-range') {
      push(dateKey(mention.start), mention.raw, mention.range);
      push(dateKey(mention.end), mention.raw, mention.range);
    } else {
      push(dateKey(mention.date), mention.raw, mention.range);
      const end = rangeEnd(document, mention.date);
      if (end) out.push(end);
    }
  }
  return out;
}

/** Full-width digits and separators as their ASCII forms (one code unit each way, so offsets hold). */
function foldWidth(text: string): string {
  return text.replace(/[０-９，．]/g, (c) => (c === '，' ? ',' : c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function digits(text: string): number {
  return Number(foldWidth(text));
}

const UNITS: Record<string, number> = { 億: 1e8, 万: 1e4, 千: 1e3, billion: 1e9, million: 1e6, thousand: 1e3 };
/**
 * A number written in digits (grouped with commas or not, with decimals), with a unit that multiplies it:
 * 2,602 / 1.5 million / 1.5万 / 2万6千. Not a number glued to a word before it (COVID-19, G20), nor an
 * enumeration marker ((1), 1. at the start of a line).
 */
const FIGURE = /(?<![A-Za-z0-9.,]|[A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[ \t]?(billion|million|thousand)\b|(億|万|千))?(?:(\d+)(千))?/g;
/**
 * A year of a Japanese era without month or fiscal-year mark (平成30年に, 令和元年版): a figure, the western year.
 * The eras are the Japanese profile's, read when first needed (not when the rules are loaded).
 */
let japaneseEraYear: RegExp | null | undefined;

function eraYearRegex(): RegExp | null {
  if (japaneseEraYear === undefined) japaneseEraYear = eraYearPattern(eraCalendar(profileFor('ja')));
  return japaneseEraYear;
}

function eraYearPattern(calendar: EraCalendar | null): RegExp | null {
  if (calendar === null || calendar.eras.length === 0) return null;
  const eras = calendar.eras.map((e) => escapeRe(e.name)).join('|');
  const year = escapeRe(calendar.year);
  return new RegExp(`(${eras})[ \\t]?(${escapeRe(calendar.firstYear)}|\\d{1,2})[ \\t]?${year}(?![ \\t]?(?:度|\\d))`, 'g');
}

/** The figures of an entry (numbers not part of a date, a fiscal year or a repeat mention's prefix), in text order. */
export function figureValues(document: PlanDocument, block: Block): Value[] {
  const start = block.range.start.offset;
  const end = block.tag ? block.tag.range.start.offset : block.range.end.offset;
  const text = foldWidth(document.text.slice(start, end));
  const taken: [number, number][] = temporalValues(document, block).map((v) => [v.range.start.offset - start, v.range.end.offset - start]);
  for (const m of block.dates) taken.push([m.range.start.offset - start, m.range.end.offset - start]);
  if (block.repeat) taken.push([block.repeat.prefixRange.start.offset - start, block.repeat.prefixRange.end.offset - start]);
  for (const m of text.matchAll(YEARLESS)) taken.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  const overlaps = (s: number, e: number): boolean => taken.some(([a, b]) => s < b && e > a);
  const out: Value[] = [];
  const push = (value: number, at: number, length: number): void => {
    out.push({ key: `#${Math.round(value * 1000) / 1000}`, raw: document.text.slice(start + at, start + at + length), range: document.rangeAt(start + at, start + at + length) });
  };
  const eraYears = eraYearRegex();
  for (const m of eraYears === null ? [] : text.matchAll(eraYears)) {
    const at = m.index ?? 0;
    const year = eraYear(m[1] ?? '', /^\d+$/.test(m[2] ?? '') ? Number(m[2]) : 1);
    if (year !== null && !overlaps(at, at + m[0].length)) {
      push(year, at, m[0].length);
      taken.push([at, at + m[0].length]);
    }
  }
  for (const m of text.matchAll(FIGURE)) {
    const at = m.index ?? 0;
    const length = m[0].length;
    if (overlaps(at, at + length) || enumeration(text, at, length)) continue;
    let value = Number(`${(m[1] ?? '').replace(/,/g, '')}${m[2] ?? ''}`);
    value *= UNITS[m[3] ?? m[4] ?? ''] ?? 1;
    if (m[5] !== undefined) value += Number(m[5]) * (UNITS[m[6] ?? ''] ?? 1);
    push(value, at, length);
  }
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** "(1)", "（1）" or "1." / "1)" at the start of a line: a marker of an enumeration, not a figure. */
function enumeration(text: string, at: number, length: number): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at + length);
  if ((before === '(' || before === '（') && (after === ')' || after === '）')) return true;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t\->*+]*$/.test(text.slice(lineStart, at)) && (after === '.' || after === ')') && /\s/.test(text.charAt(at + length + 1) || ' ');
}

/** English words for small numbers: a translation may write "four years" for ４年間. */
const NUMBER_WORDS: Record<string, number> = {
  once: 1, twice: 2, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8,
  ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
};

/** The keys of the small numbers an entry writes in words ("#4" for "four"). */
export function wordFigureKeys(block: Block): Set<string> {
  const out = new Set<string>();
  for (const m of block.text.toLowerCase().matchAll(/[a-z]+/g)) {
    const n = NUMBER_WORDS[m[0]];
    if (n !== undefined) out.add(`#${n}`);
  }
  return out;
}

/**
 * The values of `mine` not among `theirs`, and the values of `theirs` not among `mine` (each once, in text
 * order): what a translation added or changed, and what it left out. `words`: keys each side writes in words
 * (wordFigureKeys), which count as present on that side.
 */
export function valueDifference(
  mine: readonly Value[],
  theirs: readonly Value[],
  words: { mine: ReadonlySet<string>; theirs: ReadonlySet<string> } = { mine: new Set(), theirs: new Set() },
): { added: Value[]; missing: Value[] } {
  const theirKeys = new Set(theirs.map((v) => v.key));
  const myKeys = new Set(mine.map((v) => v.key));
  const once = (values: Value[]): Value[] => values.filter((v, i) => values.findIndex((w) => w.key === v.key) === i);
  return {
    added: once(mine.filter((v) => !theirKeys.has(v.key) && !words.theirs.has(v.key))),
    missing: once(theirs.filter((v) => !myKeys.has(v.key) && !words.mine.has(v.key))),
  };
}

// ---------------------------------------------------------------------------
// Responsible bodies
// ---------------------------------------------------------------------------

/** The key of a catch-all ("other related bodies", 関係府省庁): every catch-all is the same value. */
export const CATCH_ALL = '*';

export interface Body {
  /** Registry id, or CATCH_ALL. */
  key: string;
  /** The name as written. */
  text: string;
  range: Range;
}

/**
 * The bodies an entry's tag names, by registry identity (a catch-all as CATCH_ALL); null when it has no tag or
 * names something the registry does not know (ministry-known reports that).
 */
export function entryBodies(document: PlanDocument, block: Block, registry: Registry): Body[] | null {
  if (!block.tag) return null;
  const names = registry.inLanguage(document.profile.registryNames);
  const resolved = resolveTag(block.tag, names, document.legend);
  if (resolved.some((r) => r.key.startsWith('text:'))) return null;
  const bodies: Body[] = resolved.map((r) => ({ key: r.key, text: r.name.text, range: r.name.range }));
  for (const name of block.tag.names) if (name.form === 'other-related') bodies.push({ key: CATCH_ALL, text: name.text, range: name.range });
  return bodies;
}

/** A body in a message: "NPA" / "警察庁"; a catch-all as written. */
export function bodyName(key: string, registry: Registry, locale: Locale, written: string): string {
  const body = key === CATCH_ALL ? undefined : registry.inLanguage('en').byId(key);
  if (!body) return written;
  return locale === 'en' ? (body.abbreviations[0] ?? body.name) : body.nameJa;
}
