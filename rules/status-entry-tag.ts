import type { Block, Rule, Suggestion } from '@plan-lint/core';
import { writeTag } from '@plan-lint/core';
import { MinistryResolver } from './ministry-known.js';

/** A status entry (list item) without a responsibility tag. */
export const statusEntryTag: Rule = {
  meta: {
    id: 'status-entry-tag',
    description: 'In a status report, every status entry ends with a responsibility tag naming the reporting ministry, e.g. "(NPA)".',
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
        const suggestions: Suggestion[] = [];
        for (const name of planned?.tag?.names ?? []) {
          const resolved = resolver.resolve(name);
          const named = byAbbreviation ? resolved?.abbreviation : resolved?.name;
          if (named === undefined) continue;
          const tag = writeTag(profile, [named]);
          if (!suggestions.some((s) => s.edits[0]?.text === tag)) {
            suggestions.push({ description: `Add the tag '${tag.trim()}'`, edits: [{ range, text: tag }] });
          }
        }
        const what = byAbbreviation ? "the reporting ministry's abbreviation" : 'the reporting ministry';
        context.report({
          message: `This status entry of measure ${measure.id} has no responsibility tag; end it with ${what}, e.g. '${profile.tags.examples.statusEntry}'`,
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
