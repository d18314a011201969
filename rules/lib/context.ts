/** The words around a temporal mention, read from its block's plain text (for wording cues only). */
import type { Block, TemporalMention } from '@plan-lint/core';

/**
 * Up to `before` characters of the same sentence before the mention and `after`
 * characters after it, or null when the mention is not found in the block text.
 */
export function around(block: Block, mention: TemporalMention, before: number, after: number): { before: string; after: string } | null {
  const at = block.text.indexOf(mention.raw);
  if (at === -1) return null;
  let head = block.text.slice(Math.max(0, at - before), at);
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('\n'));
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
export function isScheduled(block: Block, mention: TemporalMention): boolean {
  const w = around(block, mention, 60, 0);
  return w !== null && FUTURE.test(w.before.slice(w.before.lastIndexOf('.') + 1));
}
