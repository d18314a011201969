import type { Range, Rule, RuleMeta } from '@plan-lint/core';
import { formatDate, rangeYears } from './lib/calendar.js';
import { isRecurring } from './lib/context.js';

export const meta: RuleMeta = {
  id: 'date-year-inferred',
  description: 'Reports, as information, dates written without a year and the year they are read as.',
  defaultSeverity: 'info',
  recommended: true,
  fixable: false,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['plan', 'status-report'],
  docs: 'date-year-inferred.md',
};

export const dateYearInferred: Rule = {
  meta,
  check(context) {
    const report = (raw: string, readAs: string | null, range: Range): void => {
      const message =
        readAs === null
          ? `'${raw}' has no year, and none can be inferred from the text around it or the document's fiscal year`
          : `'${raw}' has no year; read as ${readAs}`;
      context.report({ message, range, severity: 'info' });
    };
    for (const block of context.document.blocks()) {
      for (const mention of block.dates) {
        if (mention.kind === 'date') {
          if (mention.date.year !== null || isRecurring(block, mention)) continue;
          const y = mention.date.inferredYear;
          report(mention.raw, y === null ? null : formatDate(mention.date, y), mention.range);
        } else if (mention.kind === 'date-range') {
          const { start, end } = mention;
          // "from November 11 to 25, 2018": a year written on one end covers the whole range.
          if (start.year !== null || end.year !== null || isRecurring(block, mention)) continue;
          const years = rangeYears(start, end);
          report(
            mention.raw,
            years === null ? null : `${formatDate(start, years.startYear)} to ${formatDate(end, years.endYear)}`,
            mention.range,
          );
        }
      }
    }
  },
};

export default dateYearInferred;
