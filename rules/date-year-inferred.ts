import type { Locale, Range, Rule, RuleMeta } from '@plan-lint/core';
import { localized } from '@plan-lint/core';
import { formatDate, rangeYears } from './lib/calendar.js';
import { cuesOf, isRecurring } from './lib/context.js';

export const meta: RuleMeta = {
  id: 'date-year-inferred',
  description: {
    en: 'Reports, as information, dates written without a year and the year they are read as.',
    ja: '年を書いていない日付（「10月28日」など）と、それを何年として読んだかを、情報として示します。',
  },
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
    const cues = cuesOf(context.document.profile.dateCues);
    /** readAs: how the date is read in a locale, or null when no year can be inferred. */
    const report = (raw: string, readAs: ((l: Locale) => string) | null, range: Range): void => {
      const message = localized((l) => {
        if (l === 'en') {
          return readAs === null
            ? `'${raw}' has no year, and none can be inferred from the text around it or the document's fiscal year`
            : `'${raw}' has no year; read as ${readAs(l)}`;
        }
        return readAs === null
          ? `「${raw}」には年が書かれておらず、前後の記述や文書の年度からも年を決められません。年を書いてください`
          : `「${raw}」には年が書かれていないため、${readAs(l)}と読みました`;
      });
      context.report({ message, range, severity: 'info' });
    };
    for (const block of context.document.blocks()) {
      for (const mention of block.dates) {
        if (mention.kind === 'date') {
          if (mention.date.year !== null || isRecurring(cues, block, mention)) continue;
          const y = mention.date.inferredYear;
          report(mention.raw, y === null ? null : (l) => formatDate(mention.date, y, l), mention.range);
        } else if (mention.kind === 'date-range') {
          const { start, end } = mention;
          // "from November 11 to 25, 2018": a year written on one end covers the whole range.
          if (start.year !== null || end.year !== null || isRecurring(cues, block, mention)) continue;
          const years = rangeYears(start, end);
          report(
            mention.raw,
            years === null
              ? null
              : (l) =>
                  l === 'en'
                    ? `${formatDate(start, years.startYear, l)} to ${formatDate(end, years.endYear, l)}`
                    : `${formatDate(start, years.startYear, l)}から${formatDate(end, years.endYear, l)}まで`,
            mention.range,
          );
        }
      }
    }
  },
};

export default dateYearInferred;
