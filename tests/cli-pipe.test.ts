/**
 * The built `plan-lint` binary writing to a standard output that goes away (`| head`) or cannot take the
 * report (a full disk): a reader that stops early is not an error (no stack trace, the findings' exit code);
 * a report that cannot be written is exit 2 with one line on stderr.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, buildCli, cleanTemps, FIXTURES, ROOT, runCli } from './cli-helpers.js';

vi.setConfig({ testTimeout: 180_000 });

beforeAll(() => buildCli(), 180_000);
afterAll(() => cleanTemps());

const CLEAN_DRAFT = path.join(FIXTURES, 'warnings-only/report.md');

/** Runs the binary with its stdout on a pipe whose read end this process closes before anything is written. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a standard output closed early', () => {
  it('`plan-lint -f json seeds/ | head -c 100` ends quietly with the exit code of the findings', () => {
    const full = runCli(['-f', 'json', 'seeds/']);
    expect(full.code).toBe(1); // the real report has one error
    expect(full.stdout.length).toBeGreaterThan(64 * 1024); // more than a pipe holds: head closes it mid-report
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" -f json seeds/ | head -c 100; exit "\${PIPESTATUS[0]}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(piped.stdout).toBe(full.stdout.slice(0, 100));
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(1);
  });

  it('a draft without errors still exits 0 when nobody reads the report', async () => {
    expect(runCli(['-f', 'json', CLEAN_DRAFT]).code).toBe(0);
    const closed = await runWithClosedStdout(['-f', 'json', CLEAN_DRAFT]);
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
  });

  it('so does --help', async () => {
    const closed = await runWithClosedStdout(['--help']);
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
  });
});

describe('a standard output that cannot take the report', () => {
  it.skipIf(!existsSync('/dev/full'))('is exit 2 with one line on stderr, not a stack trace', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" -f json seeds/ > /dev/full`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('plan-lint: Cannot write the report to standard output: no space left on the device.\n');
    expect(result.status).toBe(2);
  });
});
