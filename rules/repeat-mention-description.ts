import type { Measure, Rule, RuleMeta } from '@plan-lint/core';
import { canonicalMeasureId, repeatBlocks, targetMeasure } from './lib/repeat.js';
import { WordWeights, blockContentWordSet, contentWordSet, coverageOf, weighQuery, type WeightedQuery } from './lib/words.js';
import { toRoman } from './lib/roman.js';
import { TextMemo } from './lib/memo.js';

export interface Options {
  /** Below this weighted word coverage (0..1) the description is taken to name nothing reported in the target. */
  minScore: number;
  /** Another measure is named as the likely target only when its score beats the target's by this much. */
  margin: number;
}

export const meta: RuleMeta = {
  id: 'repeat-mention-description',
  description: 'The description of a repeat mention names something reported in the target measure.',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  hasSuggestions: true,
  schema: {
    type: 'object',
    properties: {
      minScore: { type: 'number', minimum: 0, maximum: 1 },
      margin: { type: 'number', minimum: 0, maximum: 1 },
    },
    additionalProperties: false,
  },
  defaultOptions: { minScore: 0.25, margin: 0.3 },
  appliesTo: ['status-report'],
  docs: 'repeat-mention-description.md',
};

interface MeasureWords {
  measure: Measure;
  id: string;
  /** The title and each status entry, as content-word sets. */
  units: ReadonlySet<string>[];
}

function measureWords(measure: Measure, memo: TextMemo<ReadonlySet<string>>): MeasureWords {
  const units: ReadonlySet<string>[] = [memo.get(measure.title, () => contentWordSet(measure.title))];
  for (const b of measure.blocks) if (b.kind === 'status-entry') units.push(memo.get(b.text, () => blockContentWordSet(b)));
  return { measure, id: canonicalMeasureId(measure), units };
}

/** How well a description matches a measure: the best single unit (title or one status entry). */
function score(query: WeightedQuery, m: MeasureWords): number {
  let best = 0;
  for (const u of m.units) best = Math.max(best, coverageOf(query, u));
  return best;
}

const WEIGHTS_KEY = `${meta.id}:weights`;

interface KeptWeights {
  units: ReadonlySet<string>[];
  weights: WordWeights;
}

/**
 * Word weights over every unit of the document. In an editor (`memo`), the last lint's weights are updated
 * for the units that changed (document frequencies are counts: the result is the same as counting afresh).
 */
function documentWeights(memo: Map<string, unknown> | undefined, all: readonly MeasureWords[]): WordWeights {
  const units: ReadonlySet<string>[] = [];
  for (const m of all) for (const u of m.units) units.push(u);
  const kept = memo?.get(WEIGHTS_KEY) as KeptWeights | undefined;
  memo?.delete(WEIGHTS_KEY); // put back once updated: never half-updated weights
  let weights: WordWeights;
  if (kept && kept.weights instanceof WordWeights && kept.units.length === units.length) {
    weights = kept.weights;
    for (let i = 0; i < units.length; i++) {
      const before = kept.units[i] as ReadonlySet<string>;
      const now = units[i] as ReadonlySet<string>;
      if (before === now) continue;
      weights.remove(before);
      weights.add(now);
    }
  } else {
    weights = new WordWeights();
    for (const u of units) weights.add(u);
  }
  memo?.set(WEIGHTS_KEY, { units, weights } satisfies KeptWeights);
  return weights;
}

export const repeatMentionDescription: Rule<Options> = {
  meta,
  check(context) {
    const { document } = context;
    const minScore = context.options.minScore ?? 0.25;
    const margin = context.options.margin ?? 0.3;
    const repeats = repeatBlocks(document);
    if (repeats.length === 0) return;
    // Content-word sets depend only on the text: kept between lints in an editor.
    const memo = new TextMemo<ReadonlySet<string>>(context, meta.id);
    const all = document.measures().map((m) => measureWords(m, memo));
    const weights = documentWeights(context.memo, all);
    for (const { block, repeat } of repeats) {
      const target = targetMeasure(document, repeat);
      if (!target) continue; // repeat-mention-target reports it
      const targetId = canonicalMeasureId(target);
      const ownId = block.measureId.trim().toLowerCase();
      if (targetId === ownId) continue;
      const words = contentWordSet(repeat.description);
      if (words.size < 2) continue;
      const query = weighQuery(weights, words);
      const targetWords = all.find((m) => m.measure === target) ?? measureWords(target, memo);
      const targetScore = score(query, targetWords);
      if (targetScore >= minScore) continue;
      let best: { m: MeasureWords; s: number } | null = null;
      for (const m of all) {
        if (m.measure === target || m.id === ownId) continue;
        const s = score(query, m);
        if (!best || s > best.s) best = { m, s };
      }
      const description = repeat.description.trim();
      const shown = description.length > 60 ? `${description.slice(0, 57)}...` : description;
      if (best && best.s >= minScore && best.s - targetScore >= margin) {
        const bm = best.m.measure;
        const numeral = toRoman(bm.ordinal ?? 0) || bm.numeral.trim().toLowerCase();
        context.report({
          message: `The described activity ('${shown}') is reported under ${best.m.id}, not ${targetId}`,
          range: repeat.descriptionRange,
          related: [
            { message: `Measure ${targetId} (named by this repeat mention)`, range: target.heading },
            { message: `Measure ${best.m.id}, which reports the activity`, range: bm.heading },
          ],
          suggestions: [
            {
              description: `Point the repeat mention to ${best.m.id}`,
              edits: [
                { range: repeat.sectionRange, text: String(bm.sectionNumber) },
                { range: repeat.numeralRange, text: numeral },
              ],
            },
          ],
        });
      } else {
        context.report({
          message: `The description '${shown}' matches nothing reported under ${targetId} (its title or status entries)`,
          range: repeat.descriptionRange,
          related: [{ message: `Measure ${targetId}`, range: target.heading }],
        });
      }
    }
  },
};

export default repeatMentionDescription;
