#!/usr/bin/env node
/**
 * `npm run test:vscode`: installs the harness on first run (tests/vscode-e2e/install.mjs), builds the
 * extension's .vsix (`npm run package:vscode`), then runs vscode.e2e.mjs with node's test runner.
 * Prints how long each part took. Exit code: the test runner's (0 passed, 1 failed), or 2 when the
 * harness cannot be installed.
 *
 *   --no-package   use the .vsix already built in packages/vscode (e.g. to try an older build)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { install } from './install.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const started = Date.now();

try {
  const installed = install();
  console.log(installed ? `harness installed in ${seconds(started)}` : 'harness already installed');
} catch (error) {
  console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error?.exitCode ?? 2);
}

if (!process.argv.includes('--no-package')) {
  const packaging = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '--silent', 'package:vscode'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('test:vscode: npm run package:vscode failed');
    process.exit(1);
  }
  console.log(`extension packaged in ${seconds(packaging)}`);
}

const testing = Date.now();
const test = spawnSync(process.execPath, ['--test', '--test-reporter=spec', path.join(HERE, 'vscode.e2e.mjs')], { cwd: ROOT, stdio: 'inherit' });
console.log(`end-to-end test ran in ${seconds(testing)}; whole run ${seconds(started)}`);
process.exit(test.status ?? 1);
