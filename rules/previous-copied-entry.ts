import type { Rule } from '@plan-lint/core';
import { copiedEntries, relatedIn, reportLabel } from './lib/link.js';

/** A status entry is new this year, not last year's pasted again. */
export const previousCopiedEntry: Rule = {
  meta: {
    id: 'previous-copied-entry',
    description:
      "In a status report linked to the previous fiscal year's report ('previous:'), no status entry repeats one of last year's word for word, or with only the years changed.",
    defaultSeverity: 'warn',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'previous-copied-entry.md',
  },
  check(context) {
    const linked = context.linked?.previous;
    if (!linked) return;
    const label = reportLabel(linked.document);
    for (const copy of copiedEntries(context.document, linked.document)) {
      context.report({
        message: copy.exact
          ? `This status entry is copied unchanged from ${label} (measure ${copy.previousMeasureId}); report what was done this fiscal year`
          : `This status entry has the words of ${label}'s entry under measure ${copy.previousMeasureId} with only the years changed; report what was done this fiscal year`,
        range: copy.block.range,
        related: [relatedIn(linked, copy.previous.range, `The entry in ${label} (${linked.displayPath})`)],
      });
    }
  },
};

export default previousCopiedEntry;
