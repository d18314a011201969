import type { Block, Measure, RelatedDescriptor, Rule } from '@plan-lint/core';
import { localized, measureIdLabel } from '@plan-lint/core';
import { MinistryResolver, resolvedLabel } from './ministry-known.js';

/**
 * The keys of the bodies a measure's planned actions name, or 'everyone' when one names "other related bodies".
 * Null when there is nothing to judge by: no tagged planned action, or a name no one knows (a misspelling that
 * ministry-known reports; the entry may name the ministry it meant).
 */
export function measureResponsibility(measure: Measure, resolver: MinistryResolver): Set<string> | 'everyone' | null {
  const planned = measure.blocks.filter((b) => b.kind === 'planned-action' && b.tag !== null);
  if (planned.length === 0) return null;
  if (planned.some((b) => b.tag?.names.some((n) => n.form === 'other-related'))) return 'everyone';
  const keys = new Set<string>();
  for (const block of planned) {
    for (const name of block.tag?.names ?? []) {
      if (name.form === 'other-related') return 'everyone';
      const resolved = resolver.resolve(name);
      if (!resolved) return null;
      keys.add(resolved.key);
    }
  }
  return keys;
}

/** The full name after a name written otherwise: 「警察」（警察庁）; nothing when it is written in full. */
function fullNameAfter(written: string, full: string): string {
  return written === full ? '' : `（${full}）`;
}

/** Whether a block reports status (an entry or a repeat mention). */
export function isReport(block: Block): boolean {
  return block.kind === 'status-entry' || block.kind === 'repeat-mention';
}

/** A status entry by a ministry that no planned action of its measure names. */
export const ministryNotResponsible: Rule = {
  meta: {
    id: 'ministry-not-responsible',
    description: {
      en: 'In a status report, every ministry tagging a status entry is named by at least one planned action of the same measure.',
      ja: '取組状況の報告で、取組状況の項目の【…】の府省庁が、同じ施策のいずれかの施策内容で担当とされていること。',
    },
    defaultSeverity: 'warn',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'ministry-not-responsible.md',
  },
  check(context) {
    const resolver = MinistryResolver.of(context.document, context.registry);
    const profile = context.document.profile;
    for (const measure of context.document.measures()) {
      const responsible = measureResponsibility(measure, resolver);
      if (responsible === null || responsible === 'everyone') continue;
      for (const block of measure.blocks) {
        if (!isReport(block) || !block.tag) continue;
        const planned = block.plannedActionIndex !== null ? measure.blocks[block.plannedActionIndex] : undefined;
        const firstPlanned = planned ?? measure.blocks.find((b) => b.kind === 'planned-action' && b.tag !== null);
        for (const name of block.tag.names) {
          const resolved = resolver.resolve(name);
          if (!resolved || responsible.has(resolved.key)) continue;
          const raw = firstPlanned?.tag?.raw;
          const related: RelatedDescriptor[] = firstPlanned
            ? [
                {
                  message: localized((l) =>
                    l === 'en'
                      ? `The planned action ${planned ? 'this entry reports on' : 'of this measure'} names ${raw ?? 'other ministries'}`
                      : `${planned ? 'この項目が報告する施策内容' : 'この施策の施策内容'}の担当は${raw ?? '他の府省庁'}です`,
                  ),
                  range: firstPlanned.tag?.range ?? firstPlanned.range,
                },
              ]
            : [];
          const who = name.form === 'definition' ? (name.abbreviation?.text ?? name.text) : name.text;
          context.report({
            message: localized((l) =>
              l === 'en'
                ? `'${who}' reports on measure ${measure.id}, but no planned action of this measure names the ${resolved.name} as responsible`
                : `「${who}」${fullNameAfter(who, resolvedLabel(resolved, l))}は施策${measureIdLabel(measure, profile, l)}の施策内容のいずれにも担当として挙げられていませんが、この施策について報告しています`,
            ),
            range: name.range,
            related,
          });
        }
      }
    }
  },
};

export default ministryNotResponsible;
