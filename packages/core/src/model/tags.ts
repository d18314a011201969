/**
 * Responsibility tags: the last bracketed group at the end of a block, when every name in it is (or looks like)
 * a ministry. The brackets, the characters that may follow a tag, the catch-all names (from the registry) and
 * how names are split come from the document's language profile.
 *
 * 'words' (English): names are read by a token walk over a trie of the known names (registry and legend),
 * longest match first, so names with commas and "and" ("Ministry of Health, Labour and Welfare") are not
 * split. 'separated' (Japanese): names are the pieces between separators (、) and conjunctions (及び).
 * Either way, unknown names are kept when they look like a ministry, so misspellings reach the rules instead
 * of vanishing.
 */
import type { LegendEntry, Registry, Tag, TagName, TagNameForm } from '../types.js';
import type { LineIndex } from '../positions.js';
import type { CompiledProfile } from '../profile.js';
import { boundedMemo } from '../memo.js';
import { boundedEditDistance, normalizeName } from './text.js';

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

/** Words and punctuation of a tag ('words' names); `separators` are the profile's name separators. */
function tokenize(text: string, from: number, to: number, separators: string): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const ch = text[i] as string;
    if (separators.includes(ch)) tokens.push({ kind: 'comma', start: i, end: i + 1, norm: ',' });
    else if (ch === ':' || ch === '：') tokens.push({ kind: 'colon', start: i, end: i + 1, norm: ':' });
    else if (ch === '&') tokens.push({ kind: 'amp', start: i, end: i + 1, norm: 'and' });
    else if (ch === ';') tokens.push({ kind: 'semi', start: i, end: i + 1, norm: ';' });
    else {
      let j = i + 1;
      while (j < to) {
        const d = text[j] as string;
        if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ':' || d === '&' || d === ';' || d === '：' || separators.includes(d)) break;
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
}

interface LongName {
  words: string[];
  joined: string;
}

/** A tag reader for one registry (named as the profile names bodies), legend and profile. */
export function createTagReader(registry: Registry, legend: readonly LegendEntry[], profile: CompiledProfile): TagReader {
  const readNames = profile.profile.tags.names === 'separated' ? separatedNames(registry, legend, profile) : wordNames(registry, legend, profile);
  const { openers, closers, trailing } = profile;
  return {
    readTag(text: string, lowerBound: number, end: number, index: LineIndex): Tag | null {
      let e = end;
      while (e > lowerBound) {
        const ch = text[e - 1] as string;
        if (trailing.includes(ch)) e--;
        else if (ch === '>' && text.startsWith('-->', e - 3)) {
          // A trailing inline comment (e.g. a plan-lint-disable-line directive) is not part of the text.
          const open = text.lastIndexOf('<!--', e - 3);
          if (open < lowerBound) break;
          e = open;
        } else break;
      }
      if (e <= lowerBound || !closers.includes(text[e - 1] as string)) return null;
      // Find the matching opening bracket.
      let depth = 0;
      let open = -1;
      for (let k = e - 1; k >= lowerBound; k--) {
        const ch = text[k] as string;
        if (closers.includes(ch)) depth++;
        else if (openers.includes(ch)) {
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
    },
  };
}

type NameReader = (text: string, from: number, to: number, index: LineIndex) => TagName[] | null;

/** 'words' names: a token walk over a trie of the known names, longest first. */
function wordNames(registry: Registry, legend: readonly LegendEntry[], profile: CompiledProfile): NameReader {
  const { separators, bodyShape, abbreviationShape } = profile;
  const conjunctions = new Set(profile.conjunctions);
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
  for (const o of registry.catchAlls) add(o, 'other-related');
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

  /** A full name starting at token k (known, misspelt or ministry-shaped): the token index after it, or null. */
  const fullNameAt = (tokens: Token[], k: number, text: string): { end: number; known: boolean } | null => {
    const m = trieMatch(tokens, k);
    if (m?.form === 'full-name') return { end: m.end, known: true };
    const fz = fuzzyMatch(tokens, k);
    if (fz !== -1) return { end: fz, known: false };
    let j = k;
    while (j < tokens.length) {
      const u = tokens[j] as Token;
      if (u.kind !== 'word' || conjunctions.has(u.norm)) break;
      j++;
    }
    if (j === k) return null;
    const written = text.slice((tokens[k] as Token).start, (tokens[j - 1] as Token).end).replace(/\s+/g, ' ');
    return bodyShape.test(written) ? { end: j, known: false } : null;
  };

  return (text: string, from: number, to: number, index: LineIndex): TagName[] | null => {
    const tokens = tokenize(text, from, to, separators);
    if (tokens.length === 0 || tokens.length > 200) return null;
    const names: TagName[] = [];
    let anyKnown = false;
    let anyShaped = false;
    let unknownCaps = 0;
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (t.kind === 'comma' || t.kind === 'semi' || t.kind === 'amp' || (t.kind === 'word' && conjunctions.has(t.norm))) {
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
            if (u.kind !== 'word' || conjunctions.has(u.norm)) break;
            j++;
          }
          const written = text.slice(t.start, (tokens[j - 1] as Token).end);
          if (j === i + 1 && abbreviationShape.test(written)) {
            form = 'abbreviation';
            if (abbreviations.has(written)) known = true;
            else if (nearKnownAbbreviation(written)) anyShaped = true;
            else {
              unknownCaps++;
              unknownAbbreviation = true;
            }
          } else {
            form = 'full-name';
            if (!bodyShape.test(written.replace(/\s+/g, ' '))) return null;
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
        if (!abbreviationShape.test(abbrText)) return null;
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
}

/** Whitespace a 'separated' name may have around it (full-width space included). */
const SPACE = /^[\s\u3000]+|[\s\u3000]+$/g;
const PAIR_OPEN = /[(（]/;
const QUALIFIER = /[:：]/;

/**
 * 'separated' names: the pieces between the profile's separators and conjunctions, each looked up whole
 * among the registry's names (full names), short forms (abbreviations) and catch-alls. A piece no one knows
 * is kept when it has the shape of a body (ends in 省, 庁, ...) or of a short form; a group with a piece of
 * neither shape (【施策番号72】, prose) is not a tag. Two forms name two bodies in one piece: a body with its
 * predecessor or successor in brackets (厚生労働省(こども家庭庁), a pair: see TagName.pairedWith), and a catch-all
 * with the body it means after a colon (関係府省庁:外務省).
 */
function separatedNames(registry: Registry, legend: readonly LegendEntry[], profile: CompiledProfile): NameReader {
  const { separators, conjunctions, bodyShape, abbreviationShape } = profile;
  const forms = new Map<string, TagNameForm>();
  const shortForms: string[] = [];
  const add = (name: string, form: TagNameForm): void => {
    const key = normalizeName(name);
    if (!forms.has(key)) forms.set(key, form);
    if (form === 'abbreviation') shortForms.push(key);
  };
  for (const body of registry.bodies) {
    add(body.name, 'full-name');
    for (const a of body.aliases ?? []) add(a, 'full-name');
    for (const a of body.abbreviations) add(a, 'abbreviation');
  }
  for (const e of legend) {
    add(e.name, 'full-name');
    add(e.abbreviation, 'abbreviation');
  }
  for (const c of registry.catchAlls) add(c, 'other-related');
  const nearShortForm = (key: string): boolean => shortForms.some((f) => boundedEditDistance(key, f, 1) <= 1);

  return (text: string, from: number, to: number, index: LineIndex): TagName[] | null => {
    if (to - from > 2000) return null;
    const names: TagName[] = [];
    let anyKnown = false;
    let anyShaped = false;
    let unknownShort = 0;
    const piece = (a: number, b: number): boolean => {
      const raw = text.slice(a, b);
      const lead = raw.length - raw.replace(/^[\s\u3000]+/, '').length;
      const written = raw.replace(SPACE, '');
      if (written === '') return true;
      const start = a + lead;
      const end = start + written.length;
      const last = written.charAt(written.length - 1);
      if (last === ')' || last === '）') {
        // 厚生労働省(こども家庭庁): the body and, in brackets, its successor (or predecessor).
        const open = written.search(PAIR_OPEN);
        const first = names.length;
        if (open <= 0 || !piece(start, start + open) || !piece(start + open + 1, end - 1)) return false;
        const outer = names[first];
        const inner = names[first + 1];
        if (names.length !== first + 2 || !outer || !inner) return false;
        outer.pairedWith = first + 1;
        inner.pairedWith = first;
        return true;
      }
      const qualifier = written.search(QUALIFIER);
      if (qualifier > 0) {
        // 関係府省庁:外務省: a catch-all, then the body it means.
        const first = names.length;
        if (!piece(start, start + qualifier) || !piece(start + qualifier + 1, end)) return false;
        return names.length === first + 2 && names[first]?.form === 'other-related';
      }
      let form = forms.get(normalizeName(written));
      if (form !== undefined) anyKnown = true;
      else if (bodyShape.test(written)) {
        form = 'full-name';
        anyShaped = true;
      } else if (abbreviationShape.test(written)) {
        form = 'abbreviation';
        if (nearShortForm(normalizeName(written))) anyShaped = true;
        else unknownShort++;
      } else return false;
      names.push({ text: written, range: index.rangeAt(start, end), form });
      return true;
    };
    let start = from;
    let k = from;
    while (k < to) {
      const ch = text[k] as string;
      const conjunction = separators.includes(ch) ? undefined : conjunctions.find((c) => text.startsWith(c, k));
      if (separators.includes(ch) || conjunction !== undefined) {
        if (!piece(start, k)) return null;
        k += conjunction?.length ?? 1;
        start = k;
      } else k++;
    }
    if (!piece(start, to)) return null;
    if (names.length === 0) return null;
    if (unknownShort > 0 && !anyKnown) return null;
    if (!anyKnown && !anyShaped) return null;
    return names;
  };
}
