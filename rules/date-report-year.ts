import type { Block, Range, RelatedLocation, Rule, RuleMeta, TemporalMention } from '@plan-lint/core';
import { around, isScheduled, mentionOffsets } from './lib/context.js';
import { dateSpan, fiscalYearBounds, fiscalYearOfDay, formatFiscalYearBounds, isoDayKey, rangeYears } from './lib/calendar.js';

export const meta: RuleMeta = {
  id: 'date-report-year',
  description:
    "Fiscal-year labels and dates in a status report's entries fall in the report's own fiscal year (front matter `fiscal-year`) unless the text says they are background; a report whose labels and dates mostly name another fiscal year is reported at `fiscal-year`.",
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  hasSuggestions: true,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['status-report'],
  docs: 'date-report-year.md',
};

/** The fewest labels and dates naming one other fiscal year for the report to "read like" that year's. */
export const MIN_OTHER_YEAR = 3;

/** Where a mention lies against the report's fiscal year. */
type Place = 'before' | 'inside' | 'after';

interface Seen {
  mention: TemporalMention;
  /** Where it starts in the block's plain text (-1: not found). */
  at: number;
  place: Place;
  /** The one fiscal year it names or falls in, or null (a range across fiscal years). */
  fiscalYear: number | null;
  /** Reported on its own: labels, and dates that qualify no label (a qualifying date is date-fiscal-year's). */
  own: boolean;
}

/** Cut a text to its last clause: after the last ", " (not the comma of "3,240"), "(", ";" or ":". */
function lastClause(text: string): string {
  const cut = Math.max(text.lastIndexOf(', '), text.lastIndexOf('('), text.lastIndexOf(';'), text.lastIndexOf(': '));
  return cut === -1 ? text : text.slice(cut + 1);
}

const words = (text: string): string[] => text.toLowerCase().split(/[^a-z]+/).filter((w) => w !== '');

/** A period bound right before the mention: "since FY2012", "from July 2015", "as of March 2019", "by the end of FY2019". */
const BOUND_WORDS = new Set(['since', 'from', 'until', 'till', 'through', 'by', 'before', 'after', 'between']);
const BOUND_PAIRS = new Set(['as of', 'as at', 'prior to', 'up to']);
/** Words that may sit between the bound and the mention: "since the end of", "from early". */
const FILLERS = new Set(['the', 'end', 'beginning', 'start', 'middle', 'of', 'early', 'late', 'mid']);

/**
 * Within the last six words of the clause: when something began ("established in March 2011", "introduced in",
 * "decided on", "effective from", "starting from the allowance for"), or a comparison ("in addition to 3,240
 * specialists in FY2017", "compared with", "than", "the previous").
 */
const ORIGIN_WORDS = new Set([
  'starting', 'beginning', 'effective', 'established', 'instituted', 'introduced', 'enacted', 'founded', 'adopted',
  'decided', 'approved', 'promulgated', 'enforced', 'formulated', 'revised', 'amended', 'signed', 'ratified',
  'than', 'previous', 'previously', 'preceding', 'prior', 'last', 'compared',
]);
const ORIGIN_PAIRS = new Set(['in addition to']);

/** Anywhere earlier in the sentence: the grounds of what was done ("Based on the directive ... (April 25, 2017 ...)"). */
const GROUNDS = /\b(?:based on|in light of|in response to|pursuant to|in accordance with)\b/i;
/** In the entry: an activity repeated every few years, whose latest round may lie before the report's year. */
const MULTI_YEAR = /\bevery (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years\b|\b(?:biennial|triennial|quinquennial)/i;

/** A bound right before the mention, or the "and" that closes "between July 15, 2014 (...) and the end of FY2015". */
function hasBoundBefore(clause: string, sentence: string): boolean {
  const w = words(clause);
  let i = w.length;
  while (i > 0 && FILLERS.has(w[i - 1] as string)) i--;
  if (i === 0) return false;
  const last = w[i - 1] as string;
  if (last === 'and' && words(sentence).slice(-25).includes('between')) return true;
  return BOUND_WORDS.has(last) || (i >= 2 && BOUND_PAIRS.has(`${w[i - 2]} ${last}`));
}

function hasOriginBefore(clause: string): boolean {
  const w = words(clause).slice(-6);
  for (let i = 0; i < w.length; i++) {
    if (ORIGIN_WORDS.has(w[i] as string)) return true;
    if (ORIGIN_PAIRS.has(w.slice(i, i + 3).join(' '))) return true;
  }
  return false;
}

/**
 * Whether the words around an out-of-year mention say it is background, not what was done in the report's year
 * (the cues are listed and justified in date-report-year.md).
 */
function isBackground(block: Block, seen: Seen, laterInside: boolean, multiYear: () => boolean): boolean {
  const { mention, at, place } = seen;
  if (at === -1) return false;
  if (place === 'after') return isScheduled(block, mention, at);
  const sentence = around(block, mention, 1000, 0, at)?.before ?? '';
  const clause = lastClause(sentence.slice(-80));
  return (
    hasBoundBefore(clause, sentence) ||
    hasOriginBefore(clause) ||
    GROUNDS.test(sentence) ||
    multiYear() ||
    // History first, then what was done this year: "In June 2017, Japan submitted ... In November 2018, ..."
    // (a date that qualifies a label does not count: "In FY2018 (until the end of January 2020)").
    laterInside
  );
}

export const dateReportYear: Rule = {
  meta,
  check(context) {
    const { document } = context;
    const fy = document.fiscalYear;
    if (fy === null) return;
    const bounds = fiscalYearBounds(fy);
    const asOf = document.frontMatter?.asOf !== undefined ? isoDayKey(document.frontMatter.asOf) : null;
    const field = document.frontMatter?.fields.find((f) => f.key === 'fiscal-year');
    const related: RelatedLocation[] | undefined = field ? [{ message: "The report's fiscal year", range: field.valueRange }] : undefined;
    const tally = new Map<number, number>();
    let total = 0;

    const placeOf = (first: number, last: number): Place => (last < bounds.first ? 'before' : first > bounds.last ? 'after' : 'inside');

    for (const block of document.blocks()) {
      if (block.kind !== 'status-entry' && block.kind !== 'repeat-mention') continue;
      const offsets = mentionOffsets(block);
      const seen: Seen[] = [];
      block.dates.forEach((mention, i) => {
        const at = offsets[i] ?? -1;
        if (mention.kind === 'fiscal-year') {
          const place: Place = mention.year < fy ? 'before' : mention.year > fy ? 'after' : 'inside';
          seen.push({ mention, at, place, fiscalYear: mention.year, own: true });
          return;
        }
        let first: number;
        let last: number;
        if (mention.kind === 'date') {
          if (mention.date.year === null) return; // read inside the report's year (date-year-inferred)
          ({ first, last } = dateSpan(mention.date, mention.date.year));
        } else {
          if (mention.start.year === null && mention.end.year === null) return;
          const years = rangeYears(mention.start, mention.end);
          if (years === null) return;
          first = dateSpan(mention.start, years.startYear).first;
          last = dateSpan(mention.end, years.endYear).last;
        }
        const firstFy = fiscalYearOfDay(first);
        const own = mention.qualifies === undefined && !(asOf !== null && first > asOf); // after as-of: date-fiscal-year
        seen.push({ mention, at, place: placeOf(first, last), fiscalYear: firstFy === fiscalYearOfDay(last) ? firstFy : null, own });
      });

      for (const s of seen) {
        if (s.fiscalYear === null) continue;
        total++;
        tally.set(s.fiscalYear, (tally.get(s.fiscalYear) ?? 0) + 1);
      }
      // Read once per block, and only when needed: a block of thousands of mentions stays linear.
      let lastInside = -1;
      seen.forEach((t, i) => {
        if (t.own && t.place === 'inside') lastInside = i;
      });
      let periodic: boolean | undefined;
      const multiYear = (): boolean => (periodic ??= MULTI_YEAR.test(block.text));
      seen.forEach((s, i) => {
        if (!s.own || s.place === 'inside') return;
        if (isBackground(block, s, s.place === 'before' && i < lastInside, multiYear)) return;
        context.report({ message: mentionMessage(s, fy), range: s.mention.range, severity: 'warning', related });
      });
    }

    let other: number | undefined;
    for (const [year, count] of tally) if (year !== fy && count > total / 2 && count >= MIN_OTHER_YEAR) other = year;
    if (other === undefined) return;
    const own = tally.get(fy) ?? 0;
    const where: Range = field?.valueRange ?? document.frontMatter?.range ?? document.rangeAt(0, 0);
    context.report({
      message:
        `This reads like the FY${other} report, not FY${fy}'s: ${tally.get(other)} of the ${total} fiscal-year labels and dates ` +
        `in its entries fall in FY${other} (${formatFiscalYearBounds(other)}) and ${own} in FY${fy}. ` +
        `Set the fiscal year to ${other}, or bring the entries up to date`,
      range: where,
      suggestions: field
        ? [{ description: `Set 'fiscal-year' to ${other}`, edits: [{ range: field.valueRange, text: String(other) }] }]
        : undefined,
    });
  },
};

function mentionMessage(s: Seen, fy: number): string {
  const { mention, place } = s;
  const before = place === 'before';
  if (mention.kind === 'fiscal-year') {
    const example = before ? `"since ${mention.raw}", "compared with ${mention.raw}"` : `"scheduled for ${mention.raw}"`;
    return `'${mention.raw}' names FY${mention.year}, but this report covers FY${fy}: correct the year, or make clear that it is ${before ? 'background' : 'a plan'} (${example})`;
  }
  const example = before ? '"since …", "established in …", "Based on …"' : '"scheduled for …", "will …"';
  return (
    `'${mention.raw}' is ${place} FY${fy} (${formatFiscalYearBounds(fy)}), the year this report covers: ` +
    `correct the date, or make clear that it is ${before ? 'background' : 'a plan'} (${example})`
  );
}

export default dateReportYear;
