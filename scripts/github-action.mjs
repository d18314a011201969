#!/usr/bin/env node
/**
 * The script of the GitHub Action (action.yml at the repository root), run in the drafts repository (the
 * step's working directory) with the action's inputs as INPUT_* environment variables:
 *   INPUT_PATHS          drafts, separated by spaces or new lines (default ".")
 *   INPUT_FORMAT         the format printed in the log (default "github": annotations on the pull request)
 *   INPUT_MAX_WARNINGS   fail with more warnings than this (-1: no limit)
 *   INPUT_UPLOAD_SARIF   "true": also write $RUNNER_TEMP/plan-lint.sarif (the next step uploads it)
 *   INPUT_VERSION        the plan-lint to install when the repository has none (default: the action's version)
 * It runs the repository's own plan-lint (node_modules/.bin/plan-lint) when there is one, else installs
 * plan-lint into $RUNNER_TEMP. It writes the outputs exit-code, errors, warnings, sarif-file to $GITHUB_OUTPUT
 * and a summary to $GITHUB_STEP_SUMMARY, and exits with plan-lint's exit code (1 on errors: the step fails).
 * Tested locally with these variables set (tests/github-action.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const input = (name, fallback = '') => (env[`INPUT_${name}`] ?? '').trim() || fallback;
const temp = env.RUNNER_TEMP || path.resolve('.plan-lint-action');

/** A workflow command's message, escaped (https://docs.github.com/actions/reference/workflow-commands-for-github-actions). */
const fail = (message, code = 2) => {
  process.stdout.write(`::error title=plan-lint::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(code);
};

function appendTo(variable, text) {
  if (env[variable]) appendFileSync(env[variable], text);
}

/** The plan-lint command: the repository's own, or one installed into $RUNNER_TEMP. */
function planLint() {
  const local = path.resolve('node_modules/.bin/plan-lint');
  if (existsSync(local)) return local;
  const actionPackage = path.join(path.dirname(fileURLToPath(import.meta.url)), '../package.json');
  const version = input('VERSION', JSON.parse(readFileSync(actionPackage, 'utf8')).version);
  if (!/^[\w.^~<>=*|-]+$/.test(version)) fail(`Invalid version input '${version}'.`);
  const prefix = path.join(temp, 'plan-lint');
  mkdirSync(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `plan-lint@${version}`], { stdio: 'inherit' });
  if (r.status !== 0) fail(`Could not install plan-lint@${version} (npm exited ${r.status}).`);
  return path.join(prefix, 'node_modules/.bin/plan-lint');
}

const paths = input('PATHS', '.').split(/\s+/).filter(Boolean);
const format = input('FORMAT', 'github');
const maxWarnings = input('MAX_WARNINGS', '-1');
if (!/^-?\d+$/.test(maxWarnings)) fail(`max-warnings must be a whole number, not '${maxWarnings}'.`);
const uploadSarif = input('UPLOAD_SARIF', 'false');
if (uploadSarif !== 'true' && uploadSarif !== 'false') fail(`upload-sarif must be true or false, not '${uploadSarif}'.`);

const bin = planLint();
const common = ['--max-warnings', maxWarnings, '--', ...paths];
const run = (args, stdio) => {
  const r = spawnSync(process.execPath, [bin, ...args], { stdio, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) fail(`Could not run plan-lint: ${r.error.message}`);
  return r;
};

// 1. What the log shows (annotations by default); its exit code is the step's.
const shown = run(['-f', format, ...common], 'inherit');
const exitCode = shown.status ?? 2;

// 2. Counts and the summary from the JSON format; SARIF when asked.
mkdirSync(temp, { recursive: true });
const json = path.join(temp, 'plan-lint.json');
run(['-f', 'json', '-o', json, ...common], ['ignore', 'ignore', 'ignore']);
let results = [];
try {
  results = JSON.parse(readFileSync(json, 'utf8'));
} catch {
  // a usage or configuration error: plan-lint printed it in step 1
}
let sarifFile = '';
if (uploadSarif === 'true' && exitCode < 2) {
  sarifFile = path.join(temp, 'plan-lint.sarif');
  run(['-f', 'sarif', '-o', sarifFile, ...common], ['ignore', 'ignore', 'inherit']);
  if (!existsSync(sarifFile)) sarifFile = '';
}

const sum = (key) => results.reduce((n, r) => n + (r[key] ?? 0), 0);
const errors = sum('errorCount');
const warnings = sum('warningCount');
const infos = sum('infoCount');
appendTo('GITHUB_OUTPUT', `exit-code=${exitCode}\nerrors=${errors}\nwarnings=${warnings}\nsarif-file=${sarifFile}\n`);

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const SEVERITY = { 2: 'error', 1: 'warning', 0: 'info' };
const rows = [];
for (const r of results) {
  const file = path.relative(process.cwd(), r.filePath).split(path.sep).join('/') || r.filePath;
  for (const m of r.messages) rows.push(`| ${cell(file)}:${m.line}:${m.column} | ${SEVERITY[m.severity]} | ${cell(m.message)} | [${cell(m.ruleId)}](${m.url ?? ''}) |`);
}
const LIMIT = 100;
const summary = [
  `## plan-lint`,
  '',
  exitCode === 2 ? 'plan-lint could not lint the drafts: see the log.' : `${errors} error(s), ${warnings} warning(s), ${infos} info in ${results.length} file(s).`,
  '',
  ...(rows.length ? ['| where | severity | message | rule |', '|---|---|---|---|', ...rows.slice(0, LIMIT), ''] : []),
  ...(rows.length > LIMIT ? [`…and ${rows.length - LIMIT} more (see the log).`, ''] : []),
].join('\n');
appendTo('GITHUB_STEP_SUMMARY', `${summary}\n`);
process.exit(exitCode);
