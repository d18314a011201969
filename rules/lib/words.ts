/**
 * Word-level text comparison shared by repeat-mention-description and
 * duplicate-report: tokenizing, a light suffix-stripping stemmer, stop words,
 * and weighted overlap.
 */

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
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length <= 3) return w;
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "classe" ← "classes" handled by "es"; collapse a doubled final consonant ("planned" → "plann" → "plan").
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1] ?? '')) w = w.slice(0, -1);
  return w;
}

/** The word without leading and trailing apostrophes (a loop: /'+$/ is quadratic on a long run of them). */
function trimQuotes(w: string): string {
  let a = 0;
  let b = w.length;
  while (a < b && w[a] === "'") a++;
  while (b > a && w[b - 1] === "'") b--;
  return w.slice(a, b);
}

/** Lowercased raw words (letters and digits), with curly quotes and dashes treated as separators. */
export function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[^a-z0-9']+/)
    .map(trimQuotes)
    .filter((w) => w.length > 0);
}

/** Content words: stemmed, without stop words, single letters or bare numbers. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of rawWords(text)) {
    if (w.length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

export function contentWordSet(text: string): Set<string> {
  return new Set(contentWords(text));
}

/**
 * Inverse document frequency over a collection of word sets: rare words weigh
 * more than words found in most units ("child", "exploitation").
 */
export class WordWeights {
  private readonly df = new Map<string, number>();
  private units = 0;

  add(words: ReadonlySet<string>): void {
    this.units++;
    for (const w of words) this.df.set(w, (this.df.get(w) ?? 0) + 1);
  }

  weight(word: string): number {
    const df = this.df.get(word) ?? 0;
    return Math.log((this.units + 1) / (df + 0.5));
  }

  /** Weighted share of `query` words present in `unit` (0..1). */
  coverage(query: ReadonlySet<string>, unit: ReadonlySet<string>): number {
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
