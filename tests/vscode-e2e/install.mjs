#!/usr/bin/env node
/**
 * Installs the end-to-end harness (code-server 4.100.3 = VS Code 1.100.3, playwright-core) into
 * tests/vscode-e2e/node_modules, apart from the repository's own install.
 *
 * code-server's own postinstall cannot run here as it is: its ripgrep download needs the internet.
 * So: `npm ci --ignore-scripts`, then code-server's postinstall.sh with scripts still off for the
 * VS Code dependencies it installs, then the native modules rebuilt from source, and Debian's `rg`
 * in place of the downloaded ripgrep. A marker records the lock file it installed, so a second run
 * with the same lock does nothing.
 *
 * Needs: chromium, ripgrep, a C/C++ toolchain and libkrb5-dev (apt-get install -y chromium ripgrep
 * build-essential python3 libkrb5-dev); exits 2 with that message when one is missing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MARKER = path.join(HERE, 'node_modules/.plan-lint-e2e-installed');
const CODE_SERVER = path.join(HERE, 'node_modules/code-server');
const VSCODE = path.join(CODE_SERVER, 'lib/vscode');
/** VS Code's native modules (compiled against this Node) and code-server's own. */
const VSCODE_NATIVE = ['kerberos', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher'];
const CODE_SERVER_NATIVE = ['argon2'];

/** Resolves a command on PATH, or undefined. */
function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The Debian packages the install and the test need; the missing ones, by package name. */
export function missingSystemPackages() {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!which('rg')) missing.push('ripgrep');
  if (!which('make') || !which('g++')) missing.push('build-essential');
  if (!which('python3')) missing.push('python3');
  if (!which('krb5-config')) missing.push('libkrb5-dev');
  return missing;
}

function run(command, args, cwd, env = {}) {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${path.relative(HERE, cwd) || '.'}) failed with exit code ${r.status ?? r.signal}`);
  }
  console.log(`  ${command} ${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function lockHash() {
  return createHash('sha256').update(readFileSync(path.join(HERE, 'package-lock.json'))).digest('hex');
}

/** Installs unless the marker says this lock file is installed already. Returns true when it installed. */
export function install() {
  const hash = lockHash();
  if (existsSync(MARKER) && readFileSync(MARKER, 'utf8').trim() === hash) return false;
  const missing = missingSystemPackages();
  if (missing.length) {
    const error = new Error(`missing system packages for the VS Code end-to-end test: apt-get install -y ${missing.join(' ')}`);
    error.exitCode = 2;
    throw error;
  }
  rmSync(MARKER, { force: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const quiet = ['--no-audit', '--no-fund'];
  console.log('Installing the VS Code end-to-end harness (code-server, playwright-core) in tests/vscode-e2e ...');
  run(npm, ['ci', '--ignore-scripts', ...quiet], HERE);
  run(npm, ['rebuild', ...CODE_SERVER_NATIVE], HERE);
  // code-server's postinstall: installs VS Code's and the built-in extensions' dependencies and makes
  // its links; npm_config_ignore_scripts keeps those installs from running ripgrep's download.
  const userAgent = `npm/${spawnSync(npm, ['--version'], { encoding: 'utf8' }).stdout.trim()} node/${process.version} ${process.platform} ${process.arch}`;
  run('sh', ['./postinstall.sh'], CODE_SERVER, {
    npm_config_user_agent: userAgent,
    npm_config_unsafe_perm: 'true',
    npm_config_ignore_scripts: 'true',
  });
  // node-pty's own post-install step runs `npx node-gyp`; npm_config_yes lets it fetch node-gyp unasked.
  run(npm, ['rebuild', ...VSCODE_NATIVE], VSCODE, { npm_config_ignore_scripts: 'false', npm_config_yes: 'true' });
  const rg = path.join(VSCODE, 'node_modules/@vscode/ripgrep/bin/rg');
  mkdirSync(path.dirname(rg), { recursive: true });
  rmSync(rg, { force: true });
  symlinkSync(which('rg'), rg);
  writeFileSync(MARKER, `${hash}\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const started = Date.now();
    console.log(install() ? `installed in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already installed');
  } catch (error) {
    console.error(`vscode-e2e install: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error?.exitCode ?? 1);
  }
}
