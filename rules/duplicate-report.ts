import type { Block, Rule, RuleMeta } from '@plan-lint/core';
import { earliestMatches, jaccard, shingles, signature } from './lib/minhash.js';
import { rawWords } from './lib/words.js';

export interface Options {
  /** Jaccard similarity of 3-word shingles (0..1) from which two entries count as near-identical. */
  threshold: number;
  /** Entries shorter than this many words are never compared ("No applicable activity."). */
  minWords: number;
}

export const meta: RuleMeta = {
  id: 'duplicate-report',
  description: 'A status entry is not reported again, near-identically, under another measure instead of a repeat mention.',
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

/** The entry's words without its responsibility tag. */
function entryWords(block: Block): string[] {
  let text = block.text;
  const tag = block.tag?.raw.trim();
  const trimmed = text.trimEnd();
  if (tag && trimmed.endsWith(tag)) text = trimmed.slice(0, trimmed.length - tag.length);
  return rawWords(text);
}

function measureLabel(id: string): { sec: string; numeral: string } {
  const m = /^(\d+)-\(([^)]*)\)$/.exec(id.trim());
  return m ? { sec: m[1] ?? '', numeral: (m[2] ?? '').toLowerCase() } : { sec: id, numeral: '' };
}

export const duplicateReport: Rule<Options> = {
  meta,
  check(context) {
    const threshold = context.options.threshold ?? 0.6;
    const minWords = context.options.minWords ?? 12;
    const entries: { block: Block; set: Set<number> }[] = [];
    for (const block of context.document.blocks()) {
      if (block.kind !== 'status-entry' || block.repeat) continue;
      const words = entryWords(block);
      if (words.length < minWords) continue;
      entries.push({ block, set: shingles(words, SHINGLE) });
    }
    if (entries.length < 2) return;
    const sigs = entries.map((e) => signature(e.set));
    // For each later entry, the earliest near-identical entry of another measure (entries are in document order).
    const firstMatch = earliestMatches(sigs, (i, j) => {
      const a = entries[i];
      const b = entries[j];
      if (!a || !b) return false;
      if (a.block.measureId.toLowerCase() === b.block.measureId.toLowerCase()) return false;
      return jaccard(a.set, b.set) >= threshold;
    });
    const order = [...firstMatch.keys()].sort((x, y) => x - y);
    for (const late of order) {
      const first = entries[firstMatch.get(late) ?? -1];
      const entry = entries[late];
      if (!first || !entry) continue;
      const id = first.block.measureId;
      const { sec, numeral } = measureLabel(id);
      context.report({
        message: `Near-identical to the entry reported under ${id}; consider 'Repeat mention ${sec} - (${numeral}): ...' instead of reporting it again`,
        range: entry.block.range,
        related: [{ message: `First reported under ${id}`, range: first.block.range }],
      });
    }
  },
};

export default duplicateReport;
