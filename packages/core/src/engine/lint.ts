/**
 * `lint(text, options)` and `lintAndFix(text, options)`: the engine's entry points.
 */
import { buildPlan } from '../model/build.js';
import { profileFor } from '../profile.js';
import { LineIndex } from '../positions.js';
import type { BuildOptions, LintOptions, LintResult, PlanDocument } from '../types.js';
import { ruleDocsUrl } from './docs.js';
import { applyFixes } from './fixes.js';
import { compareMessages, lintDocument, startRange } from './run.js';

const BOM = '\uFEFF';

/** A document with no structure, used only when the model builder itself fails. */
function emptyDocument(text: string): PlanDocument {
  const index = new LineIndex(text);
  return {
    text,
    kind: 'status-report',
    profile: profileFor(undefined),
    frontMatter: null,
    legend: null,
    sections: [],
    directives: [],
    problems: [],
    pointAt: (offset) => index.pointAt(offset),
    rangeAt: (start, end) => index.rangeAt(start, end),
    measure: () => undefined,
    measures: () => [],
    blocks: () => [],
    fiscalYear: null,
  };
}

/**
 * Lints one draft. Never throws: model problems become `parse` messages, a rule that
 * throws becomes one fatal `rule-crash` message and the other rules still run.
 * Positions refer to the text without a byte order mark (`result.source`).
 */
export function lint(text: string, options: LintOptions): LintResult {
  const source = typeof text === 'string' ? (text.startsWith(BOM) ? text.slice(1) : text) : '';
  let document: PlanDocument;
  try {
    const build: BuildOptions = {};
    if (options.config?.registry) build.registry = options.config.registry;
    if (options.config?.lang !== undefined) build.lang = options.config.lang;
    document = buildPlan(source, build);
  } catch (error) {
    document = emptyDocument(source);
    const result = lintDocument(document, { ...options, rules: [] });
    result.messages.push({
      ruleId: 'parse',
      severity: 'error',
      message: `${result.locale === 'ja' ? '原稿を読み込めませんでした' : 'The draft could not be read'}: ${error instanceof Error ? error.message : String(error)}`,
      range: startRange(),
      url: ruleDocsUrl('parse', result.locale),
      fatal: true,
    });
    result.messages.sort(compareMessages);
    result.errorCount++;
    return result;
  }
  return lintDocument(document, options);
}

export interface LintAndFixResult {
  /** The fixed text (BOM kept when the input had one). */
  output: string;
  /** The lint result of `output`. */
  result: LintResult;
  /** How many rounds of fixes were applied. */
  passes: number;
  /** Whether `output` differs from the input. */
  changed: boolean;
  /** How many fixes of each rule were applied, over every round. */
  fixedByRule: Record<string, number>;
}

/** Lints, applies the fixes, and lints again until nothing changes (at most `maxPasses` rounds of fixes). */
export function lintAndFix(text: string, options: LintOptions, maxPasses = 10): LintAndFixResult {
  let current = text;
  let result = lint(current, options);
  let passes = 0;
  const fixedByRule: Record<string, number> = {};
  while (passes < maxPasses) {
    const { output, applied } = applyFixes(current, result.messages);
    if (applied.length === 0 || output === current) break;
    passes++;
    for (const message of applied) fixedByRule[message.ruleId] = (fixedByRule[message.ruleId] ?? 0) + 1;
    current = output;
    result = lint(current, options);
  }
  return { output: current, result, passes, changed: current !== text, fixedByRule };
}
