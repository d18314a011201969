import type { Block, Rule, RuleMeta } from '@plan-lint/core';
import { measureIdLabel, repeatPrefix } from '@plan-lint/core';
import { MAX_CHECKS, characterShingleHashes, earliestMatches, itemsThatCanMatch, jaccardSorted, shingleHashes, signature } from './lib/minhash.js';
import { blockRawWords, letters, rawWords, type TextUnits } from './lib/words.js';
import { TextMemo } from './lib/memo.js';

export interface Options {
  /** Jaccard similarity of 3-word shingles (0..1) from which two entries count as near-identical. */
  threshold: number;
  /** Entries shorter than this many words (characters, in a language compared by characters) are never compared ("No applicable activity."). */
  minWords: number;
}

export const meta: RuleMeta = {
  id: 'duplicate-report',
  description: {
    en: 'A status entry is not reported again, near-identically, under another measure instead of a repeat mention.',
    ja: '同じ取組状況を、再掲とせずにほぼそのまま別の施策にも書いていないこと。',
  },
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  hasSuggestions: false,
  schema: {
    type: 'object',
    properties: {
      threshold: { type: 'number', minimum: 0.5, maximum: 1 },
      minWords: { type: 'integer', minimum: 1 },
    },
    additionalProperties: false,
  },
  defaultOptions: { threshold: 0.6, minWords: 12 },
  appliesTo: ['status-report'],
  docs: 'duplicate-report.md',
};

const SHINGLE = 3;

interface EntryHashes {
  /** The raw responsibility tag the hashes were computed with (the entry's words exclude it). */
  tag: string;
  /** How many words the entry has (without its tag). */
  words: number;
  /** The shingle hashes, sorted, without repeats. */
  set: Uint32Array;
  /** The MinHash signature of `set`, once an entry long enough needed it. */
  sig: Uint32Array | undefined;
}

function entryHashes(block: Block, tag: string, units: TextUnits): EntryHashes {
  if (units === 'characters') {
    const text = entryLetters(block);
    return { tag, words: text.length, set: characterShingleHashes(text, SHINGLE), sig: undefined };
  }
  const words = entryWords(block);
  return { tag, words: words.length, set: shingleHashes(words, SHINGLE), sig: undefined };
}

/** The entry's letters and digits (widths folded, see `letters`) without its responsibility tag. */
function entryLetters(block: Block): string {
  const tag = block.tag?.raw.trim();
  const trimmed = block.text.trimEnd();
  return letters(tag && trimmed.endsWith(tag) ? trimmed.slice(0, trimmed.length - tag.length) : trimmed);
}

/** The entry's words without its responsibility tag. */
export function entryWords(block: Block): readonly string[] {
  const tag = block.tag?.raw.trim();
  const trimmed = block.text.trimEnd();
  const words = blockRawWords(block);
  if (!tag) return words;
  if (!trimmed.endsWith(tag)) return words;
  // A tag opening with a parenthesis (a word separator): the text's words are those before it, then the tag's.
  if (!/^[(（]/.test(tag)) return rawWords(trimmed.slice(0, trimmed.length - tag.length));
  const tagWords = rawWords(tag).length;
  return tagWords === 0 ? words : words.slice(0, words.length - tagWords);
}

function measureLabel(id: string): { sec: string; numeral: string } {
  const m = /^(\d+)-\(([^)]*)\)$/.exec(id.trim());
  return m ? { sec: m[1] ?? '', numeral: (m[2] ?? '').toLowerCase() } : { sec: id, numeral: '' };
}

export const duplicateReport: Rule<Options> = {
  meta,
  check(context) {
    const profile = context.document.profile;
    const threshold = context.options.threshold ?? 0.6;
    const minWords = context.options.minWords ?? 12;
    // Shingles and signatures depend only on the entry's text and tag (and on comparing words or characters,
    // one memo each): kept between lints in an editor.
    const units = context.document.profile.text.units;
    const memo = new TextMemo<EntryHashes>(context, units === 'words' ? meta.id : `${meta.id}:${units}`);
    const entries: { block: Block; hashes: EntryHashes; measure: string }[] = [];
    for (const block of context.document.blocks()) {
      if (block.kind !== 'status-entry' || block.repeat) continue;
      // Keyed by the text alone (no key string built per entry and lint); the tag is checked on the value.
      const tag = block.tag?.raw ?? '';
      let hashes = memo.get(block.text, () => entryHashes(block, tag, units));
      if (hashes.tag !== tag) hashes = entryHashes(block, tag, units); // the same text under another tag: not kept
      if (hashes.words < minWords) continue;
      entries.push({ block, hashes, measure: block.measureId.toLowerCase() });
    }
    if (entries.length < 2) return;
    // A pair is reported only if its entries are of different measures and similar enough.
    const accept = (i: number, j: number): boolean => {
      const a = entries[i];
      const b = entries[j];
      if (!a || !b) return false;
      if (a.measure === b.measure) return false;
      return jaccardSorted(a.hashes.set, b.hashes.set) >= threshold;
    };
    // The same test from the number of shared shingles (jaccardSorted's own arithmetic), to find without any
    // signature the few entries that can take part in a match (usually none or a handful): the LSH search
    // below then runs over those alone, with the same result as over every entry (see itemsThatCanMatch).
    const qualifies = (i: number, j: number, shared: number): boolean => {
      const a = entries[i] as (typeof entries)[number];
      const b = entries[j] as (typeof entries)[number];
      if (a.measure === b.measure) return false;
      return shared / (a.hashes.set.length + b.hashes.set.length - shared) >= threshold;
    };
    let total = 0;
    for (const e of entries) total += e.hashes.set.length;
    const kept = itemsThatCanMatch(
      entries.map((e) => e.hashes.set),
      qualifies,
      MAX_CHECKS,
      16 * total + 10_000,
    );
    const pick = kept ?? entries.map((_, i) => i);
    if (pick.length < 2) return;
    const sigs = pick.map((i) => {
      const hashes = (entries[i] as (typeof entries)[number]).hashes;
      return (hashes.sig ??= signature(hashes.set));
    });
    // For each later entry, the earliest near-identical entry of another measure (entries are in document order).
    const picked = earliestMatches(sigs, (x, y) => accept(pick[x] as number, pick[y] as number), MAX_CHECKS);
    const firstMatch = new Map<number, number>();
    for (const [late, early] of picked) firstMatch.set(pick[late] as number, pick[early] as number);
    const order = [...firstMatch.keys()].sort((x, y) => x - y);
    for (const late of order) {
      const first = entries[firstMatch.get(late) ?? -1];
      const entry = entries[late];
      if (!first || !entry) continue;
      const id = first.block.measureId;
      const { sec, numeral } = measureLabel(id);
      const prefix = `${repeatPrefix(profile, Number(sec), numeral)}${profile.repeat.after}`;
      const reference = measureIdLabel({ id, sectionNumber: Number(sec), numeral }, profile, 'ja');
      context.report({
        message: {
          en: `Near-identical to the entry reported under ${id}; consider '${prefix}...' instead of reporting it again`,
          ja: `施策${reference}で報告した取組とほぼ同じ内容です。重ねて記載せず、「${prefix}…」として記載してください`,
        },
        range: entry.block.range,
        related: [{ message: { en: `First reported under ${id}`, ja: `施策${reference}での最初の記載` }, range: first.block.range }],
      });
    }
  },
};

export default duplicateReport;
