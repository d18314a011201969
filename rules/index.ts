import type { AnyRule } from '@plan-lint/core';

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
];

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((r) => [r.meta.id, r]));
