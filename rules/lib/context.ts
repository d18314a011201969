/** The words around a temporal mention, read from its block's plain text (for wording cues only). */
import type { Block, TemporalMention } from '@plan-lint/core';

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
  const stop = Math.max(sentenceEnd(head), head.lastIndexOf('\n'));
  if (stop !== -1) head = head.slice(stop + 1);
  return { before: head, after: block.text.slice(at + mention.raw.length, at + mention.raw.length + after) };
}

const RECURRING = /\b(?:every|each)\s+year\b|\bannual(?:ly)?\b|\byearly\b|\bnormally\b|\busually\b|\bas usual\b/i;

/**
 * A yearless period that recurs ("the Crime Victims Week (from November 25 to
 * December 1 every year)", "normally implemented from February to May").
 */
export function isRecurring(block: Block, mention: TemporalMention): boolean {
  const w = around(block, mention, 80, 80);
  return w !== null && (RECURRING.test(w.before) || RECURRING.test(w.after));
}

/** Tested on the text after the last period (/\bword\b[^.]*$/ rescans to the end from every word: quadratic). */
const FUTURE = /\b(?:will|shall|scheduled|planned|plans?|expected|due|beginning|starting|effective|from|to be)\b/i;

/**
 * A date the sentence presents as a future schedule rather than something that
 * happened ("payments ... beginning with the November 2019 payments", "will
 * start in July 2019").
 */
export function isScheduled(block: Block, mention: TemporalMention, at?: number): boolean {
  const w = around(block, mention, 60, 0, at);
  return w !== null && FUTURE.test(w.before.slice(w.before.lastIndexOf('.') + 1));
}
