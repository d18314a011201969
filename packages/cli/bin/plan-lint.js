#!/usr/bin/env node
'use strict';
// The plan-lint command. A committed shim so that npm can link the binary before the build.
// It runs the bundle dist/plan-lint.cjs (built by `npm run build`: packages/cli/scripts/build.mjs), which starts
// fast. In this repository it runs the compiled dist/main.js instead while the bundle is missing or older than a
// `tsc -b` of the packages it bundles (mid-development: the bundle would run stale code); an installed package
// has no sources and always runs its bundle.
// CommonJS (bin/package.json): an ES module entry would start Node's ES module loader, ~15-25 ms of CPU.
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

// V8's interrupt budget x4, set before anything of plan-lint is compiled. V8 optimizes a function once it has
// run for an "interrupt budget" of bytecode; a lint is short, and with the default (66 KB) V8 spends much of a
// run optimizing micromark's parser and throwing the work away: ~25% less CPU for one report
// (docs/benchmarks.md). Process-wide, so worker threads get it too. A budget the user gave wins.
if (![...process.execArgv, process.env.NODE_OPTIONS || ''].some((a) => a.includes('interrupt-budget'))) {
  require('node:v8').setFlagsFromString('--interrupt-budget=262144');
}

const mtime = (relative) => {
  try {
    return statSync(path.join(__dirname, relative)).mtimeMs;
  } catch {
    return undefined;
  }
};

function freshBundle() {
  const bundle = mtime('../dist/plan-lint.cjs');
  if (bundle === undefined) return false;
  if (!existsSync(path.join(__dirname, '../src/main.ts'))) return true; // installed: no sources to be newer
  for (const input of ['../dist/.tsbuildinfo', '../../core/dist/.tsbuildinfo', '../../../rules/dist/.tsbuildinfo']) {
    const built = mtime(input);
    if (built !== undefined && built > bundle) return false;
  }
  return true;
}

async function start() {
  let cli;
  try {
    if (freshBundle()) {
      const started = process.hrtime.bigint();
      cli = require('../dist/plan-lint.cjs');
      cli.noteStartup(`bundle loaded in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`);
    } else {
      cli = await import('../dist/main.js');
    }
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
}

void start();
