import type { Block, FixDescriptor, Rule } from '@plan-lint/core';
import { localized, measureIdLabel, writeTag } from '@plan-lint/core';
import { MinistryResolver } from './ministry-known.js';

/** A status entry (list item) without a responsibility tag. */
export const statusEntryTag: Rule = {
  meta: {
    id: 'status-entry-tag',
    description: {
      en: 'In a status report, every status entry ends with a responsibility tag naming the reporting ministry, e.g. "(NPA)".',
      ja: '取組状況の報告で、取組状況の各項目が、報告した府省庁を示す【…】（例：【警察庁】）で終わっていること。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'status-entry-tag.md',
  },
  check(context) {
    const resolver = MinistryResolver.of(context.document, context.registry);
    const profile = context.document.profile;
    const byAbbreviation = profile.blocks.statusEntryNames === 'abbreviation';
    for (const measure of context.document.measures()) {
      for (const block of measure.blocks) {
        if (!isUntaggedEntry(block)) continue;
        const end = block.range.end;
        const range = { start: end, end };
        const planned = block.plannedActionIndex !== null ? measure.blocks[block.plannedActionIndex] : undefined;
        const suggestions: FixDescriptor[] = [];
        for (const name of planned?.tag?.names ?? []) {
          const resolved = resolver.resolve(name);
          const named = byAbbreviation ? resolved?.abbreviation : resolved?.name;
          if (named === undefined) continue;
          const tag = writeTag(profile, [named]);
          if (!suggestions.some((s) => s.edits[0]?.text === tag)) {
            const shown = tag.trim();
            suggestions.push({
              description: { en: `Add the tag '${shown}'`, ja: `担当府省庁の表示「${shown}」を加える` },
              edits: [{ range, text: tag }],
            });
          }
        }
        const example = profile.tags.examples.statusEntry;
        context.report({
          message: localized((l) => {
            if (l === 'en') {
              const what = byAbbreviation ? "the reporting ministry's abbreviation" : 'the reporting ministry';
              return `This status entry of measure ${measure.id} has no responsibility tag; end it with ${what}, e.g. '${example}'`;
            }
            const what = byAbbreviation ? '報告する府省庁の略称' : '報告する府省庁';
            return `施策${measureIdLabel(measure, profile, l)}のこの取組状況の項目には担当府省庁の表示がありません。末尾に${what}を「${example}」のように書いてください`;
          }),
          range,
          ...(suggestions.length > 0 ? { suggestions } : {}),
        });
      }
    }
  },
};

/** A status entry or repeat mention with no tag. */
function isUntaggedEntry(block: Block): boolean {
  if (block.tag !== null) return false;
  if (block.kind === 'status-entry' || block.kind === 'repeat-mention') return true;
  return false;
}

export default statusEntryTag;
