/**
 * Near-duplicate detection in about linear time: word shingles, MinHash
 * signatures and locality-sensitive hashing (banding). Candidate pairs are
 * then verified with the exact Jaccard similarity of their shingle sets.
 */

/** 32-bit FNV-1a. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of the k-word shingles of a word list (the whole list when shorter than k). */
export function shingles(words: readonly string[], k: number): Set<number> {
  const out = new Set<number>();
  if (words.length === 0) return out;
  if (words.length < k) {
    out.add(hashWords(words, 0, words.length));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(hashWords(words, i, i + k));
  return out;
}

/** `hashString(words.slice(from, to).join(' '))`, without building the string. */
function hashWords(words: readonly string[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let w = from; w < to; w++) {
    if (w > from) {
      h ^= 0x20;
      h = Math.imul(h, 0x01000193);
    }
    const word = words[w] as string;
    for (let i = 0; i < word.length; i++) {
      h ^= word.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/**
 * The same hashes as `shingles`, as a sorted array without repeats: no boxed numbers and no hash table per entry
 * (hashes above 2^30 are heap numbers in a Set), and `jaccardSorted` merges two of them.
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const n = words.length < k ? 1 : words.length - k + 1;
  const out = new Uint32Array(n);
  if (words.length < k) out[0] = hashWords(words, 0, words.length);
  else for (let i = 0; i < n; i++) out[i] = hashWords(words, i, i + k);
  return sortedUnique(out);
}

/**
 * `shingleHashes` of a text's characters (UTF-16 code units, as `letters` gives them): the hashes of its
 * k-character substrings (the whole text when shorter), sorted, without repeats. No string per character or
 * per substring is built.
 */
export function characterShingleHashes(text: string, k: number): Uint32Array {
  if (text.length === 0) return new Uint32Array(0);
  const n = text.length < k ? 1 : text.length - k + 1;
  const width = Math.min(k, text.length);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + width; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    out[i] = h >>> 0;
  }
  return sortedUnique(out);
}

/** A sorted copy without repeats (in place when there are none). */
function sortedUnique(out: Uint32Array): Uint32Array {
  const n = out.length;
  out.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || out[i] !== out[m - 1]) out[m++] = out[i] as number;
  return m === n ? out : out.slice(0, m);
}

/** `jaccard` of two sorted arrays without repeats (`shingleHashes`): the same value. */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let inter = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const BANDS = 24;
const ROWS = 3;
const PERMUTATIONS = BANDS * ROWS;

/** Fixed odd multipliers and offsets (deterministic: the same text always gets the same signature). */
const SEED_A = new Uint32Array(PERMUTATIONS);
const SEED_B = new Uint32Array(PERMUTATIONS);
for (let i = 0; i < PERMUTATIONS; i++) {
  SEED_A[i] = (hashString(`a${i}`) | 1) >>> 0;
  SEED_B[i] = hashString(`b${i}`);
}

/** Work counters (for tests that count work instead of timing it). */
export const minhashWork = { signatures: 0 };

export function signature(set: ReadonlySet<number> | Uint32Array): Uint32Array {
  minhashWork.signatures++;
  const xs = set instanceof Uint32Array ? set : Uint32Array.from(set);
  const sig = new Uint32Array(PERMUTATIONS);
  const n = xs.length;
  // One permutation at a time: its seeds and running minimum stay in registers over the whole set.
  for (let i = 0; i < PERMUTATIONS; i++) {
    const a = SEED_A[i] as number;
    const b = SEED_B[i] as number;
    let min = 0xffffffff;
    for (let j = 0; j < n; j++) {
      // mix(x, a, b): (x·a + b) then an xor-shift-multiply finalizer, all in 32 bits. Every step is a
      // bijection of 32-bit values, so two sets have the same minimum in a row only through a shared element.
      let h = (Math.imul(xs[j] as number, a) + b) >>> 0;
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
      h >>>= 0;
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  return sig;
}

/** How many candidates `earliestMatches` checks at most per item and band (its default). */
export const MAX_CHECKS = 50;

/** Scratch tables of `itemsThatCanMatch`, kept between calls (grown on demand). */
let tableKeys = new Uint32Array(0);
let tableHeads = new Int32Array(0);
let nodeItem = new Int32Array(0);
let nodeNext = new Int32Array(0);

/**
 * The items that `earliestMatches(signatures of sets, accept, maxChecks)` can need, found exactly and without
 * signatures: every result of that call is also the result of the same call on only these items (in the same
 * order, indices mapped), so signatures need to be computed for them alone.
 *
 * Why this is exact. Each row of a signature is the minimum of a bijection of the set's elements, so two
 * non-empty sets agree in a row only if they share the element at that minimum: items that share no element
 * never meet in a band's bucket. `accept(i, j)` must be false unless `qualifies(i, j, shared)` is true, where
 * `shared` is the number of elements the two sets have in common (e.g. a Jaccard threshold). An item that is
 * in no qualifying pair is never accepted, so it only matters by using up one of a later item's `maxChecks`
 * checks in a band: for a qualifying pair (i, j) the checks before i are at most the items before i that
 * share an element with j. When those can reach `maxChecks`, all of them are kept too, so that j's walk
 * through its buckets stops exactly where it stops over all items.
 *
 * Returns the indices (ascending), or null when some set is empty or the pair count exceeds `budget` work
 * steps (then use every item). The work is the number of (earlier item, element) pairs visited: linear for
 * ordinary text, and bounded for floods of identical entries.
 */
export function itemsThatCanMatch(
  sets: readonly Uint32Array[],
  qualifies: (earlier: number, later: number, shared: number) => boolean,
  maxChecks = MAX_CHECKS,
  budget = Number.POSITIVE_INFINITY,
): number[] | null {
  const n = sets.length;
  let total = 0;
  for (const s of sets) {
    if (s.length === 0) return null;
    total += s.length;
  }
  let cap = 16;
  while (cap < 2 * total) cap *= 2;
  if (tableKeys.length < cap) {
    tableKeys = new Uint32Array(cap);
    tableHeads = new Int32Array(cap);
  }
  if (nodeItem.length < total) {
    nodeItem = new Int32Array(total);
    nodeNext = new Int32Array(total);
  }
  const keys = tableKeys;
  const heads = tableHeads;
  heads.fill(-1, 0, cap);
  const mask = cap - 1;
  const shared = new Int32Array(n);
  const touched = new Int32Array(n);
  const needed = new Uint8Array(n);
  let nodes = 0;
  let work = 0;
  for (let j = 0; j < n; j++) {
    const set = sets[j] as Uint32Array;
    let t = 0;
    for (let k = 0; k < set.length; k++) {
      const x = set[k] as number;
      let slot = (Math.imul(x, 0x9e3779b1) >>> 0) & mask;
      while (heads[slot] !== -1 && keys[slot] !== x) slot = (slot + 1) & mask;
      // Every earlier item holding x.
      for (let node = heads[slot] as number; node !== -1; node = nodeNext[node] as number) {
        const i = nodeItem[node] as number;
        if (shared[i] === 0) touched[t++] = i;
        shared[i] = (shared[i] as number) + 1;
        work++;
      }
      if (work > budget) return null;
      keys[slot] = x;
      nodeItem[nodes] = j;
      nodeNext[nodes] = heads[slot] as number;
      heads[slot] = nodes++;
    }
    // touched[0..t): the earlier items sharing an element with j.
    let lastAtRisk = -1;
    for (let q = 0; q < t; q++) {
      const i = touched[q] as number;
      if (!qualifies(i, j, shared[i] as number)) continue;
      needed[i] = 1;
      needed[j] = 1;
      if (t >= maxChecks && i > lastAtRisk) lastAtRisk = i;
    }
    if (lastAtRisk !== -1) {
      // The checks before the last qualifying item could reach the cap: keep every item that may stand before it.
      let below = 0;
      for (let q = 0; q < t; q++) if ((touched[q] as number) < lastAtRisk) below++;
      if (below >= maxChecks) for (let q = 0; q < t; q++) if ((touched[q] as number) < lastAtRisk) needed[touched[q] as number] = 1;
    }
    for (let q = 0; q < t; q++) shared[touched[q] as number] = 0;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (needed[i] === 1) out.push(i);
  return out;
}

/**
 * For each item, the earliest item before it that shares a band of its
 * signature (a candidate) and that `accept` confirms. With 24 bands of 3 rows,
 * a pair of Jaccard similarity 0.5 is a candidate with probability 0.96, 0.6
 * with 0.997, and 0.05 with only 0.003. Each item checks at most `maxChecks`
 * earlier candidates per band, so a flood of identical items stays linear.
 */
export function earliestMatches(
  signatures: readonly Uint32Array[],
  accept: (earlier: number, later: number) => boolean,
  maxChecks = MAX_CHECKS,
): Map<number, number> {
  const best = new Map<number, number>();
  const checked = new Set<number>();
  const n = signatures.length;
  for (let band = 0; band < BANDS; band++) {
    // Buckets of items whose rows of this band are equal: looked up by the first row, the others compared.
    const byFirst = new Map<number, number[][]>();
    const buckets: number[][] = [];
    const r0 = band * ROWS;
    for (let idx = 0; idx < n; idx++) {
      const sig = signatures[idx] as Uint32Array;
      const first = sig[r0] as number;
      let list = byFirst.get(first);
      if (!list) {
        list = [];
        byFirst.set(first, list);
      }
      let bucket: number[] | undefined;
      for (const b of list) {
        const other = signatures[b[0] as number] as Uint32Array;
        let same = true;
        for (let r = 1; r < ROWS; r++) {
          if (other[r0 + r] !== sig[r0 + r]) {
            same = false;
            break;
          }
        }
        if (same) {
          bucket = b;
          break;
        }
      }
      if (bucket) bucket.push(idx);
      else {
        bucket = [idx];
        list.push(bucket);
        buckets.push(bucket);
      }
    }
    for (const bucket of buckets) {
      if (bucket.length < 2) continue;
      for (let y = 1; y < bucket.length; y++) {
        const j = bucket[y] ?? 0;
        const known = best.get(j);
        let checks = 0;
        for (let x = 0; x < y && checks < maxChecks; x++) {
          const i = bucket[x] ?? 0;
          if (known !== undefined && i >= known) break;
          const pairKey = i * n + j;
          // Count pairs already checked in an earlier band too: otherwise every band walks further
          // down a flood of identical items and the cap is no cap (quadratic).
          checks++;
          if (checked.has(pairKey)) continue;
          checked.add(pairKey);
          if (accept(i, j)) {
            best.set(j, i);
            break;
          }
        }
      }
    }
  }
  return best;
}
