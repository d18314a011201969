/**
 * `plan-lint --fix` writes safely: atomically (a temporary file in the same directory,
 * then a rename; none left behind), keeping line endings, the byte order mark and the
 * file mode; never over a file that changed on disk since it was read; never over a
 * read-only file (a clear error, exit 2, nothing lost).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFixes } from '../packages/cli/src/safe-io.js';
import { buildCli, cleanTemps, ROOT, runCli, tempDir } from './cli-helpers.js';

const DRAFT = [
  '## 1. Section',
  '',
  '### (i) Measure',
  '',
  'Shall be done. (National Police Agency)',
  '',
  '### (ii) Other',
  '',
  'Shall be done. (National Police Agency)',
  '',
  '- Repeat mention 1 – (i): Measure (NPA)',
  '',
].join('\n');
const FIXED = DRAFT.replace('Repeat mention 1 – (i)', 'Repeat mention 1 - (i)');

beforeAll(() => buildCli(), 120_000);
afterEach(() => cleanTemps());

function setup(content: string | Buffer, name = 'draft.md'): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

const listing = (dir: string) => readdirSync(dir).sort();

describe('--fix writes safely', () => {
  it('writes the fix atomically and leaves no temporary file', () => {
    const { dir, file } = setup(DRAFT);
    const r = runCli(['--fix', 'draft.md'], { cwd: dir });
    expect([0, 1], r.stderr).toContain(r.code); // fixed; other findings may remain
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(listing(dir)).toEqual(['draft.md']);
    // Atomic: the file was replaced (a new inode), not rewritten in place.
    const { file: other } = setup(DRAFT);
    const before = statSync(other).ino;
    runCli(['--fix', other], { cwd: path.dirname(other) });
    expect(statSync(other).ino).not.toBe(before);
  });

  it('keeps CRLF line endings, the byte order mark and the file mode', () => {
    const crlf = '\uFEFF' + DRAFT.replace(/\n/g, '\r\n');
    const { dir, file } = setup(crlf);
    chmodSync(file, 0o640);
    const r = runCli(['--fix', 'draft.md'], { cwd: dir });
    expect([0, 1], r.stderr).toContain(r.code); // fixed; other findings may remain
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFF' + FIXED.replace(/\n/g, '\r\n'));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(listing(dir)).toEqual(['draft.md']);
  });

  it('fixes through a symbolic link without replacing the link', () => {
    const { dir, file } = setup(DRAFT, 'real.md');
    symlinkSync('real.md', path.join(dir, 'link.md'));
    const r = runCli(['--fix', 'link.md'], { cwd: dir });
    expect([0, 1], r.stderr).toContain(r.code); // fixed; other findings may remain
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
    expect(statSync(path.join(dir, 'link.md'), { throwIfNoEntry: true }).isFile()).toBe(true);
  });

  it('refuses a read-only file with one clear line and exit 2; nothing is lost', () => {
    const { dir, file } = setup(DRAFT);
    writeFileSync(path.join(dir, 'other.md'), DRAFT);
    chmodSync(file, 0o444);
    const r = runCli(['--fix', 'draft.md', 'other.md'], { cwd: dir });
    expect(r.code).toBe(2);
    // One line for the file not fixed; then the summary of what --fix changed (only other.md).
    expect(r.stderr.trim().split('\n')).toEqual([
      "plan-lint: 'draft.md' was not fixed: the file is read-only; nothing was written.",
      'plan-lint: fixed 1 problem in other.md (repeat-mention-format: 1)',
      'plan-lint: fixed 1 problem in 1 of 2 files.',
    ]);
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
    expect(readFileSync(file, 'utf8')).toBe(DRAFT);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    // The other file was still fixed, and no temporary file is left.
    expect(readFileSync(path.join(dir, 'other.md'), 'utf8')).toBe(FIXED);
    expect(listing(dir)).toEqual(['draft.md', 'other.md']);
  });

  it('does not overwrite a file that changed on disk since it was read', async () => {
    const { dir, file } = setup(DRAFT);
    const edited = DRAFT + '\n- Added by the drafter meanwhile. (NPA)\n';
    writeFileSync(file, edited);
    // The bytes read were DRAFT; the file now holds the drafter's edit.
    const reason = await writeFixes(file, FIXED, Buffer.from(DRAFT));
    expect(reason).toBe('file changed on disk during the run; not written');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(listing(dir)).toEqual(['draft.md']);
    // Unchanged: written.
    expect(await writeFixes(file, FIXED, Buffer.from(edited))).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    // Deleted meanwhile: not recreated.
    rmSync(file);
    expect(await writeFixes(file, FIXED, Buffer.from(FIXED))).toMatch(/not written|nothing was written/);
    expect(listing(dir)).toEqual([]);
  });

  it('the CLI reports a file edited while it was linting, exit 2, and keeps the edit', async () => {
    // A draft big enough that linting takes a while; edit it once the CLI has read it.
    const big = DRAFT + readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '').repeat(12);
    const { dir, file } = setup(big);
    const edited = big + '\n- Added by the drafter meanwhile. (NPA)\n';
    const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/plan-lint.js'), '--fix', '--debug', 'draft.md'], { cwd: dir });
    let stderr = '';
    let editedAt: Promise<void> | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!editedAt && /file\(s\) to lint/.test(stderr)) {
        editedAt = new Promise((resolve) => setTimeout(() => {
          writeFileSync(file, edited);
          resolve();
        }, 400));
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await editedAt;
    expect(stderr).toContain("plan-lint: 'draft.md' was not fixed: file changed on disk during the run; not written.");
    expect(code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(listing(dir)).toEqual(['draft.md']);
  }, 120_000);
});
