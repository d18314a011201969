/** The words around a temporal mention, read from its block's plain text, and the profile's cues they are read for. */
import type { Block, DateCues, TemporalMention } from '@plan-lint/core';

/** A profile's date cues, compiled (see DateCues and schema/profile.schema.json). */
export interface Cues {
  clauseBreaks: readonly string[];
  bound: ReadonlySet<string>;
  boundPairs: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
  origin: ReadonlySet<string>;
  originPhrases: readonly string[][];
  range: { open: string; close: string } | undefined;
  before: RegExp | undefined;
  after: RegExp | undefined;
  multiYear: RegExp | undefined;
  scheduledBefore: RegExp | undefined;
  scheduledAfter: RegExp | undefined;
  recurring: RegExp | undefined;
}

const compiled = new WeakMap<DateCues, Cues>();

/** The cues of a profile (`document.profile.dateCues`), compiled once. */
export function cuesOf(cues: DateCues): Cues {
  let c = compiled.get(cues);
  if (!c) {
    const rx = (source: string | undefined): RegExp | undefined => (source === undefined ? undefined : new RegExp(source, 'i'));
    const { words } = cues;
    c = {
      clauseBreaks: cues.clauseBreaks,
      bound: new Set(words.bound),
      boundPairs: new Set(words.boundPairs),
      fillers: new Set(words.fillers),
      origin: new Set(words.origin),
      originPhrases: words.originPhrases.map((p) => p.split(' ')),
      range: words.rangeOpen !== undefined && words.rangeClose !== undefined ? { open: words.rangeOpen, close: words.rangeClose } : undefined,
      before: rx(cues.before),
      after: rx(cues.after),
      multiYear: rx(cues.multiYear),
      scheduledBefore: rx(cues.scheduledBefore),
      scheduledAfter: rx(cues.scheduledAfter),
      recurring: rx(cues.recurring),
    };
    compiled.set(cues, c);
  }
  return c;
}

/**
 * Where each of a block's temporal mentions starts in its plain text (-1 when one is not found). Mentions are in
 * text order, so each is searched after the one before: the same words written twice map to their own places.
 */
export function mentionOffsets(block: Block): number[] {
  let from = 0;
  return block.dates.map((mention) => {
    const at = block.text.indexOf(mention.raw, from);
    if (at !== -1) from = at + mention.raw.length;
    return at;
  });
}

/** The last ". " that ends a sentence (not "etc. verified", "No. 10"), or -1. */
function sentenceEnd(text: string): number {
  for (let i = text.lastIndexOf('. '); i !== -1; i = i === 0 ? -1 : text.lastIndexOf('. ', i - 1)) {
    const next = text.charAt(i + 2);
    if (next === '' || !/[a-z0-9]/.test(next)) return i;
  }
  return -1;
}

/**
 * Up to `before` characters of the same sentence before the mention and `after`
 * characters after it, or null when the mention is not found in the block text.
 * `at`: where the mention starts in the block text (`mentionOffsets`), else its first occurrence.
 */
export function around(
  block: Block,
  mention: TemporalMention,
  before: number,
  after: number,
  at: number = block.text.indexOf(mention.raw),
): { before: string; after: string } | null {
  if (at === -1) return null;
  let head = block.text.slice(Math.max(0, at - before), at);
  const stop = Math.max(sentenceEnd(head), head.lastIndexOf('\n'), head.lastIndexOf('。'), head.lastIndexOf('．'));
  if (stop !== -1) head = head.slice(stop + 1);
  return { before: head, after: block.text.slice(at + mention.raw.length, at + mention.raw.length + after) };
}

/**
 * A yearless period that recurs ("the Crime Victims Week (from November 25 to
 * December 1 every year)", "normally implemented from February to May", 毎年11月に).
 */
export function isRecurring(cues: Cues, block: Block, mention: TemporalMention): boolean {
  const { recurring } = cues;
  if (!recurring) return false;
  const w = around(block, mention, 80, 80);
  return w !== null && (recurring.test(w.before) || recurring.test(w.after));
}

/**
 * A date the sentence presents as a future schedule rather than something that
 * happened ("payments ... beginning with the November 2019 payments", "will
 * start in July 2019", 令和2年4月に施行される予定).
 * The cue before the mention is tested on the text after the last period (/\bword\b[^.]*$/ rescans to the end from
 * every word: quadratic).
 */
export function isScheduled(cues: Cues, block: Block, mention: TemporalMention, at?: number): boolean {
  const w = around(block, mention, 60, 20, at);
  if (w === null) return false;
  return (cues.scheduledBefore?.test(w.before.slice(w.before.lastIndexOf('.') + 1)) ?? false) || (cues.scheduledAfter?.test(w.after) ?? false);
}
