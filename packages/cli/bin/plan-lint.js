#!/usr/bin/env node
'use strict';
// The plan-lint command. A committed shim so that npm can link the binary before the build.
// It runs the bundle dist/plan-lint.cjs (built by `npm run build`: packages/cli/scripts/build.mjs) through
// load-bundle.cjs, with V8's code cache made at build time, which starts fast; or the compiled dist/main.js
// when the bundle is missing or older than a `tsc -b` of the packages it bundles (mid-development: the
// bundle would run stale code).
// CommonJS (bin/package.json): an ES module entry would start Node's ES module loader, ~15-25 ms of CPU.
const { statSync } = require('node:fs');
const path = require('node:path');
const { loadBundle, applyV8Flags } = require('./load-bundle.cjs');

// Before any of plan-lint is compiled (V8's interrupt budget, the code cache's checksum; see load-bundle.cjs).
applyV8Flags();

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
      const loaded = loadBundle(path.join(__dirname, '../dist/plan-lint.cjs'));
      cli = loaded.exports;
      cli.noteStartup(`code cache ${loaded.codeCache} (bundle: ${loaded.timing})`);
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
