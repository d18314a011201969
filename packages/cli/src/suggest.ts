/** Levenshtein distance (insertions, deletions, substitutions; all cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/** The closest candidate to `input`, or undefined when none is reasonably close. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(needle.length, best.length) / 3));
  if (bestDistance <= limit) return best;
  // A prefix or substring ("--max-warn" for "--max-warnings") is also a good guess.
  for (const candidate of list) {
    const lower = candidate.toLowerCase();
    if (needle.length >= 3 && (lower.startsWith(needle) || lower.includes(needle))) return candidate;
  }
  return undefined;
}

/** " Did you mean 'x'?" or "". */
export function didYouMeanSuffix(input: string, candidates: Iterable<string>): string {
  const guess = didYouMean(input, candidates);
  return guess === undefined ? '' : ` Did you mean '${guess}'?`;
}
