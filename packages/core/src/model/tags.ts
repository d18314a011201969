/**
 * Responsibility tags: the last parenthesized group at the end of a block,
 * when every name in it is (or looks like) a ministry.
 *
 * Names are read by a token walk over a trie of the known names (registry and
 * legend), longest match first, so names with commas and "and" ("Ministry of
 * Health, Labour and Welfare") are not split. Unknown names are kept when they
 * look like a ministry, so misspellings reach the rules instead of vanishing.
 */
import type { LegendEntry, Registry, Tag, TagName, TagNameForm } from '../types.js';
import type { LineIndex } from '../positions.js';
import { boundedMemo } from '../memo.js';
import { boundedEditDistance } from './text.js';

interface Token {
  kind: 'word' | 'comma' | 'colon' | 'amp' | 'semi';
  start: number;
  end: number;
  /** Lowercased word without trailing punctuation. */
  norm: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  form?: 'full-name' | 'other-related';
}

const OTHER_RELATED = [
  'other related bodies',
  'other related ministries and agencies',
  'other related ministries',
  'other related agencies',
  'other related organizations',
  'other related organisations',
  'other relevant bodies',
  'other relevant ministries and agencies',
  'related ministries and agencies',
  'relevant ministries and agencies',
  'other ministries and agencies',
  'etc',
];

const MINISTRY_SHAPE =
  /^(?:ministry of\b|cabinet\b|national\b.*\b(?:agency|commission)$)|\b(?:agency|office|secretariat|commission|headquarters|board|bureau|council)$/i;
const ABBREVIATION_SHAPE = /^[A-Z][A-Z&]{1,5}$/;

function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const ch = text[i];
    if (ch === ',' || ch === '、' || ch === '，') tokens.push({ kind: 'comma', start: i, end: i + 1, norm: ',' });
    else if (ch === ':' || ch === '：') tokens.push({ kind: 'colon', start: i, end: i + 1, norm: ':' });
    else if (ch === '&') tokens.push({ kind: 'amp', start: i, end: i + 1, norm: 'and' });
    else if (ch === ';') tokens.push({ kind: 'semi', start: i, end: i + 1, norm: ';' });
    else {
      let j = i + 1;
      while (j < to) {
        const d = text[j];
        if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ',' || d === ':' || d === '&' || d === ';' || d === '、' || d === '，' || d === '：') break;
        j++;
      }
      let end = j;
      // A trailing period belongs to the word ("etc."), but not to the norm.
      const word = text.slice(i, end);
      const norm = word.toLowerCase().replace(/[.’']+/g, '');
      tokens.push({ kind: 'word', start: i, end, norm });
      i = end;
      continue;
    }
    i++;
  }
  return tokens;
}

/** Words of a name as the trie holds them (memoised: the same registry names are added for every draft; bounded). */
const normWords = boundedMemo(10_000, (name) => computeNormWords(name));

function computeNormWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.’']/g, '')
    .split(/[\s,:;]+/)
    .filter((w) => w !== '');
}

export interface TagReader {
  /**
   * The tag ending at `end` (exclusive; trailing spaces, a period or a hard
   * break allowed), not looking before `lowerBound`. Null when the block does
   * not end with a parenthesized group of ministries.
   */
  readTag(text: string, lowerBound: number, end: number, index: LineIndex): Tag | null;
  /** Whether a name (full name or abbreviation, as written) is known to the registry or legend. */
  isKnown(name: string): boolean;
}

interface LongName {
  words: string[];
  joined: string;
}

export function createTagReader(registry: Registry, legend: readonly LegendEntry[]): TagReader {
  const root: TrieNode = { next: new Map() };
  const abbreviations = new Set<string>();
  const longNames: LongName[] = [];
  const add = (name: string, form: 'full-name' | 'other-related'): void => {
    const words = normWords(name);
    if (words.length === 0) return;
    let node = root;
    for (const w of words) {
      let n = node.next.get(w);
      if (!n) {
        n = { next: new Map() };
        node.next.set(w, n);
      }
      node = n;
    }
    if (!node.form) node.form = form;
    if (form === 'full-name' && words.length >= 3) longNames.push({ words, joined: words.join(' ') });
  };
  for (const body of registry.bodies) {
    add(body.name, 'full-name');
    for (const a of body.aliases ?? []) add(a, 'full-name');
    for (const a of body.abbreviations) abbreviations.add(a);
  }
  for (const e of legend) {
    add(e.name, 'full-name');
    abbreviations.add(e.abbreviation);
  }
  for (const o of OTHER_RELATED) add(o, 'other-related');
  const abbreviationList = [...abbreviations];

  const nearKnownAbbreviation = (word: string): boolean => {
    const max = word.length >= 4 ? 2 : 1;
    for (const a of abbreviationList) if (boundedEditDistance(word, a, max) <= max) return true;
    return false;
  };

  /** Longest known name starting at token i: index after its last word, or -1. */
  const trieMatch = (tokens: Token[], i: number): { end: number; form: 'full-name' | 'other-related' } | null => {
    let node = root;
    let best: { end: number; form: 'full-name' | 'other-related' } | null = null;
    for (let j = i; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.kind === 'comma') {
        if (j === i) return null;
        continue; // commas inside a name are optional (Oxford comma, "Health, Labour")
      }
      if (t.kind !== 'word' && t.kind !== 'amp') break;
      const n = node.next.get(t.norm);
      if (!n) break;
      node = n;
      if (node.form) best = { end: j + 1, form: node.form };
    }
    return best;
  };

  /** The fewest words of a long name (fuzzy matching needs at least that many words in a row). */
  let fewestWords = Infinity;
  for (const ln of longNames) fewestWords = Math.min(fewestWords, ln.words.length);

  /** A misspelt long name ("Ministry of Educaton, Culture, ..."): same word count, small edit distance. */
  const fuzzyMatch = (tokens: Token[], i: number): number => {
    // Too few words before the next colon or semicolon: no long name can match (most tags: "(NPA)", "(MOJ and MHLW)").
    let available = 0;
    for (let j = i; j < tokens.length && available < fewestWords; j++) {
      const k = (tokens[j] as Token).kind;
      if (k === 'word' || k === 'amp') available++;
      else if (k !== 'comma') break;
    }
    if (available < fewestWords) return -1;
    let bestEnd = -1;
    let bestD = Infinity;
    for (const ln of longNames) {
      const words: string[] = [];
      let j = i;
      while (j < tokens.length && words.length < ln.words.length) {
        const t = tokens[j] as Token;
        if (t.kind === 'word' || t.kind === 'amp') words.push(t.norm);
        else if (t.kind !== 'comma') break;
        j++;
      }
      if (words.length !== ln.words.length) continue;
      if (words[0] !== ln.words[0] && !/^minist/.test(words[0] ?? '')) continue;
      const max = Math.max(2, Math.floor(ln.joined.length / 10));
      const d = boundedEditDistance(words.join(' '), ln.joined, max);
      if (d <= max && d > 0 && d < bestD) {
        bestD = d;
        bestEnd = j;
      }
    }
    return bestEnd;
  };

  const readTag = (text: string, lowerBound: number, end: number, index: LineIndex): Tag | null => {
    let e = end;
    while (e > lowerBound) {
      const ch = text[e - 1];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '.' || ch === '\\' || ch === '。') e--;
      else if (ch === '>' && text.startsWith('-->', e - 3)) {
        // A trailing inline comment (e.g. a plan-lint-disable-line directive) is not part of the text.
        const open = text.lastIndexOf('<!--', e - 3);
        if (open < lowerBound) break;
        e = open;
      } else break;
    }
    const close = text[e - 1];
    if (close !== ')' && close !== '）') return null;
    // Find the matching opening parenthesis.
    let depth = 0;
    let open = -1;
    for (let k = e - 1; k >= lowerBound; k--) {
      const ch = text[k];
      if (ch === ')' || ch === '）') depth++;
      else if (ch === '(' || ch === '（') {
        depth--;
        if (depth === 0) {
          open = k;
          break;
        }
      }
    }
    if (open === -1) return null;
    const names = readNames(text, open + 1, e - 1, index);
    if (!names) return null;
    return {
      range: index.rangeAt(open, e),
      innerRange: index.rangeAt(open + 1, e - 1),
      raw: text.slice(open, e),
      names,
    };
  };

  /** A full name starting at token k (known, misspelt or ministry-shaped): the token index after it, or null. */
  const fullNameAt = (tokens: Token[], k: number, text: string): { end: number; known: boolean } | null => {
    const m = trieMatch(tokens, k);
    if (m?.form === 'full-name') return { end: m.end, known: true };
    const fz = fuzzyMatch(tokens, k);
    if (fz !== -1) return { end: fz, known: false };
    let j = k;
    while (j < tokens.length) {
      const u = tokens[j] as Token;
      if (u.kind !== 'word' || u.norm === 'and') break;
      j++;
    }
    if (j === k) return null;
    const written = text.slice((tokens[k] as Token).start, (tokens[j - 1] as Token).end).replace(/\s+/g, ' ');
    return MINISTRY_SHAPE.test(written) ? { end: j, known: false } : null;
  };

  const readNames = (text: string, from: number, to: number, index: LineIndex): TagName[] | null => {
    const tokens = tokenize(text, from, to);
    if (tokens.length === 0 || tokens.length > 200) return null;
    const names: TagName[] = [];
    let anyKnown = false;
    let anyShaped = false;
    let unknownCaps = 0;
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (t.kind === 'comma' || t.kind === 'semi' || t.kind === 'amp' || (t.kind === 'word' && t.norm === 'and')) {
        i++;
        continue;
      }
      if (t.kind !== 'word') return null; // a stray colon
      let j: number;
      let form: TagNameForm;
      let known = false;
      let unknownAbbreviation = false;
      const m = trieMatch(tokens, i);
      if (m) {
        j = m.end;
        form = m.form;
        known = true;
      } else {
        const fz = fuzzyMatch(tokens, i);
        if (fz !== -1) {
          j = fz;
          form = 'full-name';
          anyShaped = true;
        } else {
          j = i;
          while (j < tokens.length) {
            const u = tokens[j] as Token;
            if (u.kind !== 'word' || u.norm === 'and') break;
            j++;
          }
          const written = text.slice(t.start, (tokens[j - 1] as Token).end);
          if (j === i + 1 && ABBREVIATION_SHAPE.test(written)) {
            form = 'abbreviation';
            if (abbreviations.has(written)) known = true;
            else if (nearKnownAbbreviation(written)) anyShaped = true;
            else {
              unknownCaps++;
              unknownAbbreviation = true;
            }
          } else {
            form = 'full-name';
            if (!MINISTRY_SHAPE.test(written.replace(/\s+/g, ' '))) return null;
            anyShaped = true;
          }
        }
      }
      const nameStart = t.start;
      const nameEnd = (tokens[j - 1] as Token).end;
      // "Cabinet Office: CAO" defines an abbreviation.
      const colon = tokens[j];
      const abbr = tokens[j + 1];
      if (colon?.kind === 'colon' && abbr?.kind === 'word' && form === 'full-name') {
        const abbrText = text.slice(abbr.start, abbr.end);
        if (!ABBREVIATION_SHAPE.test(abbrText)) return null;
        names.push({
          text: text.slice(nameStart, abbr.end),
          range: index.rangeAt(nameStart, abbr.end),
          form: 'definition',
          fullName: { text: text.slice(nameStart, nameEnd), range: index.rangeAt(nameStart, nameEnd) },
          abbreviation: { text: abbrText, range: index.rangeAt(abbr.start, abbr.end) },
        });
        j += 2;
      } else if (colon?.kind === 'colon' && abbr?.kind === 'word' && form === 'abbreviation') {
        // "NPA: National Police Agency": the reversed definition form.
        const full = fullNameAt(tokens, j + 1, text);
        if (!full) return null;
        const fullEnd = (tokens[full.end - 1] as Token).end;
        names.push({
          text: text.slice(nameStart, fullEnd),
          range: index.rangeAt(nameStart, fullEnd),
          form: 'definition',
          fullName: { text: text.slice(abbr.start, fullEnd), range: index.rangeAt(abbr.start, fullEnd) },
          abbreviation: { text: text.slice(nameStart, nameEnd), range: index.rangeAt(nameStart, nameEnd) },
        });
        if (full.known) known = true;
        else anyShaped = true;
        // A new abbreviation defined by a ministry-shaped name is not a stray capitalised word.
        if (unknownAbbreviation) unknownCaps--;
        j = full.end;
      } else {
        if (colon?.kind === 'colon') return null;
        names.push({ text: text.slice(nameStart, nameEnd), range: index.rangeAt(nameStart, nameEnd), form });
      }
      if (known) anyKnown = true;
      i = j;
    }
    if (names.length === 0) return null;
    if (unknownCaps > 0 && !anyKnown) return null;
    if (!anyKnown && !anyShaped) return null;
    return names;
  };

  const isKnown = (name: string): boolean => {
    if (abbreviations.has(name.trim())) return true;
    const tokens = tokenize(name, 0, name.length);
    const m = trieMatch(tokens, 0);
    return m !== null && m.end === tokens.length;
  };

  return { readTag, isKnown };
}
