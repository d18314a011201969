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

export function signature(set: ReadonlySet<number> | Uint32Array): Uint32Array {
  const xs = set instanceof Uint32Array ? set : Uint32Array.from(set);
  const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j] as number;
    for (let i = 0; i < PERMUTATIONS; i++) {
      // mix(x, a, b): (x·a + b) then an xor-shift-multiply finalizer, all in 32 bits.
      let h = (Math.imul(x, SEED_A[i] as number) + (SEED_B[i] as number)) >>> 0;
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
      h >>>= 0;
      if (h < (sig[i] as number)) sig[i] = h;
    }
  }
  return sig;
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
  maxChecks = 50,
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
