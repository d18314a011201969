'use strict';
/**
 * Loads the CLI bundle `dist/plan-lint.cjs` (one CommonJS file, ASCII only, built by scripts/build.mjs) through
 * `vm.Script` with V8's code cache `dist/plan-lint.cjs.cache`, made at build time after a representative lint
 * (so it holds the bytecode of the functions a lint runs, not only of the top level). Node 20 has no
 * `module.enableCompileCache`; without a cache, V8 parses and compiles the 1.1 MB bundle at every start.
 *
 * The cache is used only when it was made for this very bundle (its header names the id that ends the
 * bundle, a hash of the bundle's text) and V8 accepts it: V8 checks its own version, the V8 flags, the
 * source's length and, under --verify-snapshot-checksum (applyV8Flags), the data's checksum. Anything else
 * (no cache, a truncated or corrupt one, another build's, another Node, other V8 flags) falls back silently
 * to compiling the source, with the same results. The cache is never written at run time: a read-only
 * install works, and a run cannot leave a bad cache behind.
 *
 * Used by bin/plan-lint.js (the command), dist/plan-lint-worker.cjs (a lint worker thread) and the build
 * (scripts/build.mjs makes the cache with `produce`).
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

/** Header of a cache file: this line, then the bundle's id (ID_LENGTH ASCII characters), then V8's data. */
const MAGIC = 'plan-lint code cache v1\n';
/** The bundle's last line names its id (a hash of its text, written by the build). */
const ID_LINE = '\n//# planLintBundleId=';
const ID_LENGTH = 16;

/** The id of a bundle's text (the build appends `${ID_LINE}${id}\n`; load-bundle only compares ids). */
function bundleId(text) {
  return require('node:crypto').createHash('sha256').update(text, 'latin1').digest('hex').slice(0, ID_LENGTH);
}

/** The id a bundle's source ends with, if any. */
function idOf(source) {
  const at = source.length - ID_LENGTH - 1 - ID_LINE.length;
  return at >= 0 && source.startsWith(ID_LINE, at) ? source.slice(at + ID_LINE.length, at + ID_LINE.length + ID_LENGTH) : undefined;
}

/**
 * Reads the cache of the bundle with id `id`: V8's data when the header matches, else why it is not used.
 * @returns {{ data?: Buffer, reason?: string }}
 */
function readCache(cacheFile, id) {
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFile);
  } catch {
    return { reason: 'missing' };
  }
  const header = MAGIC.length + ID_LENGTH;
  if (bytes.length <= header || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return { reason: 'corrupt' };
  if (id === undefined || bytes.toString('latin1', MAGIC.length, header) !== id) return { reason: 'stale (made for another build of the bundle)' };
  return { data: bytes.subarray(header) };
}

/** Node's CommonJS wrapper: the bundle sees the same `require`, `module`, `__filename` as under require(). */
function wrap(source) {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/**
 * Loads the bundle and returns its exports and what became of the code cache:
 *   codeCache: 'accepted' | 'rejected' (V8 refused it) | 'missing' | 'corrupt' | 'stale' ... (a short phrase)
 * With `produce: true` no cache is read; `makeCache()` then returns the cache file's bytes for what ran so far.
 * @param {string} bundleFile absolute path of dist/plan-lint.cjs
 * @param {{ produce?: boolean }} [options]
 */
function loadBundle(bundleFile, options = {}) {
  const t0 = process.hrtime.bigint();
  // The bundle is ASCII (the build escapes the rest): read as latin1, no UTF-8 decoding, a one-byte string for V8.
  const source = fs.readFileSync(bundleFile, 'latin1');
  let codeCache = 'not used';
  let cachedData;
  if (!options.produce && process.env.PLAN_LINT_CODE_CACHE !== '0') {
    const read = readCache(`${bundleFile}.cache`, idOf(source));
    cachedData = read.data;
    codeCache = read.reason ?? 'accepted';
  }
  const t1 = process.hrtime.bigint();
  const script = new vm.Script(wrap(source), { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  if (cachedData && script.cachedDataRejected) codeCache = 'rejected';
  const t2 = process.hrtime.bigint();
  const mod = { exports: {}, id: bundleFile, filename: bundleFile, loaded: false };
  script.runInThisContext()(mod.exports, createRequire(bundleFile), mod, bundleFile, path.dirname(bundleFile));
  mod.loaded = true;
  const t3 = process.hrtime.bigint();
  const ms = (a, b) => (Number(b - a) / 1e6).toFixed(1);
  /** For --debug: where loading the bundle went. */
  const timing = `read ${ms(t0, t1)} ms, compile ${ms(t1, t2)} ms, evaluate ${ms(t2, t3)} ms`;
  const makeCache = () => {
    const id = idOf(source);
    if (id === undefined) throw new Error(`${bundleFile} has no bundle id line`);
    return Buffer.concat([Buffer.from(MAGIC + id, 'latin1'), script.createCachedData()]);
  };
  return { exports: mod.exports, codeCache, timing, makeCache };
}

/**
 * V8's interrupt budget x4 (--interrupt-budget=262144), set before anything of plan-lint is compiled. V8
 * optimizes a function once it has run for an "interrupt budget" of bytecode; a lint is short, and with the
 * default (66 KB) V8 spends much of a run optimizing micromark's parser and throwing the work away: ~25% less
 * CPU for one report (docs/benchmarks.md). Process-wide, so worker threads get it too. A budget the user
 * gave (node --interrupt-budget=N, NODE_OPTIONS) wins. The build makes the code cache under the same flags
 * (V8 rejects a cache made under others).
 */
function applyV8Flags() {
  const v8 = require('node:v8');
  // V8 then checks the checksum of a code cache and rejects a corrupt one (by default it checks only the
  // lengths, its version and the flags: a damaged cache could crash the process). The flag is part of V8's
  // flag hash, so a cache made under it is accepted only where V8 checks it, whoever loads the bundle.
  v8.setFlagsFromString('--verify-snapshot-checksum');
  if (![...process.execArgv, process.env.NODE_OPTIONS || ''].some((a) => a.includes('interrupt-budget'))) {
    v8.setFlagsFromString('--interrupt-budget=262144');
  }
}

module.exports = { loadBundle, applyV8Flags, bundleId, ID_LINE };
