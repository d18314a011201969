import type { LintMessage, LintResult, Locale, Registry, RuleMeta } from '@plan-lint/core';

/**
 * One linted file as the formatters see it. The plan model (`document`) is there only for the HTML report:
 * the other formats do not need it, and a run over many drafts does not keep every model.
 */
export interface CliResult extends Omit<LintResult, 'document' | 'linked'> {
  document?: LintResult['document'];
  /** The documents it links to (HTML report only, like `document`). */
  linked?: LintResult['linked'];
  /** Absolute path (or the --stdin-filename, resolved; "<stdin>" when none was given). */
  filePath: string;
  /** The fixed text (--fix-dry-run), when fixes changed it. */
  output?: string;
  /** The registry the file was linted with (ministry names for the HTML matrix). */
  registry?: Registry;
}

export interface FormatContext {
  cwd: string;
  /** ANSI colors allowed. */
  color: boolean;
  /** The language of the report's own words (reportLocale in report.ts). */
  locale: Locale;
  /** Metadata of every known rule, by id. */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Documentation Markdown of a rule (SARIF help) in the report's locale (else English), undefined when it cannot be read. */
  ruleDocs(id: string): string | undefined;
  /** The documentation URL of a rule (or engine message id) in the report's locale. */
  ruleUrl(id: string): string;
  /** plan-lint's version. */
  version: string;
  /** The exit code the run will end with (SARIF invocation). */
  exitCode: number;
  /** Current time, for reports that carry a date (injectable for tests). */
  now: Date;
}

export type Formatter = (results: readonly CliResult[], context: FormatContext) => string;

export type { LintMessage };
