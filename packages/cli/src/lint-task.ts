/**
 * Linting one draft, the same way in the main thread and in a worker (worker.ts), so that a run on the
 * worker pool gives exactly the results of a run in one thread.
 */
import type { AnyRule, LinkedDocuments, Linker, LintResult, PlanDocument, ResolvedConfig } from '@plan-lint/core';

type Core = typeof import('@plan-lint/core');

/** How many rounds of fixes `--fix` applies at most. */
export const MAX_FIX_PASSES = 10;

export interface LintTask {
  filePath: string;
  text: string;
  /** --fix or --fix-dry-run: apply fixes and lint the result. */
  fix: boolean;
  /** Keep the plan model in the result (the HTML report needs it; nothing else does). */
  keepDocument: boolean;
}

/** A lint result as it crosses threads: no plan model unless asked for, no source when it is the input text. */
export interface LintOutcome {
  result: Omit<LintResult, 'document' | 'source' | 'linked'> & { document?: PlanDocument; source?: string; linked?: LinkedDocuments };
  /** The fixed text (byte order mark kept), when fixing changed it. */
  output?: string;
  /** With `output`: how many fixes of each rule made it. */
  fixedByRule?: Record<string, number>;
}

/**
 * Lints one task. `linker` is the thread's for the run: a plan or previous report linked by many drafts is read
 * and modelled once per thread (each worker has its own; a model does not cross threads cheaper than it is
 * rebuilt from its text).
 */
export function runLintTask(core: Core, rules: readonly AnyRule[], config: ResolvedConfig, task: LintTask, linker: Linker): LintOutcome {
  const lintOptions = { filePath: task.filePath, config, rules, linker };
  let full: LintResult;
  let fixedText: Pick<LintOutcome, 'output' | 'fixedByRule'> | undefined;
  if (task.fix) {
    const fixed = core.lintAndFix(task.text, lintOptions, MAX_FIX_PASSES);
    full = fixed.result;
    if (fixed.changed && fixed.output !== task.text) fixedText = { output: keepBom(task.text, fixed.output), fixedByRule: fixed.fixedByRule };
  } else {
    full = core.lint(task.text, lintOptions);
  }
  const { document, source, linked, ...rest } = full;
  const result: LintOutcome['result'] = rest;
  if (task.keepDocument) {
    result.document = document;
    if (linked) result.linked = linked;
  }
  if (source !== task.text) result.source = source;
  return fixedText ? { result, ...fixedText } : { result };
}

function keepBom(original: string, output: string): string {
  const bom = '\uFEFF';
  if (original.startsWith(bom) && !output.startsWith(bom)) return bom + output;
  return output;
}
