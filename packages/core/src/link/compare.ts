/**
 * Comparing a report with the document it links to, by the plan model only: pairing measures, planned actions
 * without their tags, and a word-level diff. The plan ↔ report rules, the HTML report and the language server's
 * hover all read the same comparison.
 */
import { pairMemo } from '../memo.js';
import type { Locale } from '../messages.js';
import type { Block, LanguageProfile, Measure, PlanDocument } from '../types.js';

/** What texts are compared by: words, or characters for a language written without spaces (the profile's `text.units`). */
export type TextUnits = LanguageProfile['text']['units'];

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

/** The units of a block's text before its tag (the whole text when it has none). */
export function actionUnits(block: Block, units: TextUnits): string[] {
  return textUnits(actionText(block), units);
}

export function actionText(block: Block): string {
  if (!block.tag) return block.text;
  const at = block.text.lastIndexOf(block.tag.raw);
  return at === -1 ? block.text : block.text.slice(0, at);
}

export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/**
 * The units a text is compared by: its words, or its characters (code points) with white space left out, for a
 * language written without spaces between words ("強化する" → 強, 化, す, る).
 */
export function textUnits(text: string, units: TextUnits): string[] {
  return units === 'words' ? words(text) : Array.from(text.replace(/\s+/g, ''));
}

/** Units written back as text: words with a space between them, characters with none. */
export function joinUnits(parts: readonly string[], units: TextUnits): string {
  return parts.join(units === 'words' ? ' ' : '');
}

/** A run of differing words (or characters): `from` (the linked document's) became `to` (the report's). */
export interface Hunk {
  /** Index of the first differing word in the linked document's words, and in the report's. */
  fromAt: number;
  toAt: number;
  from: string[];
  to: string[];
}

/** Longest inputs diffed word by word; longer differing middles are one hunk (a draft cannot make the diff slow). */
const MAX_DIFF_CELLS = 4_000_000;

/** Differences of characters this close together are one difference: 会議 → 協議会, not 会 → 協 and 会 added. */
const CHARACTER_GAP = 2;

/**
 * The differences between `from` and `to` (longest common subsequence of their words, or characters), in order.
 * Empty when equal. Compared by characters, differences at most two characters apart are one.
 */
export function wordDiff(from: readonly string[], to: readonly string[], units: TextUnits = 'words'): Hunk[] {
  const hunks = lcsDiff(from, to);
  if (units === 'words' || hunks.length < 2) return hunks;
  const merged: Hunk[] = [];
  for (const h of hunks) {
    const last = merged[merged.length - 1];
    if (last && h.fromAt - (last.fromAt + last.from.length) <= CHARACTER_GAP) {
      last.from = from.slice(last.fromAt, h.fromAt + h.from.length);
      last.to = to.slice(last.toAt, h.toAt + h.to.length);
    } else merged.push({ ...h });
  }
  return merged;
}

function lcsDiff(from: readonly string[], to: readonly string[]): Hunk[] {
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
/** How many units a quoted difference shows in full: eight words, or twenty characters. */
const SHOWN_UNITS: Readonly<Record<TextUnits, number>> = { words: 8, characters: 20 };

function quote(parts: readonly string[], locale: Locale, units: TextUnits): string {
  const shown = SHOWN_UNITS[units];
  const text =
    parts.length > shown
      ? joinUnits([joinUnits(parts.slice(0, shown / 2), units), '…', joinUnits(parts.slice(-shown / 2), units)], units)
      : joinUnits(parts, units);
  return locale === 'en' ? `'${text}'` : `「${text}」`;
}

/**
 * The first three differences, then how many more: "'strengthened' → 'considered'; 'and' dropped; 'promptly'
 * added" / 「強化」を「検討」に変更、「及び」を削除、「速やかに」を追加.
 */
export function describeHunks(hunks: readonly Hunk[], locale: Locale = 'en', units: TextUnits = 'words'): string {
  const q = (parts: readonly string[]): string => quote(parts, locale, units);
  const shown = hunks.slice(0, SHOWN_HUNKS).map((h) => {
    if (locale === 'en') return h.to.length === 0 ? `${q(h.from)} dropped` : h.from.length === 0 ? `${q(h.to)} added` : `${q(h.from)} → ${q(h.to)}`;
    return h.to.length === 0 ? `${q(h.from)}を削除` : h.from.length === 0 ? `${q(h.to)}を追加` : `${q(h.from)}を${q(h.to)}に変更`;
  });
  const more = hunks.length - SHOWN_HUNKS;
  if (locale === 'ja') return more > 0 ? `${shown.join('、')}、ほか${more}か所` : shown.join('、');
  return more > 0 ? `${shown.join('; ')}; and ${more} more difference${more === 1 ? '' : 's'}` : shown.join('; ');
}
