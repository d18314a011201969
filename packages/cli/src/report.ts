/** The end of a run: its exit code, and the report in the chosen format on stdout or in --output-file. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './args.js';
import { shouldColor } from './colors.js';
import { errnoReason, writeFailure, type RunContext } from './io.js';
import { writeFileAtomic } from './atomic.js';
import type { Locale } from '@plan-lint/core';
import type { CliResult, FormatContext } from './types.js';
import { version } from './version.js';

type Core = typeof import('@plan-lint/core');
type RulesModule = typeof import('@plan-lint/rules');

/**
 * 2 when a file could not be linted or fixed, 1 for errors or more warnings than --max-warnings (counted
 * before --quiet hides them), else 0.
 */
export function exitCodeOf(run: RunContext, results: readonly CliResult[], inputFailures: number): number {
  const errorCount = results.reduce((n, r) => n + r.errorCount, 0);
  return inputFailures > 0 ? 2 : errorCount > 0 || tooManyWarnings(run, results) !== undefined ? 1 : 0;
}

/** The number of warnings when there are more than --max-warnings, else undefined. */
function tooManyWarnings({ options }: RunContext, results: readonly CliResult[]): number | undefined {
  const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
  return options.maxWarnings >= 0 && warningCount > options.maxWarnings ? warningCount : undefined;
}

/**
 * The language of the report's own words (summary, headings): --locale when given, else Japanese when every draft
 * was linted in Japanese, else English.
 */
export function reportLocale(asked: Locale | undefined, results: readonly CliResult[]): Locale {
  if (asked !== undefined) return asked;
  return results.length > 0 && results.every((r) => r.locale === 'ja') ? 'ja' : 'en';
}

/** Formats the results and writes the report (and the --max-warnings notice). */
export async function writeReport(run: RunContext, core: Core, { rules, readRuleDocs }: RulesModule, results: readonly CliResult[], exitCode: number): Promise<void> {
  const { options, io } = run;
  const shown = options.quiet ? results.map(errorsOnly) : results;
  const { loadFormatter } = await import('./formatters/index.js');
  const formatter = await loadFormatter(options.format);
  const toFile = options.outputFile !== undefined;
  const locale = reportLocale(options.locale, results);
  const context: FormatContext = {
    cwd: io.cwd,
    color: toFile ? options.color === true : shouldColor(options.color, io.env, io.stdout.isTTY === true),
    locale,
    rules: new Map(rules.map((r) => [r.meta.id, r.meta])),
    ruleDocs: (id) => readRuleDocs(id, locale),
    ruleUrl: (id) => core.ruleDocsUrl(id, locale),
    version: version(),
    exitCode,
    now: new Date(),
  };
  const report = formatter(shown, context);
  if (options.outputFile !== undefined) {
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, report);
    } catch (error) {
      throw new UsageError(`Cannot write the report to '${options.outputFile}': ${errnoReason(error)}.`);
    }
  } else if (report !== '') {
    // A reader that stops early (`| head`) is not an error: the exit code stays the findings' (io.ts).
    const failure = writeFailure(await io.stdout.write(report));
    if (failure) throw new UsageError(`Cannot write the report to standard output: ${errnoReason(failure)}.`);
  }
  const warnings = tooManyWarnings(run, results);
  if (warnings !== undefined) {
    io.stderr.write(
      locale === 'ja'
        ? `plan-lint: 警告が多すぎます（上限${options.maxWarnings}件に対し${warnings}件）。\n`
        : `plan-lint found too many warnings (maximum: ${options.maxWarnings}, found: ${warnings}).\n`,
    );
  }
}

function errorsOnly(result: CliResult): CliResult {
  const messages = result.messages.filter((m) => m.severity === 'error');
  return {
    ...result,
    messages,
    suppressedMessages: result.suppressedMessages.filter((m) => m.severity === 'error'),
    warningCount: 0,
    infoCount: 0,
    fixableWarningCount: 0,
  };
}
