/**
 * What the plan ↔ report and year ↔ year rules share beyond the comparison in @plan-lint/core (pairing,
 * word diff): edits that restore the plan's words, where a difference is, related locations in a linked document.
 * Everything here reads the plan model (and the linked documents' models) only.
 */
import { letters, type TextUnits } from './words.js';
import { actionWords, fiscalYearLabel, pairMemo, words, type Block, type Hunk, type LinkedDocument, type Locale, type PlanDocument, type Range, type RelatedDescriptor, type Section, type Text, type TextEdit } from '@plan-lint/core';

interface Token {
  text: string;
  start: number;
  end: number;
}

/** List markers at the start of a line ("-", "*", "+"): Markdown, not words of the text. */
function sourceTokens(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < end) {
    const tokenEnd = Math.min(m.index + m[0].length, end);
    const token = text.slice(m.index, tokenEnd);
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const marker = (token === '-' || token === '*' || token === '+') && text.slice(lineStart, m.index).trim() === '';
    if (!marker) out.push({ text: token, start: m.index, end: tokenEnd });
    if (tokenEnd >= end) break;
  }
  return out;
}

/**
 * The source words of a block's text before its tag, with their offsets — only when they are exactly the
 * block's plain words (no markup or escapes in the way), so that an edit made from them is certain.
 */
export function sourceWords(document: PlanDocument, block: Block): Token[] | null {
  const end = block.tag ? block.tag.range.start.offset : block.range.end.offset;
  const tokens = sourceTokens(document.text, block.range.start.offset, end);
  const plain = actionWords(block);
  if (tokens.length !== plain.length || tokens.some((t, i) => t.text !== plain[i])) return null;
  return tokens;
}

/**
 * Edits that turn the report's words back into the plan's, hunk by hunk, or null when either text has markup
 * the words do not show (then no fix is certain).
 */
export function restoreEdits(report: PlanDocument, block: Block, plan: PlanDocument, planBlock: Block, hunks: readonly Hunk[]): TextEdit[] | null {
  const mine = sourceWords(report, block);
  const theirs = sourceWords(plan, planBlock);
  if (!mine || !theirs || mine.length === 0) return null;
  const edits: TextEdit[] = [];
  for (const h of hunks) {
    const replacement = theirs.slice(h.fromAt, h.fromAt + h.from.length).map((t) => t.text).join(' ');
    if (h.to.length > 0) {
      const first = mine[h.toAt] as Token;
      const last = mine[h.toAt + h.to.length - 1] as Token;
      if (h.from.length === 0) {
        // Drop the added words and the space before them (or after them at the start).
        const before = mine[h.toAt - 1];
        const after = mine[h.toAt + h.to.length];
        const [s, e] = before ? [before.end, last.end] : after ? [first.start, after.start] : [first.start, last.end];
        edits.push({ range: report.rangeAt(s, e), text: '' });
      } else edits.push({ range: report.rangeAt(first.start, last.end), text: replacement });
    } else {
      const before = mine[h.toAt - 1];
      const at = mine[h.toAt];
      if (before) edits.push({ range: report.rangeAt(before.end, before.end), text: ` ${replacement}` });
      else if (at) edits.push({ range: report.rangeAt(at.start, at.start), text: `${replacement} ` });
      else return null;
    }
  }
  return edits;
}

/** A related location in a linked document. */
export function relatedIn(linked: LinkedDocument, range: Range, message: Text): RelatedDescriptor {
  return { message, range, filePath: linked.path };
}

/** The section of `document` numbered `n`, if any. */
export function sectionNumbered(document: PlanDocument, n: number): Section | undefined {
  return document.sections.find((s) => s.number === n);
}

/**
 * Where a planned action differs: from the first to the last differing word of the report (where words were
 * dropped, the word before the gap), or the text before the tag when its words cannot be placed.
 */
export function diffRange(report: PlanDocument, block: Block, hunks: readonly Hunk[]): Range {
  const tokens = sourceWords(report, block);
  const first = hunks[0];
  const last = hunks[hunks.length - 1];
  if (tokens && tokens.length > 0 && first && last) {
    const startToken = tokens[Math.min(first.to.length > 0 ? first.toAt : Math.max(0, first.toAt - 1), tokens.length - 1)] as Token;
    const endIndex = last.to.length > 0 ? last.toAt + last.to.length - 1 : Math.max(0, last.toAt - 1);
    const endToken = tokens[Math.min(endIndex, tokens.length - 1)] as Token;
    return report.rangeAt(startToken.start, Math.max(startToken.end, endToken.end));
  }
  const end = block.tag ? block.tag.range.start.offset : block.range.end.offset;
  return report.rangeAt(block.range.start.offset, Math.max(block.range.start.offset, end));
}

/** A status entry of the report and the entry of the previous report it repeats. */
export interface CopiedEntry {
  block: Block;
  previous: Block;
  previousMeasureId: string;
  /** True when the words are the same; false when they are the same once every year is set aside. */
  exact: boolean;
}

/** Entries shorter than this are not judged as copies ("Same as the previous fiscal year. (NPA)", 前年度と同じ。). */
const MIN_COPY_WORDS = 6;
const MIN_COPY_CHARACTERS = 30;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;

/**
 * An entry's keys: its words, and its words with every year set aside; for a language written without spaces
 * (profile `text.units`: characters), its characters, widths folded, and the same with every date and 年度 label
 * set aside (平成30年11月 and 令和元年11月 differ in more than the digits). Null for an entry too short to judge.
 */
function entryKeys(block: Block, units: TextUnits): { exact: string; yearless: string } | null {
  if (units === 'characters') {
    const exact = letters(block.text);
    if (exact.length < MIN_COPY_CHARACTERS) return null;
    const parts: string[] = [];
    let from = 0;
    for (const mention of block.dates) {
      const at = block.text.indexOf(mention.raw, from);
      if (at === -1) continue;
      parts.push(letters(block.text.slice(from, at)));
      from = at + mention.raw.length;
    }
    parts.push(letters(block.text.slice(from)));
    return { exact, yearless: parts.join('#') };
  }
  const w = words(block.text);
  if (w.length < MIN_COPY_WORDS) return null;
  const exact = w.join(' ');
  return { exact, yearless: exact.replace(YEAR, '#') };
}

/**
 * The status entries of `report` that repeat one of `previous` word for word, or with only the years changed
 * ("in June 2018" → "in June 2019", 平成30年11月 → 令和元年11月). Computed once per pair of documents.
 */
export const copiedEntries = pairMemo((report: PlanDocument, previous: PlanDocument): CopiedEntry[] => {
  const exact = new Map<string, { block: Block; measureId: string }>();
  const yearless = new Map<string, { block: Block; measureId: string }>();
  for (const measure of previous.measures())
    for (const block of measure.blocks) {
      const keys = block.kind === 'status-entry' ? entryKeys(block, previous.profile.text.units) : null;
      if (!keys) continue;
      if (!exact.has(keys.exact)) exact.set(keys.exact, { block, measureId: measure.id });
      if (!yearless.has(keys.yearless)) yearless.set(keys.yearless, { block, measureId: measure.id });
    }
  const found: CopiedEntry[] = [];
  for (const block of report.blocks()) {
    const keys = block.kind === 'status-entry' ? entryKeys(block, report.profile.text.units) : null;
    if (!keys) continue;
    const same = exact.get(keys.exact);
    if (same) {
      found.push({ block, previous: same.block, previousMeasureId: same.measureId, exact: true });
      continue;
    }
    const near = yearless.get(keys.yearless);
    if (near) found.push({ block, previous: near.block, previousMeasureId: near.measureId, exact: false });
  }
  return found;
});

/** "the FY2018 report" / "平成30年度の報告" for a fiscal year, "the previous report" / "前回の報告" when it has none. */
export function reportLabel(document: PlanDocument, locale: Locale = 'en'): string {
  const fy = document.fiscalYear;
  if (locale === 'ja') return fy !== null ? `${fiscalYearLabel(fy, locale)}の報告` : '前回の報告';
  return fy !== null ? `the FY${fy} report` : 'the previous report';
}
