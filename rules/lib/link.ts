/**
 * What the plan ↔ report and year ↔ year rules share beyond the comparison in @plan-lint/core (pairing,
 * word diff): edits that restore the plan's words, where a difference is, related locations in a linked document.
 * Everything here reads the plan model (and the linked documents' models) only.
 */
import {
  actionUnits,
  fiscalYearLabel,
  joinUnits,
  numeralKey,
  pairMemo,
  words,
  type Block,
  type Hunk,
  type LinkedDocument,
  type Locale,
  type Measure,
  type PlanDocument,
  type Range,
  type RelatedDescriptor,
  type Section,
  type Text,
  type TextEdit,
  type TextUnits,
} from '@plan-lint/core';

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The units of the source text between two offsets, with their offsets: words, or characters (white space left out). */
function sourceTokens(text: string, start: number, end: number, units: TextUnits): Token[] {
  const out: Token[] = [];
  const re = units === 'words' ? /\S+/g : /\S/gu;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < end) {
    const tokenEnd = Math.min(m.index + m[0].length, end);
    const token = text.slice(m.index, tokenEnd);
    // A list marker at the start of a line ("-", "*", "+" and a space) is Markdown, not text.
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const marker = /^[-*+]$/.test(token) && text.slice(lineStart, m.index).trim() === '' && /^(?:\s|$)/.test(text.slice(tokenEnd, tokenEnd + 1));
    if (!marker) out.push({ text: token, start: m.index, end: tokenEnd });
    if (tokenEnd >= end) break;
  }
  return out;
}

/**
 * The source units (words or characters) of a block's text before its tag, with their offsets — only when they
 * are exactly the block's plain units (no markup or escapes in the way), so that an edit made from them is certain.
 */
export function sourceWords(document: PlanDocument, block: Block, units: TextUnits): Token[] | null {
  const end = block.tag ? block.tag.range.start.offset : block.range.end.offset;
  const tokens = sourceTokens(document.text, block.range.start.offset, end, units);
  const plain = actionUnits(block, units);
  if (tokens.length !== plain.length || tokens.some((t, i) => t.text !== plain[i])) return null;
  return tokens;
}

/**
 * Edits that turn the report's words (or characters) back into the plan's, hunk by hunk, or null when either
 * text has markup the words do not show (then no fix is certain).
 */
export function restoreEdits(report: PlanDocument, block: Block, plan: PlanDocument, planBlock: Block, hunks: readonly Hunk[]): TextEdit[] | null {
  // Both texts in the report's units, the units the hunks count.
  const units = report.profile.text.units;
  const mine = sourceWords(report, block, units);
  const theirs = sourceWords(plan, planBlock, units);
  if (!mine || !theirs || mine.length === 0) return null;
  // Words are written with a space between them; characters with none.
  const space = units === 'words' ? ' ' : '';
  const edits: TextEdit[] = [];
  for (const h of hunks) {
    const replacement = joinUnits(theirs.slice(h.fromAt, h.fromAt + h.from.length).map((t) => t.text), units);
    if (h.to.length > 0) {
      const first = mine[h.toAt] as Token;
      const last = mine[h.toAt + h.to.length - 1] as Token;
      if (h.from.length === 0 && space !== '') {
        // Drop the added words and the space before them (or after them at the start).
        const before = mine[h.toAt - 1];
        const after = mine[h.toAt + h.to.length];
        const [s, e] = before ? [before.end, last.end] : after ? [first.start, after.start] : [first.start, last.end];
        edits.push({ range: report.rangeAt(s, e), text: '' });
      } else edits.push({ range: report.rangeAt(first.start, last.end), text: replacement });
    } else {
      const before = mine[h.toAt - 1];
      const at = mine[h.toAt];
      if (before) edits.push({ range: report.rangeAt(before.end, before.end), text: `${space}${replacement}` });
      else if (at) edits.push({ range: report.rangeAt(at.start, at.start), text: `${replacement}${space}` });
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
  const tokens = sourceWords(report, block, report.profile.text.units);
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
  /** The previous report's measure the entry is under. */
  previousMeasure: Measure;
  /** True when the words are the same; false when they are the same once every year is set aside. */
  exact: boolean;
}

/**
 * Entries shorter than this are not judged as copies ("Same as the previous fiscal year. (NPA)",
 * 「前年度と同様に実施した。【警察庁】」): six words, or thirty characters (UTF-16 code units).
 */
const MIN_COPY_UNITS: Readonly<Record<TextUnits, number>> = { words: 6, characters: 30 };
/** A year: "2018", and a Japanese year before 年 ("平成30年", "令和元年度", "31年4月" with the era dropped). */
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)|(?:明治|大正|昭和|平成|令和)?(?:元|(?<!\d)\d{1,2})(?=年)/g;

/**
 * A status entry's text as copies are compared (its words, or its characters with widths folded by NFKC and
 * white space left out), or null when it is not a status entry or too short to judge.
 */
function entryKey(block: Block, units: TextUnits): string | null {
  if (block.kind !== 'status-entry') return null;
  if (units === 'words') {
    const ws = words(block.text);
    return ws.length >= MIN_COPY_UNITS.words ? ws.join(' ') : null;
  }
  const chars = block.text.normalize('NFKC').replace(/\s+/g, '');
  return chars.length >= MIN_COPY_UNITS.characters ? chars : null;
}

/**
 * The status entries of `report` that repeat one of `previous` word for word, or with only the years changed
 * ("in June 2018" → "in June 2019", 令和4年6月 → 令和5年6月). Texts are compared by the report's units.
 * Computed once per pair of documents.
 */
export const copiedEntries = pairMemo((report: PlanDocument, previous: PlanDocument): CopiedEntry[] => {
  const units = report.profile.text.units;
  const exact = new Map<string, { block: Block; measure: Measure }>();
  const yearless = new Map<string, { block: Block; measure: Measure }>();
  for (const measure of previous.measures())
    for (const block of measure.blocks) {
      const key = entryKey(block, units);
      if (key === null) continue;
      if (!exact.has(key)) exact.set(key, { block, measure });
      const loose = key.replace(YEAR, '#');
      if (!yearless.has(loose)) yearless.set(loose, { block, measure });
    }
  const found: CopiedEntry[] = [];
  for (const block of report.blocks()) {
    const key = entryKey(block, units);
    if (key === null) continue;
    const same = exact.get(key);
    if (same) {
      found.push({ block, previous: same.block, previousMeasure: same.measure, exact: true });
      continue;
    }
    const near = yearless.get(key.replace(YEAR, '#'));
    if (near) found.push({ block, previous: near.block, previousMeasure: near.measure, exact: false });
  }
  return found;
});

/** "the FY2018 report" / "平成30年度の報告" for a fiscal year, "the previous report" / "前回の報告" when it has none. */
export function reportLabel(document: PlanDocument, locale: Locale = 'en'): string {
  const fy = document.fiscalYear;
  if (locale === 'ja') return fy !== null ? `${fiscalYearLabel(fy, locale)}の報告` : '前回の報告';
  return fy !== null ? `the FY${fy} report` : 'the previous report';
}

/** A measure's number as Japanese messages write it: 1－（2） (the form of a 再掲 reference, digits folded). */
export function measureNumberJa(measure: Measure): string {
  return `${measure.sectionNumber}－（${numeralKey(measure.numeral)}）`;
}
