import type { Block, Localized, Range, RelatedDescriptor, Rule, RuleMeta, TemporalMention } from '@plan-lint/core';
import { fiscalYearLabel, localized } from '@plan-lint/core';
import { around, cuesOf, isScheduled, mentionOffsets, type Cues } from './lib/context.js';
import { dateSpan, fiscalYearBounds, fiscalYearOfDay, formatFiscalYearBounds, isoDayKey, rangeYears } from './lib/calendar.js';

export const meta: RuleMeta = {
  id: 'date-report-year',
  description: {
    en: "Fiscal-year labels and dates in a status report's entries fall in the report's own fiscal year (front matter `fiscal-year`) unless the text says they are background; a report whose labels and dates mostly name another fiscal year is reported at `fiscal-year`.",
    ja: '取組状況の項目の年度や日付が、背景として書かれたものを除き、報告の年度（フロントマターの「fiscal-year」）の中にあること（年度や日付の大半が別の年度を指す報告は、フロントマターの「fiscal-year」の誤りとして示します）。',
  },
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

/** Cut a text to its last clause: after the last of the profile's clause breaks (", " — not the comma of "3,240" —, "(", "、"). */
function lastClause(text: string, cues: Cues): string {
  const cut = Math.max(...cues.clauseBreaks.map((b) => text.lastIndexOf(b)));
  return cut === -1 ? text : text.slice(cut + 1);
}

const words = (text: string): string[] => text.toLowerCase().split(/[^a-z]+/).filter((w) => w !== '');

/**
 * A period bound right before the mention, fillers skipped: "since FY2012", "from July 2015", "as of March 2019",
 * "by the end of FY2019"; or the close of "between July 15, 2014 (...) and the end of FY2015".
 */
function hasBoundBefore(cues: Cues, clause: string, sentence: string): boolean {
  const w = words(clause);
  let i = w.length;
  while (i > 0 && cues.fillers.has(w[i - 1] as string)) i--;
  if (i === 0) return false;
  const last = w[i - 1] as string;
  if (cues.range && last === cues.range.close && words(sentence).slice(-25).includes(cues.range.open)) return true;
  return cues.bound.has(last) || (i >= 2 && cues.boundPairs.has(`${w[i - 2]} ${last}`));
}

/**
 * Within the last six words of the clause: when something began ("established in March 2011", "introduced in",
 * "effective from"), or a comparison ("in addition to 3,240 specialists in FY2017", "compared with", "than").
 */
function hasOriginBefore(cues: Cues, clause: string): boolean {
  const w = words(clause).slice(-6);
  for (let i = 0; i < w.length; i++) {
    if (cues.origin.has(w[i] as string)) return true;
    if (cues.originPhrases.some((p) => p.every((word, k) => w[i + k] === word))) return true;
  }
  return false;
}

/**
 * Whether the words around an out-of-year mention say it is background, not what was done in the report's year
 * (the cues are the profile's `dateCues`, listed and justified in date-report-year.md).
 */
function isBackground(cues: Cues, block: Block, seen: Seen, laterInside: boolean, multiYear: () => boolean): boolean {
  const { mention, at, place } = seen;
  if (at === -1) return false;
  if (place === 'after') return isScheduled(cues, block, mention, at);
  const text = around(block, mention, 1000, 200, at);
  const sentence = text?.before ?? '';
  const clause = lastClause(sentence.slice(-80), cues);
  // The rest of the sentence after the mention (to its 。 or period).
  const rest = /^(?:[^。．.\n]|\.(?! ))*/.exec(text?.after ?? '')?.[0] ?? '';
  return (
    hasBoundBefore(cues, clause, sentence) ||
    hasOriginBefore(cues, clause) ||
    (cues.before?.test(sentence) ?? false) ||
    (cues.after?.test(rest) ?? false) ||
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
    const related: RelatedDescriptor[] | undefined = field
      ? [{ message: { en: "The report's fiscal year", ja: '報告の年度（「fiscal-year」）' }, range: field.valueRange }]
      : undefined;
    const cues = cuesOf(document.profile.dateCues);
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
      const multiYear = (): boolean => (periodic ??= cues.multiYear?.test(block.text) ?? false);
      seen.forEach((s, i) => {
        if (!s.own || s.place === 'inside') return;
        if (isBackground(cues, block, s, s.place === 'before' && i < lastInside, multiYear)) return;
        context.report({ message: mentionMessage(s, fy), range: s.mention.range, severity: 'warning', related });
      });
    }

    let other: number | undefined;
    for (const [year, count] of tally) if (year !== fy && count > total / 2 && count >= MIN_OTHER_YEAR) other = year;
    if (other === undefined) return;
    const own = tally.get(fy) ?? 0;
    const count = tally.get(other) ?? 0;
    const where: Range = field?.valueRange ?? document.frontMatter?.range ?? document.rangeAt(0, 0);
    context.report({
      message: localized((l) =>
        l === 'en'
          ? `This reads like the FY${other} report, not FY${fy}'s: ${count} of the ${total} fiscal-year labels and dates ` +
            `in its entries fall in FY${other} (${formatFiscalYearBounds(other, l)}) and ${own} in FY${fy}. ` +
            `Set the fiscal year to ${other}, or bring the entries up to date`
          : `この報告は${fiscalYearLabel(fy, l)}ではなく${fiscalYearLabel(other, l)}の報告のように読めます。項目中の年度と日付${total}件のうち、` +
            `${count}件が${fiscalYearLabel(other, l)}（${formatFiscalYearBounds(other, l)}）、${own}件が${fiscalYearLabel(fy, l)}に当たります。` +
            `「fiscal-year」を${other}にするか、項目の内容を${fiscalYearLabel(fy, l)}のものに改めてください`,
      ),
      range: where,
      suggestions: field
        ? [{ description: { en: `Set 'fiscal-year' to ${other}`, ja: `「fiscal-year」を${other}にする` }, edits: [{ range: field.valueRange, text: String(other) }] }]
        : undefined,
    });
  },
};

/** Why an out-of-year mention is reported, and how to say it is background or a plan when it is. */
function mentionMessage(s: Seen, fy: number): Localized {
  const { mention, place } = s;
  const before = place === 'before';
  const raw = mention.raw;
  return localized((l) => {
    if (l === 'en') {
      if (mention.kind === 'fiscal-year') {
        const example = before ? `"since ${raw}", "compared with ${raw}"` : `"scheduled for ${raw}"`;
        return `'${raw}' names FY${mention.year}, but this report covers FY${fy}: correct the year, or make clear that it is ${before ? 'background' : 'a plan'} (${example})`;
      }
      const example = before ? '"since …", "established in …", "Based on …"' : '"scheduled for …", "will …"';
      return (
        `'${raw}' is ${place} FY${fy} (${formatFiscalYearBounds(fy, l)}), the year this report covers: ` +
        `correct the date, or make clear that it is ${before ? 'background' : 'a plan'} (${example})`
      );
    }
    const correct = mention.kind === 'fiscal-year' ? '年度' : '日付';
    const how = before
      ? `${correct}を正すか、以前からの経緯であることが分かるように書いてください（「${raw}以降」「${raw}${mention.kind === 'fiscal-year' ? 'から継続して' : 'に策定された'}」など）`
      : `${correct}を正すか、今後の予定であることが分かるように書いてください（「${raw}に実施する予定」など）`;
    if (mention.kind === 'fiscal-year') {
      return `「${raw}」は、この報告の対象である${fiscalYearLabel(fy, l)}より${before ? '前' : '後'}の年度です。${how}`;
    }
    return `「${raw}」は、この報告の対象である${fiscalYearLabel(fy, l)}（${formatFiscalYearBounds(fy, l)}）より${before ? '前' : '後'}の日付です。${how}`;
  });
}

export default dateReportYear;
