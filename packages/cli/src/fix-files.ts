/**
 * --fix: writing the fixed drafts back, each only if it still holds what was read; and, for --fix and
 * --fix-dry-run, a summary on stderr of what was (or would be) fixed: per file, how many fixes of which
 * rules, then a total line. On stderr so that json and sarif on stdout stay machine-readable.
 */
import { plural } from './formatters/util.js';
import type { Input } from './inputs.js';
import type { RunContext } from './io.js';
import type { FixedText } from './lint-inputs.js';
import { writeFixes } from './safe-io.js';

/** Writes every changed draft; returns which were written (index → true) and how many could not be. */
export async function writeFixedFiles(
  { io, debugLog }: RunContext,
  inputs: readonly Input[],
  fixed: readonly (FixedText | undefined)[],
): Promise<{ written: boolean[]; failures: number }> {
  const written: boolean[] = [];
  let failures = 0;
  for (const [i, input] of inputs.entries()) {
    const output = fixed[i]?.output;
    if (output === undefined || input.fromStdin) continue;
    const problem =
      input.validUtf8 === false
        ? 'it is not valid UTF-8 (writing would replace the invalid bytes); nothing was written'
        : await writeFixes(input.filePath, output, input.original);
    if (problem === undefined) written[i] = true;
    else {
      io.stderr.write(`plan-lint: '${input.displayName || input.filePath}' was not fixed: ${problem}.\n`);
      failures++;
    }
  }
  debugLog(`fixed ${written.filter(Boolean).length} file(s)`);
  return { written, failures };
}

/**
 * The summary: "plan-lint: fixed 3 problems in drafts/a.md (ministry-known: 2, repeat-mention-format: 1)" for
 * each file changed (`applied(i)`: whether input i's fixes count), then "plan-lint: fixed 3 problems in 1 of
 * 2 files." (--fix-dry-run: "would fix").
 */
export function reportFixes(
  { io, options }: RunContext,
  inputs: readonly Input[],
  fixed: readonly (FixedText | undefined)[],
  applied: (index: number) => boolean,
): void {
  const verb = options.fixDryRun ? 'would fix' : 'fixed';
  let problems = 0;
  let files = 0;
  for (const [i, input] of inputs.entries()) {
    const byRule = fixed[i]?.fixedByRule;
    if (byRule === undefined || !applied(i)) continue;
    const rules = Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const count = rules.reduce((n, [, c]) => n + c, 0);
    problems += count;
    files++;
    const name = input.displayName || input.filePath;
    io.stderr.write(`plan-lint: ${verb} ${plural(count, 'problem')} in ${name} (${rules.map(([id, c]) => `${id}: ${c}`).join(', ')})\n`);
  }
  io.stderr.write(`plan-lint: ${verb} ${plural(problems, 'problem')} in ${files} of ${plural(inputs.length, 'file')}.\n`);
}
