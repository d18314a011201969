/** --fix: writing the fixed drafts back, each only if it still holds what was read. */
import type { Input } from './inputs.js';
import type { RunContext } from './io.js';
import { writeFixes } from './safe-io.js';

/** Writes every changed draft; returns how many could not be written (one line on stderr each). */
export async function writeFixedFiles({ io, debugLog }: RunContext, inputs: readonly Input[], outputs: readonly (string | undefined)[]): Promise<number> {
  let written = 0;
  let failures = 0;
  for (const [i, input] of inputs.entries()) {
    const output = outputs[i];
    if (output === undefined || input.fromStdin) continue;
    const problem =
      input.validUtf8 === false
        ? 'it is not valid UTF-8 (writing would replace the invalid bytes); nothing was written'
        : await writeFixes(input.filePath, output, input.original);
    if (problem === undefined) written++;
    else {
      io.stderr.write(`plan-lint: '${input.displayName || input.filePath}' was not fixed: ${problem}.\n`);
      failures++;
    }
  }
  debugLog(`fixed ${written} file(s)`);
  return failures;
}
