/**
 * What the plan ↔ report and year ↔ year rules share: pairing a report's measures with the linked document's,
 * planned actions without their tags, a word-level diff, and edits that restore the plan's words.
 * Everything here reads the plan model (and the linked documents' models) only.
 */
import type { Block, LinkedDocument, Measure, PlanDocument, Range, RelatedLocation, Section, TextEdit } from '@plan-lint/core';

/** A report's measure and the measure of the linked document it corresponds to. */
export interface MeasurePair {
  report: Measure;
  linked: Measure;
  /** True when the two are numbered differently (paired by identical title within the same section). */
  renumbered: boolean;
}

export interface Pairing {
  pairs: MeasurePair[];
  /** Measures of the report that the linked document does not have. */
  unmatched: Measure[];
  /** Measures of the linked document that the report does not have. */
  missing: Measure[];
}

const pairings = new WeakMap<PlanDocument, WeakMap<PlanDocument, Pairing>>();

function key(section: number, ordinal: number | null, numeral: string): string {
  return `${section}-${ordinal ?? numeral.toLowerCase()}`;
}

/**
 * Pairs the measures of `report` with those of `linked`: by section and number, except that a measure whose
 * title is, word for word, the title of another measure of the same section of the linked document is paired
 * with that one (it was renumbered). Computed once per pair of documents.
 */
export function pairMeasures(report: PlanDocument, linked: PlanDocument): Pairing {
  let byLinked = pairings.get(report);
  const known = byLinked?.get(linked);
  if (known) return known;
  const linkedMeasures = linked.measures();
  const byNumber = new Map<string, Measure>();
  const byTitle = new Map<string, Measure>();
  for (const m of linkedMeasures) {
    const k = key(m.sectionNumber, m.ordinal, m.numeral);
    if (!byNumber.has(k)) byNumber.set(k, m);
    const t = `${m.sectionNumber}:${normalizeSpace(m.title)}`;
    if (!byTitle.has(t)) byTitle.set(t, m);
  }
  const used = new Set<Measure>();
  const pairs: MeasurePair[] = [];
  const unmatched: Measure[] = [];
  const reportMeasures = report.measures();
  // Titles first, so that a renumbered measure does not take the number of the one it displaced.
  const pending: Measure[] = [];
  for (const m of reportMeasures) {
    const sameTitle = byTitle.get(`${m.sectionNumber}:${normalizeSpace(m.title)}`);
    if (sameTitle && !used.has(sameTitle)) {
      used.add(sameTitle);
      pairs.push({ report: m, linked: sameTitle, renumbered: key(m.sectionNumber, m.ordinal, m.numeral) !== key(sameTitle.sectionNumber, sameTitle.ordinal, sameTitle.numeral) });
    } else pending.push(m);
  }
  for (const m of pending) {
    const sameNumber = byNumber.get(key(m.sectionNumber, m.ordinal, m.numeral));
    if (sameNumber && !used.has(sameNumber)) {
      used.add(sameNumber);
      pairs.push({ report: m, linked: sameNumber, renumbered: false });
    } else unmatched.push(m);
  }
  const order = new Map(reportMeasures.map((m, i) => [m, i]));
  pairs.sort((a, b) => (order.get(a.report) ?? 0) - (order.get(b.report) ?? 0));
  const pairing: Pairing = { pairs, unmatched, missing: linkedMeasures.filter((m) => !used.has(m)) };
  if (!byLinked) {
    byLinked = new WeakMap();
    pairings.set(report, byLinked);
  }
  byLinked.set(linked, pairing);
  return pairing;
}

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The planned actions of a measure, in order. */
export function plannedActions(measure: Measure): Block[] {
  return measure.blocks.filter((b) => b.kind === 'planned-action');
}

/** The words of a block's text before its tag (the whole text when it has none). */
export function actionWords(block: Block): string[] {
  return words(actionText(block));
}

export function actionText(block: Block): string {
  if (!block.tag) return block.text;
  const at = block.text.lastIndexOf(block.tag.raw);
  return at === -1 ? block.text : block.text.slice(0, at);
}

export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/** A run of differing words: `from` (the linked document's words) became `to` (the report's) at report word index `at`. */
export interface Hunk {
  /** Index of the first differing word in the linked document's words, and in the report's. */
  fromAt: number;
  toAt: number;
  from: string[];
  to: string[];
}

/** Longest inputs diffed word by word; longer differing middles are one hunk (a draft cannot make the diff slow). */
const MAX_DIFF_CELLS = 4_000_000;

/** The word-level differences between `from` and `to` (longest common subsequence), in order. Empty when equal. */
export function wordDiff(from: readonly string[], to: readonly string[]): Hunk[] {
  let head = 0;
  while (head < from.length && head < to.length && from[head] === to[head]) head++;
  let tail = 0;
  while (tail < from.length - head && tail < to.length - head && from[from.length - 1 - tail] === to[to.length - 1 - tail]) tail++;
  const a = from.slice(head, from.length - tail);
  const b = to.slice(head, to.length - tail);
  if (a.length === 0 && b.length === 0) return [];
  if (a.length === 0 || b.length === 0 || (a.length + 1) * (b.length + 1) > MAX_DIFF_CELLS)
    return [{ fromAt: head, toAt: head, from: a, to: b }];
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array.
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * w + j] = a[i] === b[j] ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  const close = (): void => {
    if (open) hunks.push(open);
    open = null;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { fromAt: head + i, toAt: head + j, from: [], to: [] };
    if (j >= b.length || (i < a.length && (lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0))) open.from.push(a[i++] as string);
    else open.to.push(b[j++] as string);
  }
  close();
  return hunks;
}

const SHOWN_HUNKS = 3;
const SHOWN_WORDS = 8;

function quote(ws: readonly string[]): string {
  const text = ws.length > SHOWN_WORDS ? `${ws.slice(0, SHOWN_WORDS / 2).join(' ')} … ${ws.slice(-SHOWN_WORDS / 2).join(' ')}` : ws.join(' ');
  return `'${text}'`;
}

/** "'strengthened' → 'considered'; 'and' dropped; 'promptly' added" (the first three, then how many more). */
export function describeHunks(hunks: readonly Hunk[]): string {
  const shown = hunks.slice(0, SHOWN_HUNKS).map((h) =>
    h.to.length === 0 ? `${quote(h.from)} dropped` : h.from.length === 0 ? `${quote(h.to)} added` : `${quote(h.from)} → ${quote(h.to)}`,
  );
  const more = hunks.length - SHOWN_HUNKS;
  return more > 0 ? `${shown.join('; ')}; and ${more} more difference${more === 1 ? '' : 's'}` : shown.join('; ');
}

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
export function relatedIn(linked: LinkedDocument, range: Range, message: string): RelatedLocation {
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
