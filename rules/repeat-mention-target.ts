import type { Rule, RuleMeta } from '@plan-lint/core';
import { measureLabel, repeatLabel } from '@plan-lint/core';
import { canonicalMeasureId, repeatBlocks, sectionsNumbered, targetMeasure, targetReferenceRange } from './lib/repeat.js';

export const meta: RuleMeta = {
  id: 'repeat-mention-target',
  description: 'The section and measure named by "Repeat mention S - (r):" exist and are not the entry\'s own measure.',
  defaultSeverity: 'error',
  recommended: true,
  fixable: false,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['status-report'],
  docs: 'repeat-mention-target.md',
};

function describeSections(numbers: number[]): string {
  if (numbers.length === 0) return 'the document has no sections';
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  if (sorted.length === 1) return `the document has only section ${sorted[0]}`;
  return `the document has sections ${sorted[0]} to ${sorted[sorted.length - 1]}`;
}

export const repeatMentionTarget: Rule = {
  meta,
  check(context) {
    const { document } = context;
    for (const { block, repeat } of repeatBlocks(document)) {
      const profile = document.profile;
      const prefix = repeatLabel(profile, repeat.sectionNumber, repeat.numeral);
      const label = (numeral: string) => measureLabel(profile, numeral);
      const range = targetReferenceRange(document, repeat);
      const sections = sectionsNumbered(document, repeat.sectionNumber);
      if (sections.length === 0) {
        context.report({
          message: `${prefix}: there is no section ${repeat.sectionNumber}; ${describeSections(document.sections.map((s) => s.number))}`,
          range,
        });
        continue;
      }
      const target = targetMeasure(document, repeat);
      if (!target) {
        const measures = sections.flatMap((s) => s.measures);
        const first = measures[0];
        const last = measures[measures.length - 1];
        const has =
          !first || !last
            ? 'it has no measures'
            : first === last
              ? `it has only ${label(first.numeral)}`
              : `it has ${label(first.numeral)} to ${label(last.numeral)}`;
        context.report({
          message: `${prefix}: section ${repeat.sectionNumber} has no measure ${label(repeat.numeral)}; ${has}`,
          range,
          related: sections.map((s) => ({ message: `Section ${s.number}`, range: s.heading })),
        });
        continue;
      }
      const targetId = canonicalMeasureId(target);
      const ownId = block.measureId.trim().toLowerCase();
      if (targetId === ownId) {
        context.report({
          message: `${prefix} points to its own measure ${targetId}; a repeat mention must name the other measure where the activity is reported`,
          range,
          related: [{ message: `Measure ${targetId}`, range: target.heading }],
        });
      }
    }
  },
};

export default repeatMentionTarget;
