/** "Did you mean" suggestions for misspelled rule ids, keys and presets. */
import { boundedEditDistance } from '../model/text.js';

/** Edit distance (insertions, deletions, substitutions; adjacent transpositions count 1). */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Number.POSITIVE_INFINITY);
}

/**
 * The closest candidate to `text`, or undefined when none is close enough
 * (distance at most a third of the longer string, at least 2 edits allowed for short words).
 */
export function didYouMean(text: string, candidates: Iterable<string>): string | undefined {
  const lower = text.toLowerCase();
  const list = [...candidates];
  // A candidate that the text starts with (or that starts with the text) is a good guess: "warning" → "warn".
  const prefixed = list.filter((c) => {
    const lc = c.toLowerCase();
    return Math.min(lc.length, lower.length) >= 3 && (lower.startsWith(lc) || lc.startsWith(lower));
  });
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(text.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** "; did you mean 'x'?" or "" (for appending to a message). */
export function didYouMeanSuffix(text: string, candidates: Iterable<string>): string {
  const s = didYouMean(text, candidates);
  return s === undefined ? '' : `; did you mean '${s}'?`;
}
