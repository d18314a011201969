'use strict';
/**
 * Makes V8's code cache of the CLI bundle (run by scripts/build.mjs in a process of its own):
 *   node make-code-cache.cjs DIST/plan-lint.cjs REPOSITORY_ROOT
 * Loads the bundle without a cache under the V8 flags the command runs with (bin/load-bundle.cjs
 * applyV8Flags: V8 rejects a cache made under other flags), runs representative lints in this thread (the
 * real report when present, else the CLI fixtures; the stylish, JSON and fix paths), then writes
 * `plan-lint.cjs.cache` with the bytecode of every function that ran. Prints one line on success.
 */
const fs = require('node:fs');
const path = require('node:path');

const [bundleFile, root] = process.argv.slice(2);
if (!bundleFile || !root) {
  console.error('usage: node make-code-cache.cjs DIST/plan-lint.cjs REPOSITORY_ROOT');
  process.exit(2);
}
const { loadBundle, applyV8Flags } = require('../bin/load-bundle.cjs');

async function run() {
  applyV8Flags();
  const loaded = loadBundle(path.resolve(bundleFile), { produce: true });
  const cli = loaded.exports;
  const drafts = [path.join(root, 'seeds/fy2018-status-report.md'), path.join(root, 'fixtures/cli/project/drafts')].filter((p) =>
    fs.existsSync(p),
  );
  if (drafts.length === 0) throw new Error('no drafts to lint (seeds/fy2018-status-report.md, fixtures/cli/project/drafts)');
  let output = 0;
  const io = {
    cwd: root,
    env: { PLAN_LINT_WORKERS: '0' },
    stdout: { write: (s) => (output += s.length) },
    stderr: { write: (s) => (output += s.length) },
    readStdin: async () => '',
  };
  for (const args of [[], ['-f', 'json'], ['--fix-dry-run', '-f', 'json']]) {
    const code = await cli.main([...args, '--no-ignore', ...drafts], io);
    if (code !== 0 && code !== 1) throw new Error(`the lint for the code cache ended with exit code ${code}`);
  }
  if (output === 0) throw new Error('the lint for the code cache printed nothing');
  const bytes = loaded.makeCache();
  const target = `${path.resolve(bundleFile)}.cache`;
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, target);
  console.log(`code cache ${path.basename(target)} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}

run().catch((error) => {
  console.error(`plan-lint code cache: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
