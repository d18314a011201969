import { readFileSync } from 'node:fs';
import { ENGINE_MESSAGE_IDS, type AnyRule, type Locale } from '@plan-lint/core';

// --- ministries, coverage, front matter ---
import { measureResponsibility } from './measure-responsibility.js';
import { ministryKnown } from './ministry-known.js';
import { ministryDefinition } from './ministry-definition.js';
import { ministryExistence } from './ministry-existence.js';
import { ministryNotResponsible } from './ministry-not-responsible.js';
import { statusCoverage } from './status-coverage.js';
import { statusEntryTag } from './status-entry-tag.js';
import { frontMatter } from './front-matter.js';

// --- repeat mentions, dates, numbering, duplicates ---
import { repeatMentionTarget } from './repeat-mention-target.js';
import { repeatMentionFormat } from './repeat-mention-format.js';
import { repeatMentionMinistries } from './repeat-mention-ministries.js';
import { repeatMentionDescription } from './repeat-mention-description.js';
import { dateValid } from './date-valid.js';
import { dateFiscalYear } from './date-fiscal-year.js';
import { dateReportYear } from './date-report-year.js';
import { fiscalYearStyle } from './fiscal-year-style.js';
import { dateYearInferred } from './date-year-inferred.js';
import { numbering } from './numbering.js';
import { duplicateReport } from './duplicate-report.js';

// --- across documents: the plan, the previous report ---
import { documentLink } from './document-link.js';
import { planMeasures } from './plan-measures.js';
import { planTitle } from './plan-title.js';
import { planActionText } from './plan-action-text.js';
import { planMinistries } from './plan-ministries.js';
import { previousCopiedEntry } from './previous-copied-entry.js';
import { previousYearDate } from './previous-year-date.js';
import { previousMeasureDropped } from './previous-measure-dropped.js';
import { previousMeasureChanged } from './previous-measure-changed.js';

// --- a translation and its original ---
import { translationStructure } from './translation-structure.js';
import { translationEntry } from './translation-entry.js';

/** Every rule of plan-lint, in documentation order. */
export const rules: readonly AnyRule[] = [
  // --- ministries, coverage, front matter ---
  measureResponsibility,
  ministryKnown,
  ministryDefinition,
  ministryExistence,
  ministryNotResponsible,
  statusCoverage,
  statusEntryTag,
  frontMatter,
  // --- repeat mentions, dates, numbering, duplicates ---
  repeatMentionTarget,
  repeatMentionFormat,
  repeatMentionMinistries,
  repeatMentionDescription,
  dateValid,
  dateFiscalYear,
  dateReportYear,
  fiscalYearStyle,
  dateYearInferred,
  numbering,
  duplicateReport,
  // --- across documents: the plan, the previous report ---
  documentLink,
  planMeasures,
  planTitle,
  planActionText,
  planMinistries,
  previousCopiedEntry,
  previousYearDate,
  previousMeasureDropped,
  previousMeasureChanged,
  // --- a translation and its original ---
  translationStructure,
  translationEntry,
];

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((r) => [r.meta.id, r]));

// Where each rule's documentation is: `<id>.md` beside this module — `rules/<id>.md` from the sources, and
// `dist/<id>.md` in the package (the build copies them there, scripts/package-data.mjs); the Japanese page is
// `<id>.ja.md` beside it. The engine's own messages (parse, unused-disable-directive, ...) are documented
// together in `directives.md` (`directives.ja.md`). `plan-lint --explain <id>` reads these files, so it works
// offline; diagnostics link to the documentation site instead (`ruleDocsUrl` of @plan-lint/core).

/** The documentation file of a rule or engine message id in a locale, or undefined for an id that is neither. */
export function ruleDocsFile(id: string, locale: Locale = 'en'): URL | undefined {
  const docs = rulesById.get(id)?.meta.docs ?? ((ENGINE_MESSAGE_IDS as readonly string[]).includes(id) ? 'directives.md' : undefined);
  if (docs === undefined) return undefined;
  return new URL(locale === 'en' ? docs : docs.replace(/\.md$/, `.${locale}.md`), import.meta.url);
}

/** The Markdown documentation of a rule or engine message id in a locale; undefined when there is none (or it cannot be read). */
export function readRuleDocs(id: string, locale: Locale = 'en'): string | undefined {
  const file = ruleDocsFile(id, locale);
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
