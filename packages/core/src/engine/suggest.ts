/** "Did you mean" suggestions for misspelled rule ids, keys and presets. */

/** Levenshtein distance (insertions, deletions, substitutions; adjacent transpositions count 1). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prevPrev: number[] = new Array<number>(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      cur[j] = v;
    }
    prevPrev = prev;
    prev = cur;
  }
  return prev[n] ?? 0;
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
