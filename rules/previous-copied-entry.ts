import { localized, type Rule } from '@plan-lint/core';
import { copiedEntries, measureNumberJa, relatedIn, reportLabel } from './lib/link.js';

/** A status entry is new this year, not last year's pasted again. */
export const previousCopiedEntry: Rule = {
  meta: {
    id: 'previous-copied-entry',
    description: {
      en: "In a status report linked to the previous fiscal year's report ('previous:'), no status entry repeats one of last year's word for word, or with only the years changed.",
      ja: '前年度の報告を指定した（「previous:」）取組状況の報告で、前年度の取組状況の項目をそのまま又は年だけ変えて写していないこと。',
    },
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
    const labelJa = reportLabel(linked.document, 'ja');
    for (const copy of copiedEntries(context.document, linked.document)) {
      const measureJa = `施策${measureNumberJa(copy.previousMeasure)}`;
      context.report({
        message: localized((l) => {
          if (l === 'ja')
            return copy.exact
              ? `この取組状況は${labelJa}（${measureJa}）の記載と同じです。今年度に実施したことを記載してください`
              : `この取組状況は${labelJa}の${measureJa}の記載から年だけを変えたものです。今年度に実施したことを記載してください`;
          return copy.exact
            ? `This status entry is copied unchanged from ${label} (measure ${copy.previousMeasure.id}); report what was done this fiscal year`
            : `This status entry has the words of ${label}'s entry under measure ${copy.previousMeasure.id} with only the years changed; report what was done this fiscal year`;
        }),
        range: copy.block.range,
        related: [relatedIn(linked, copy.previous.range, { en: `The entry in ${label} (${linked.displayPath})`, ja: `${labelJa}（${linked.displayPath}）の記載` })],
      });
    }
  },
};

export default previousCopiedEntry;
