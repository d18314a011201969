/**
 * Comparing a report with the document it links to, by the plan model only: pairing measures, planned actions
 * without their tags, and a word-level diff. The plan ↔ report rules, the HTML report and the language server's
 * hover all read the same comparison.
 */
import { pairMemo } from '../memo.js';
import type { Block, Measure, PlanDocument } from '../types.js';

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

function key(section: number, ordinal: number | null, numeral: string): string {
  return `${section}-${ordinal ?? numeral.toLowerCase()}`;
}

/**
 * Pairs the measures of `report` with those of `linked`: by section and number, except that a measure whose
 * title is, word for word, the title of another measure of the same section of the linked document is paired
 * with that one (it was renumbered). Computed once per pair of documents.
 */
export const pairMeasures = pairMemo((report: PlanDocument, linked: PlanDocument): Pairing => {
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
  return { pairs, unmatched, missing: linkedMeasures.filter((m) => !used.has(m)) };
});

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
