/**
 * Hostile inputs through the built CLI, as child processes. Big inputs are generated
 * into a temporary directory at test time. Each case checks the outcome a user sees:
 * the exit code, a clear one-line message where one is due, and never a stack trace.
 * The time bound is only a hang guard; linearity is measured by scripts/hostile-timing.mjs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCli, ROOT } from './cli-helpers.js';

const SEED = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const HOSTILE = path.join(ROOT, 'fixtures/hostile');
/** Hang guard only (the machine may be shared); real timings come from scripts/hostile-timing.mjs. */
const HANG_GUARD_MS = 60_000;

let dir: string;
beforeAll(() => {
  buildCli();
  dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-hostile-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], input?: string | Buffer): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started });
    });
    child.stdin.end(input ?? '');
  });
}

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return name;
}

/** What every hostile run must satisfy. */
function expectSane(r: Run, codes: number[] = [0, 1, 2]): void {
  expect(r.ms, 'hang guard').toBeLessThan(HANG_GUARD_MS);
  expect(codes, `exit code ${r.code}; stderr: ${r.stderr.slice(0, 500)}`).toContain(r.code);
  expect(r.stderr, 'no stack trace on stderr').not.toMatch(/^\s{4}at /m);
  expect(r.stderr).not.toMatch(/internal error|Maximum call stack|heap out of memory/i);
  expect(r.stdout + r.stderr).not.toMatch(/rule-crash|could not read this draft|please report this as a bug/);
}

const HEAD = '## 1. Section\n\n### (i) Measure\n\nShall be done. (National Police Agency)\n\n';

describe('hostile inputs through the CLI', () => {
  it('refuses a binary file with one line and exit 2, and still lints the other files', async () => {
    const bytes = randomBytes(64 * 1024);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = 0;
    file('binary.md', bytes);
    file('fine.md', HEAD + '- Done in July 2018. (NPA)\n');
    const r = await run(['--format', 'json', 'binary.md', 'fine.md']);
    expectSane(r, [2]);
    expect(r.stderr.trim().split('\n')).toEqual(["plan-lint: 'binary.md' is not a text file (it contains NUL bytes); not linted."]);
    const results = JSON.parse(r.stdout) as { filePath: string }[];
    expect(results.map((x) => path.basename(x.filePath))).toEqual(['fine.md']);
    // The same on standard input.
    const s = await run(['--stdin'], bytes);
    expectSane(s, [2]);
    expect(s.stderr).toMatch(/^plan-lint: The standard input is not text \(it contains NUL bytes\)/);
  });

  it('lints invalid UTF-8 with a warning, and --fix does not write it back', async () => {
    copyFileSync(path.join(HOSTILE, 'invalid-utf8.md'), path.join(dir, 'invalid-utf8.md'));
    const before = readFileSync(path.join(dir, 'invalid-utf8.md'));
    const r = await run(['invalid-utf8.md']);
    expectSane(r, [0, 1]);
    expect(r.stderr).toContain("plan-lint: warning: 'invalid-utf8.md' is not valid UTF-8; invalid bytes are read as U+FFFD.");
    const f = await run(['--fix', 'invalid-utf8.md']);
    expectSane(f, [2]);
    expect(f.stderr).toContain("'invalid-utf8.md' was not fixed: it is not valid UTF-8");
    expect(readFileSync(path.join(dir, 'invalid-utf8.md')).equals(before)).toBe(true);
  });

  it('reads 20,000 nested blockquotes and lists as text past 32 levels, with one parse message', async () => {
    for (const [name, text] of [
      ['quotes.md', HEAD + '>'.repeat(20_000) + ' deep (NPA)\n'],
      ['lists.md', HEAD + '- '.repeat(20_000) + 'deep (NPA)\n'],
      ['quote-lines.md', HEAD + Array.from({ length: 1_000 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n') + '\n'],
      ['indented-lists.md', HEAD + Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- item (NPA)').join('\n') + '\n'],
    ] as const) {
      file(name, text);
      const r = await run(['--format', 'json', name]);
      expectSane(r, [1]);
      const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string; line: number }[] }[];
      const parse = result!.messages.filter((m) => m.ruleId === 'parse');
      expect(parse, name).toHaveLength(1);
      expect(parse[0]!.message).toMatch(/nest more than 32 levels deep; plan-lint reads the deeper markers as plain text/);
    }
  });

  it('survives a line of 200,000 "(" and a numeral of 100,000 characters', async () => {
    const parens = await run([file('parens.md', HEAD + '- ' + '('.repeat(200_000) + '\n')]);
    expectSane(parens, [0, 1]);
    const numeral = await run(['--format', 'json', file('numeral.md', '## 1. S\n\n### (' + 'i'.repeat(100_000) + ') M\n\nShall. (National Police Agency)\n\n- x (NPA)\n')]);
    expectSane(numeral, [1]);
    const [result] = JSON.parse(numeral.stdout) as { messages: { ruleId: string; message: string }[] }[];
    const numbering = result!.messages.find((m) => m.ruleId === 'numbering');
    expect(numbering?.message).toMatch(/not a lowercase roman numeral/);
    // No message quotes 100,000 characters (the measure id "1-(iii…)" included): they are cut to 500.
    for (const m of result!.messages) expect(m.message.length, m.ruleId).toBeLessThanOrEqual(500);
    const stylish = await run([file('numeral2.md', '## 1. S\n\n### (' + 'i'.repeat(100_000) + ') M\n\n- x (NPA)\n')]);
    expectSane(stylish, [1]);
    expect(Math.max(...stylish.stdout.split('\n').map((l) => l.length))).toBeLessThan(1_000);
  });

  it('survives a tag with 50,000 names', async () => {
    const names = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? 'NPA' : 'MOJJ')).join(', ');
    const r = await run(['--format', 'json', file('tag.md', HEAD + `- Did it. (${names})\n`)]);
    expectSane(r, [0, 1]);
    expect(r.stdout.length).toBeLessThan(5_000_000);
  });

  it('lints a 5 MB draft (the report repeated)', async () => {
    const r = await run(['--format', 'json', file('big.md', SEED.repeat(Math.ceil(5_000_000 / SEED.length)))]);
    expectSane(r, [1]);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[];
    // The structure is read: every repetition restarts the section numbers.
    expect(result!.messages.some((m) => m.ruleId === 'numbering' && /Expected section 7 after section 6, found 1/.test(m.message))).toBe(true);
  }, 120_000);

  it('reports broken and unclosed front matter on the front matter, without crashing', async () => {
    copyFileSync(path.join(HOSTILE, 'broken-front-matter.md'), path.join(dir, 'broken.md'));
    copyFileSync(path.join(HOSTILE, 'unclosed-front-matter.md'), path.join(dir, 'unclosed.md'));
    const r = await run(['--format', 'json', 'broken.md', 'unclosed.md']);
    expectSane(r, [1]);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    for (const result of results) {
      const fm = result.messages.filter((m) => m.ruleId === 'front-matter');
      expect(fm.length, result.filePath).toBeGreaterThan(0);
      expect(fm.every((m) => m.line <= 7)).toBe(true);
    }
    // A huge front matter is refused with a message, not parsed for minutes.
    const huge = await run(['--format', 'json', file('huge-fm.md', '---\n' + Array.from({ length: 40_000 }, (_, i) => `k${i}: value`).join('\n') + '\n---\n' + HEAD)]);
    expectSane(huge, [1]);
    expect(huge.stdout).toMatch(/Front matter is \d+ KB long; plan-lint reads front matter of at most 64 KB/);
  });

  it('reads a 1 MB paragraph of unclosed emphasis and links as plain text, keeping its tag', async () => {
    const soup = HEAD + '- ' + '*a _b [c](d `e a*b '.repeat(55_000) + '(MOJJ)\n';
    const r = await run(['--format', 'json', file('soup.md', soup)]);
    expectSane(r, [1]);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[];
    // Still a status entry whose tag is read: the misspelt abbreviation is reported.
    expect(result!.messages.some((m) => m.ruleId === 'ministry-known' && m.message.includes("'MOJJ'"))).toBe(true);
  });

  it('survives thousands of directives and unclosed comments', async () => {
    const directives = HEAD + Array.from({ length: 5_000 }, (_, i) => `<!-- plan-lint-disable-next-line ministry-known rule-${i} -->\n- Did it (NPAA)\n`).join('\n');
    const r = await run([file('directives.md', directives)]);
    expectSane(r, [0, 1]);
    const unclosed = await run([file('unclosed-comments.md', HEAD + '<!-- plan-lint-disable x ' + '<!--'.repeat(50_000) + '\n')]);
    expectSane(unclosed, [0, 1]);
  });
});
