import type { Rule, RuleMeta } from '@plan-lint/core';
import { listLabel, measureIdLabel, quoteLabel } from '@plan-lint/core';
import { canonicalMeasureId, repeatBlocks, targetMeasure } from './lib/repeat.js';
import { resolveTag } from './lib/tag-bodies.js';

export const meta: RuleMeta = {
  id: 'repeat-mention-ministries',
  description: {
    en: "Every ministry in a repeat mention's tag reported something under the target measure.",
    ja: '再掲の【…】の各府省庁が、再掲先の施策で取組状況を報告していること。',
  },
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['status-report'],
  docs: 'repeat-mention-ministries.md',
};

function list(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  if (labels.length === 2) return `${labels[0]} and ${labels[1]}`;
  return `${labels.slice(0, -1).join(', ')}, and ${labels[labels.length - 1]}`;
}

export const repeatMentionMinistries: Rule = {
  meta,
  check(context) {
    const { document, registry } = context;
    const legend = document.legend;
    for (const { block, repeat } of repeatBlocks(document)) {
      if (!block.tag) continue;
      const target = targetMeasure(document, repeat);
      if (!target) continue; // repeat-mention-target reports it
      const targetId = canonicalMeasureId(target);
      if (targetId === block.measureId.trim().toLowerCase()) continue;
      const targetRef = measureIdLabel(target, document.profile, 'ja');
      /** Who reported under the target: the English label (abbreviation or name as written) and the Japanese name. */
      const reporters = new Map<string, { en: string; ja: string }>();
      for (const b of target.blocks) {
        if (b.kind !== 'status-entry') continue;
        for (const r of resolveTag(b.tag, registry, legend)) {
          if (!reporters.has(r.key)) reporters.set(r.key, { en: r.label, ja: registry.byId(r.key)?.nameJa ?? r.label });
        }
      }
      const seen = new Set<string>();
      for (const r of resolveTag(block.tag, registry, legend)) {
        if (seen.has(r.key)) continue;
        seen.add(r.key);
        if (reporters.has(r.key)) continue;
        const tagged = [...reporters.values()];
        const who =
          tagged.length === 0
            ? { en: 'there are no status entries there', ja: '同施策には取組状況の記載がありません' }
            : {
                en: `the entries there are tagged ${list(tagged.map((t) => t.en))}`,
                ja: `同施策の記載の担当は${listLabel(tagged.map((t) => quoteLabel(t.ja, 'ja')), 'ja')}です`,
              };
        context.report({
          message: {
            en: `'${r.name.text}' reported nothing under ${targetId}, which this repeat mention points to; ${who.en}`,
            ja: `「${r.name.text}」は、この再掲の参照先の施策${targetRef}で何も報告していません（${who.ja}）`,
          },
          range: r.name.range,
          related: [{ message: { en: `Measure ${targetId}`, ja: `施策${targetRef}` }, range: target.heading }],
        });
      }
    }
  },
};

export default repeatMentionMinistries;
