import type { Block, Locale, Measure, RepeatMention, Rule, RuleMeta } from '@plan-lint/core';
import { formatNumeral, localized, measureIdLabel } from '@plan-lint/core';
import { canonicalMeasureId, repeatBlocks, targetMeasure } from './lib/repeat.js';
import { blockContentUnitSet, contentUnitSet, coverageOf, type ContentUnit, type TextUnits, type WeightedQuery } from './lib/words.js';
import { TextMemo } from './lib/memo.js';

export interface Options {
  /** Below this weighted word coverage (0..1) the description is taken to name nothing reported in the target. */
  minScore: number;
  /** Another measure is named as the likely target only when its score beats the target's by this much. */
  margin: number;
}

export const meta: RuleMeta = {
  id: 'repeat-mention-description',
  description: {
    en: 'The description of a repeat mention names something reported in the target measure.',
    ja: '再掲の説明が、再掲先の施策で報告された内容を指していること。',
  },
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
  units: ReadonlySet<ContentUnit>[];
}

function measureWords(measure: Measure, memo: TextMemo<ReadonlySet<ContentUnit>>, textUnits: TextUnits): MeasureWords {
  const units: ReadonlySet<ContentUnit>[] = [memo.get(measure.title, () => contentUnitSet(measure.title, textUnits))];
  for (const b of measure.blocks) if (b.kind === 'status-entry') units.push(memo.get(b.text, () => blockContentUnitSet(b, textUnits)));
  return { measure, id: canonicalMeasureId(measure), units };
}

/** How well a description matches a measure: the best single unit (title or one status entry). */
function score(query: WeightedQuery, m: MeasureWords): number {
  let best = 0;
  for (const u of m.units) best = Math.max(best, coverageOf(query, u));
  return best;
}

interface Query {
  block: Block;
  repeat: RepeatMention;
  target: Measure;
  targetId: string;
  ownId: string;
  words: ReadonlySet<ContentUnit>;
}

/** What `DescriptionIndex` keeps between lints: for the descriptions' words `key`, the words each unit holds. */
export interface DescriptionIndexCache {
  key: string;
  held: WeakMap<ReadonlySet<ContentUnit>, readonly number[]>;
}

/** Work counters (for tests that count work instead of timing it): units whose words an index read. */
export const descriptionIndexWork = { unitsRead: 0 };

/**
 * Word weights and scores, computed for the words of the descriptions only. The weight of a word depends on
 * how many units hold it (inverse document frequency over every unit of the document), and a unit's score
 * sums the weights of the description's words it holds, in the description's word order: so counting only
 * the descriptions' words, and adding each word's weight to the units that hold it (word after word), gives
 * exactly `WordWeights` and `coverageOf` over every word, without a table of every word of the document.
 */
export class DescriptionIndex {
  private readonly vocabulary = new Map<ContentUnit, number>();
  /** For each description word, the units holding it (ascending). */
  private readonly postings: number[][] = [];
  /** For each unit, the index of its measure in `all`. */
  private readonly unitMeasure: number[] = [];
  private readonly units: number;
  private readonly hit: Float64Array;
  private readonly seen: Uint8Array;

  /**
   * `cache`, when given, keeps between lints which description words each unit holds (by the unit's word set,
   * which `TextMemo` keeps for unchanged text); it is valid while the descriptions' words stay the same, so
   * an edit of a status entry reads the words of that entry alone.
   */
  constructor(
    queries: readonly { readonly words: ReadonlySet<ContentUnit> }[],
    all: readonly { readonly units: readonly ReadonlySet<ContentUnit>[] }[],
    cache?: DescriptionIndexCache,
  ) {
    let key = '';
    for (const q of queries) {
      for (const w of q.words) {
        key += `${w}\u0000`;
        if (this.vocabulary.has(w)) continue;
        this.vocabulary.set(w, this.postings.length);
        this.postings.push([]);
      }
      key += '\u0001';
    }
    if (cache && cache.key !== key) {
      cache.key = key;
      cache.held = new WeakMap();
    }
    const held = cache?.held;
    let unit = 0;
    all.forEach((m, mi) => {
      for (const u of m.units) {
        let ids = held?.get(u);
        if (ids === undefined) {
          descriptionIndexWork.unitsRead++;
          const found: number[] = [];
          for (const w of u) {
            const v = this.vocabulary.get(w);
            if (v !== undefined) found.push(v);
          }
          held?.set(u, found);
          ids = found;
        }
        // Units are visited in ascending order, so every posting list stays ascending.
        for (const v of ids) (this.postings[v] as number[]).push(unit);
        this.unitMeasure.push(mi);
        unit++;
      }
    });
    this.units = unit;
    this.hit = new Float64Array(unit);
    this.seen = new Uint8Array(unit);
  }

  /** `weighQuery(new WordWeights() with every unit added, words)`: the same weights, in the same order. */
  weigh(words: ReadonlySet<ContentUnit>): WeightedQuery {
    const list: ContentUnit[] = [];
    const weights: number[] = [];
    let total = 0;
    for (const w of words) {
      const v = this.vocabulary.get(w);
      const df = v === undefined ? 0 : (this.postings[v] as number[]).length;
      const wt = Math.log((this.units + 1) / (df + 0.5));
      list.push(w);
      weights.push(wt);
      total += wt;
    }
    return { words: list, weights, total };
  }

  /** For each measure of `all`, `score(query, measure)`. */
  scores(query: WeightedQuery, measures: number): Float64Array {
    const out = new Float64Array(measures);
    if (query.total === 0) return out;
    const hit = this.hit;
    const seen = this.seen;
    const touched: number[] = [];
    for (let i = 0; i < query.words.length; i++) {
      const list = this.postings[this.vocabulary.get(query.words[i] as ContentUnit) ?? -1];
      if (!list) continue;
      const wt = query.weights[i] as number;
      for (const u of list) {
        if (seen[u] === 0) {
          seen[u] = 1;
          touched.push(u);
        }
        hit[u] = (hit[u] as number) + wt;
      }
    }
    // A unit holding none of the words covers 0, which never raises a measure's best score.
    for (const u of touched) {
      const mi = this.unitMeasure[u] as number;
      out[mi] = Math.max(out[mi] as number, (hit[u] as number) / query.total);
      hit[u] = 0;
      seen[u] = 0;
    }
    return out;
  }
}

/** The index cache kept in the rule memo (an editor), or none (one-shot runs). */
function indexCache(memo: Map<string, unknown> | undefined): DescriptionIndexCache | undefined {
  if (!(memo instanceof Map)) return undefined;
  const key = `${meta.id}:index`;
  const known = memo.get(key);
  if (known instanceof IndexCacheBox) return known;
  const made = new IndexCacheBox();
  memo.set(key, made);
  return made;
}

class IndexCacheBox implements DescriptionIndexCache {
  key = '';
  held = new WeakMap<ReadonlySet<ContentUnit>, readonly number[]>();
}

export const repeatMentionDescription: Rule<Options> = {
  meta,
  check(context) {
    const { document } = context;
    const minScore = context.options.minScore ?? 0.25;
    const margin = context.options.margin ?? 0.3;
    const repeats = repeatBlocks(document);
    if (repeats.length === 0) return;
    // Content-word sets depend only on the text (a description's as a title's or an entry's): kept between
    // lints in an editor.
    // (One memo per way of comparing: the same text reads differently by words and by characters.)
    const textUnits = document.profile.text.units;
    const memo = new TextMemo<ReadonlySet<ContentUnit>>(context, textUnits === 'words' ? meta.id : `${meta.id}:${textUnits}`);
    const queries: Query[] = [];
    for (const { block, repeat } of repeats) {
      const target = targetMeasure(document, repeat);
      if (!target) continue; // repeat-mention-target reports it
      const targetId = canonicalMeasureId(target);
      const ownId = block.measureId.trim().toLowerCase();
      if (targetId === ownId) continue;
      const words = memo.get(repeat.description, () => contentUnitSet(repeat.description, textUnits));
      if (words.size < 2) continue;
      queries.push({ block, repeat, target, targetId, ownId, words });
    }
    if (queries.length === 0) return;
    const all = document.measures().map((m) => measureWords(m, memo, textUnits));
    const index = new DescriptionIndex(queries, all, indexCache(context.memo));
    const profile = document.profile;
    for (const { repeat, target, targetId, ownId, words } of queries) {
      const query = index.weigh(words);
      const scores = index.scores(query, all.length);
      const targetAt = all.findIndex((m) => m.measure === target);
      const targetScore = targetAt !== -1 ? (scores[targetAt] as number) : score(query, measureWords(target, memo, textUnits));
      if (targetScore >= minScore) continue;
      let best: { m: MeasureWords; s: number } | null = null;
      for (let mi = 0; mi < all.length; mi++) {
        const m = all[mi] as MeasureWords;
        if (m.measure === target || m.id === ownId) continue;
        const s = scores[mi] as number;
        if (!best || s > best.s) best = { m, s };
      }
      const description = repeat.description.trim();
      const shown = (l: Locale) => (description.length > 60 ? `${description.slice(0, 57)}${l === 'ja' ? '…' : '...'}` : description);
      const targetRef = measureIdLabel(target, profile, 'ja');
      if (best && best.s >= minScore && best.s - targetScore >= margin) {
        const bm = best.m.measure;
        const numeral = bm.ordinal !== null ? formatNumeral(profile, bm.ordinal) : bm.numeral.trim().toLowerCase();
        const otherId = best.m.id;
        const otherRef = measureIdLabel(bm, profile, 'ja');
        context.report({
          message: localized((l) =>
            l === 'ja'
              ? `再掲の記載（「${shown(l)}」）の取組は、施策${targetRef}ではなく施策${otherRef}で報告されています`
              : `The described activity ('${shown(l)}') is reported under ${otherId}, not ${targetId}`,
          ),
          range: repeat.descriptionRange,
          related: [
            { message: { en: `Measure ${targetId} (named by this repeat mention)`, ja: `施策${targetRef}（この再掲の参照先）` }, range: target.heading },
            { message: { en: `Measure ${otherId}, which reports the activity`, ja: `施策${otherRef}（この取組を報告している施策）` }, range: bm.heading },
          ],
          suggestions: [
            {
              description: { en: `Point the repeat mention to ${otherId}`, ja: `再掲の参照先を${otherRef}に変更する` },
              edits: [
                { range: repeat.sectionRange, text: String(bm.sectionNumber) },
                { range: repeat.numeralRange, text: numeral },
              ],
            },
          ],
        });
      } else {
        context.report({
          message: localized((l) =>
            l === 'ja'
              ? `再掲の記載「${shown(l)}」に当たる取組が、施策${targetRef}（施策名及び取組状況）に見当たりません`
              : `The description '${shown(l)}' matches nothing reported under ${targetId} (its title or status entries)`,
          ),
          range: repeat.descriptionRange,
          related: [{ message: { en: `Measure ${targetId}`, ja: `施策${targetRef}` }, range: target.heading }],
        });
      }
    }
  },
};

export default repeatMentionDescription;
