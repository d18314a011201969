/** Helpers for the CLI tests: build once, run the built binary as a child process, temp copies. */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = path.join(ROOT, 'packages/cli/bin/plan-lint.js');
export const FIXTURES = path.join(ROOT, 'fixtures/cli');

let built = false;
/** `tsc -b packages/cli` (builds core and rules too), once per test file. */
export function buildCli(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli'], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {}): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  // Deterministic output: no colors unless a test asks for them.
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env['FORCE_COLOR'];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const temps: string[] = [];
/** A temporary copy of fixtures/cli/<name> (removed by cleanTemps). */
export function tempCopy(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-cli-'));
  temps.push(dir);
  const target = path.join(dir, name);
  cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-cli-'));
  temps.push(dir);
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface JsonMessage {
  ruleId: string;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
}
