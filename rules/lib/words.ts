/**
 * Text comparison shared by repeat-mention-description and duplicate-report: tokenizing (into words, or into
 * characters for a language written without spaces, as the profile's `text.units` says), a light
 * suffix-stripping stemmer, stop words, and weighted overlap.
 */
import { boundedMemo, type TextUnits } from '@plan-lint/core';

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each etc few for from further had has have having he her here ' +
    'hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on once ' +
    'only or other others our ours out over own same shall she should so some such than that the their theirs them then ' +
    'there these they this those through thus to too under until up upon very via was we were what when where which ' +
    'while who whom why will with within would you your yours its one two three well like likes including include ' +
    'includes among based'
  ).split(/\s+/),
);

const SUFFIXES: readonly string[] = [
  'izations',
  'ization',
  'isations',
  'isation',
  'ational',
  'ations',
  'ation',
  'nesses',
  'ness',
  'ments',
  'ment',
  'ities',
  'ity',
  'ings',
  'ing',
  'ives',
  'ive',
  'ions',
  'ion',
  'ies',
  'ied',
  'ers',
  'er',
  'ed',
  'es',
  'ly',
  'al',
  's',
];

/** A crude but stable stem: "awareness-raising" words → "awar", "rais"; "classes" → "class"; "leaflets" → "leaflet". */
export function stem(word: string): string {
  return stems(word);
}

/** Stems already computed (a pure function of the word; bounded). */
const MAX_STEMS = 50_000;
const stems = boundedMemo(MAX_STEMS, (word) => computeStem(word));

/** The suffixes by their last letter, each list in SUFFIXES order (the first one that fits is stripped). */
const SUFFIXES_BY_LAST = new Map<string, string[]>();
for (const suffix of SUFFIXES) {
  const last = suffix[suffix.length - 1] as string;
  let list = SUFFIXES_BY_LAST.get(last);
  if (!list) SUFFIXES_BY_LAST.set(last, (list = []));
  list.push(suffix);
}

function computeStem(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length <= 3) return w;
  // Only suffixes ending in the word's last letter can match: the same first match as a scan of SUFFIXES.
  const candidates = SUFFIXES_BY_LAST.get(w[w.length - 1] as string);
  if (candidates) {
    for (const suffix of candidates) {
      if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
        w = w.slice(0, -suffix.length);
        break;
      }
    }
  }
  // "classe" ← "classes" handled by "es"; collapse a doubled final consonant ("planned" → "plann" → "plan").
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1] ?? '')) w = w.slice(0, -1);
  return w;
}

/** Curly single quotes, read as apostrophes. */
const CURLY = /[\u2018\u2019]/g;
/**
 * A raw word of lowercased text with curly quotes made straight: a run of a-z, 0-9 and apostrophes, from its
 * first letter or digit to its last (leading and trailing apostrophes are not part of it). Linear: a match
 * starts only at a letter or digit and always succeeds there, running to the end of its run.
 */
const RAW_WORD = /[a-z0-9](?:[a-z0-9']*[a-z0-9])?/g;

/** Lowercased raw words (letters, digits and inner apostrophes, curly ones made straight); anything else separates words. */
export function rawWords(text: string): string[] {
  // Lowercasing first keeps non-ASCII letters that lowercase to ASCII, e.g. "K". Three native scans (no
  // loop per character in JavaScript: cheap before the JIT has warmed up too).
  return text.toLowerCase().replace(CURLY, "'").match(RAW_WORD) ?? [];
}

function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Content words of raw words: stemmed, without stop words, single letters or bare numbers. */
export function contentWordsOf(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const c = contentWordOf(w);
    if (c !== null) out.push(c);
  }
  return out;
}

/** Each raw word's content word (null for none: a stop word, a single letter, a bare number); bounded. */
const contentWordOf = boundedMemo<string | null>(MAX_STEMS, (w) => (w.length < 2 || STOP_WORDS.has(w) || isDigits(w) ? null : stem(w)));

/** Content words: stemmed, without stop words, single letters or bare numbers. */
export function contentWords(text: string): string[] {
  return contentWordsOf(rawWords(text));
}

export function contentWordSet(text: string): Set<string> {
  return new Set(contentWords(text));
}

/** How a profile compares texts (by words, or by characters): the type core's comparison uses too. */
export type { TextUnits };

/** A letter or a digit. */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/**
 * What each UTF-16 code unit is, learnt as units are met: 0 not known yet, 1 a letter or a digit (or half of a
 * surrogate pair: characters beyond the first plane are kept), 2 anything else. A look-up per character instead
 * of a Unicode property match per character (which was most of the time of `letters`).
 */
const unitKinds = new Uint8Array(0x10000);

function isLetterOrDigit(c: number): boolean {
  let kind = unitKinds[c] as number;
  if (kind === 0) {
    kind = (c >= 0xd800 && c <= 0xdfff) || LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    unitKinds[c] = kind;
  }
  return kind === 1;
}

/**
 * The letters and digits of a text, widths folded (NFKC: "２０１８" is "2018") and lowercased, as one string:
 * each UTF-16 code unit is a unit of comparison (one string, not one string per character: Japanese text is
 * compared character by character, and a string per character was most of the time of the comparing rules).
 */
export function letters(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  let out = '';
  let run = 0;
  for (let i = 0; i < folded.length; i++) {
    if (isLetterOrDigit(folded.charCodeAt(i))) continue;
    if (i > run) out += folded.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? folded : out + folded.slice(run);
}

/** Whether a code unit is hiragana (the endings and particles of Japanese: "した", "する", its stop words). */
function isHiragana(c: number): boolean {
  return c >= 0x3040 && c <= 0x309f;
}

/**
 * A unit texts are compared by: a content word, or a pair of adjacent characters written as the number
 * `first × 65536 + second` (their UTF-16 code units). A number, not a two-character string: a Japanese text has a
 * pair per character, and a string each (created, hashed, collected) was most of the time of the comparison.
 * A document's units are all words or all pairs, never both.
 */
export type ContentUnit = string | number;

/** Content units of a text: content words, or pairs of adjacent characters that are not both hiragana. */
export function contentUnitSet(text: string, units: TextUnits): ReadonlySet<ContentUnit> {
  if (units === 'words') return contentWordSet(text);
  const chars = letters(text);
  const out = new Set<number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const first = chars.charCodeAt(i);
    const second = chars.charCodeAt(i + 1);
    if (isHiragana(first) && isHiragana(second)) continue;
    out.add(first * 0x10000 + second);
  }
  return out;
}

/**
 * Per-block memos for the rules that compare texts (duplicate-report, repeat-mention-description): each
 * block's text is tokenized once per lint, whichever rule asks first. Keyed by the block object, so they live
 * as long as the document's model.
 */
const blockRaw = new WeakMap<object, string[]>();
const blockContent = new WeakMap<object, Set<string>>();

/** `rawWords(block.text)`, computed once per block. The array is shared: do not modify it. */
export function blockRawWords(block: { readonly text: string }): readonly string[] {
  let words = blockRaw.get(block);
  if (!words) {
    words = rawWords(block.text);
    blockRaw.set(block, words);
  }
  return words;
}

/** `contentUnitSet(block.text, units)`, computed once per block. The set is shared: do not modify it. */
export function blockContentUnitSet(block: { readonly text: string }, units: TextUnits): ReadonlySet<ContentUnit> {
  if (units === 'words') return blockContentWordSet(block);
  let set = blockContentCharacters.get(block);
  if (!set) {
    set = contentUnitSet(block.text, units);
    blockContentCharacters.set(block, set);
  }
  return set;
}
const blockContentCharacters = new WeakMap<object, ReadonlySet<ContentUnit>>();

/** `contentWordSet(block.text)`, computed once per block. The set is shared: do not modify it. */
export function blockContentWordSet(block: { readonly text: string }): ReadonlySet<string> {
  let set = blockContent.get(block);
  if (!set) {
    set = new Set(contentWordsOf(blockRawWords(block)));
    blockContent.set(block, set);
  }
  return set;
}

/**
 * Inverse document frequency over a collection of word sets: rare words weigh
 * more than words found in most units ("child", "exploitation").
 */
export class WordWeights {
  private readonly df = new Map<ContentUnit, number>();
  private units = 0;

  add(words: ReadonlySet<ContentUnit>): void {
    this.units++;
    for (const w of words) this.df.set(w, (this.df.get(w) ?? 0) + 1);
  }

  /** Takes back an `add` of the same words (to update the weights when one unit changed). */
  remove(words: ReadonlySet<ContentUnit>): void {
    this.units--;
    for (const w of words) {
      const n = (this.df.get(w) ?? 0) - 1;
      if (n > 0) this.df.set(w, n);
      else this.df.delete(w);
    }
  }

  weight(word: ContentUnit): number {
    const df = this.df.get(word) ?? 0;
    return Math.log((this.units + 1) / (df + 0.5));
  }

  /** Weighted share of `query` words present in `unit` (0..1). */
  coverage(query: ReadonlySet<ContentUnit>, unit: ReadonlySet<ContentUnit>): number {
    let total = 0;
    let hit = 0;
    for (const w of query) {
      const wt = this.weight(w);
      total += wt;
      if (unit.has(w)) hit += wt;
    }
    return total === 0 ? 0 : hit / total;
  }
}

/** A query's words with their weights, for scoring it against many units (`coverageOf`). */
export interface WeightedQuery {
  words: ContentUnit[];
  weights: number[];
  total: number;
}

/** The weights of `query`'s words under `weights`, computed once. */
export function weighQuery(weights: WordWeights, query: ReadonlySet<ContentUnit>): WeightedQuery {
  const words: ContentUnit[] = [];
  const ws: number[] = [];
  let total = 0;
  for (const w of query) {
    const wt = weights.weight(w);
    words.push(w);
    ws.push(wt);
    total += wt;
  }
  return { words, weights: ws, total };
}

/** `weights.coverage(query, unit)` for a query weighed by `weighQuery` (the same sums, in the same order). */
export function coverageOf(query: WeightedQuery, unit: ReadonlySet<ContentUnit>): number {
  if (query.total === 0) return 0;
  let hit = 0;
  for (let i = 0; i < query.words.length; i++) if (unit.has(query.words[i] as ContentUnit)) hit += query.weights[i] as number;
  return hit / query.total;
}
