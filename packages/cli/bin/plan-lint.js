#!/usr/bin/env node
// The plan-lint command. A committed shim so that npm can link the binary before the build.
// It runs the bundle dist/plan-lint.mjs (built by `npm run build`: packages/cli/scripts/build.mjs), which
// starts fast, or the compiled dist/main.js when the bundle is missing or older than a `tsc -b` of the
// packages it bundles (mid-development: the bundle would run stale code).
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 optimizes a function once it has run for an "interrupt budget" of bytecode. A lint is short: with
// the default (66 KB), V8 spends much of a run optimizing micromark's parser and throwing the work away.
// Four times the budget: ~25% less CPU for one report, a little less for a hundred (docs/benchmarks.md).
// Set before any of plan-lint is loaded; process-wide, so worker threads get it too. A budget given by
// the user (node --interrupt-budget=N, NODE_OPTIONS) wins.
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('interrupt-budget'))) {
  setFlagsFromString('--interrupt-budget=262144');
}

const here = new URL('./', import.meta.url);
const mtime = (relative) => {
  try {
    return statSync(new URL(relative, here)).mtimeMs;
  } catch {
    return undefined;
  }
};

function freshBundle() {
  const bundle = mtime('../dist/plan-lint.mjs');
  if (bundle === undefined) return false;
  for (const input of ['../dist/.tsbuildinfo', '../../core/dist/.tsbuildinfo', '../../../rules/dist/.tsbuildinfo']) {
    const built = mtime(input);
    if (built !== undefined && built > bundle) return false;
  }
  return true;
}

let cli;
try {
  cli = freshBundle() ? await import('../dist/plan-lint.mjs') : await import('../dist/main.js');
} catch (error) {
  const missing = error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist');
  process.stderr.write(
    missing
      ? 'plan-lint: the command is not built yet; run `npm run build` (tsc -b) in the repository first\n'
      : `plan-lint: could not start: ${error && error.message ? error.message : error}\n`,
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
