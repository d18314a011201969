/**
 * What ESLint and markdownlint users reach for, on the built binary: --cache, '-' for standard input,
 * .markdown files in a folder, and the summary of what --fix changed.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConfig, createRegistry, loadDefaultRegistry } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { cacheKey } from '../packages/cli/src/cache.js';
import { buildCli, cleanTemps, FIXTURES, runCli, tempCopy, tempDir, type JsonResult } from './cli-helpers.js';

vi.setConfig({ testTimeout: 180_000 });

beforeAll(() => buildCli(), 180_000);
afterAll(() => cleanTemps());

const PROJECT = path.join(FIXTURES, 'project');
const PROBLEMS = readFileSync(path.join(PROJECT, 'drafts/problems.md'), 'utf8');

function parseJson(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

interface CacheShape {
  planLintCache: number;
  entries: Record<string, { key: string; result: { messages: { ruleId: string; message: string }[] } }>;
}

function readCache(file: string): CacheShape {
  return JSON.parse(readFileSync(file, 'utf8')) as CacheShape;
}

/** Rewrites every cached message text: a run that prints it took the result from the cache. */
function markCachedMessages(file: string): void {
  const cache = readCache(file);
  for (const entry of Object.values(cache.entries)) for (const m of entry.result.messages) m.message = `FROM CACHE ${m.message}`;
  writeFileSync(file, JSON.stringify(cache));
}

function messagesOf(stdout: string): string[] {
  return parseJson(stdout).flatMap((r) => r.messages.map((m) => m.message));
}

describe('--cache', () => {
  it('gives the same report as a run without it, and reuses a result while draft, config and registry are unchanged', () => {
    const dir = tempCopy('project');
    const plain = runCli(['-f', 'json', 'drafts'], { cwd: dir });
    const first = runCli(['-f', 'json', '--cache', 'drafts'], { cwd: dir });
    expect(first.stdout).toBe(plain.stdout);
    expect(first.code).toBe(plain.code);
    const cacheFile = path.join(dir, '.plan-lint-cache');
    expect(Object.keys(readCache(cacheFile).entries).sort()).toEqual(
      ['drafts/clean.md', 'drafts/problems.md', 'drafts/sub/nested.md'].map((f) => path.join(dir, f)),
    );
    markCachedMessages(cacheFile);
    const second = runCli(['-f', 'json', '--cache', 'drafts'], { cwd: dir });
    expect(messagesOf(second.stdout).length).toBeGreaterThan(0);
    expect(messagesOf(second.stdout).every((m) => m.startsWith('FROM CACHE '))).toBe(true);
    expect(second.code).toBe(plain.code);
  });

  it('lints a draft again when its text changes, and only that draft', () => {
    const dir = tempCopy('project');
    runCli(['--cache', 'drafts'], { cwd: dir });
    markCachedMessages(path.join(dir, '.plan-lint-cache'));
    writeFileSync(path.join(dir, 'drafts/problems.md'), PROBLEMS.replace('(MOJJ)', '(MOJ)'));
    const results = parseJson(runCli(['-f', 'json', '--cache', 'drafts'], { cwd: dir }).stdout);
    const problems = results.find((r) => r.filePath.endsWith('problems.md'));
    const nested = results.find((r) => r.filePath.endsWith('nested.md'));
    expect(problems?.messages.map((m) => [m.ruleId, m.message.startsWith('FROM CACHE')])).toEqual([['repeat-mention-format', false]]);
    expect(nested?.messages.every((m) => m.message.startsWith('FROM CACHE'))).toBe(true);
  });

  it('lints again when the configuration changes', () => {
    const dir = tempCopy('project');
    runCli(['--cache', 'drafts'], { cwd: dir });
    markCachedMessages(path.join(dir, '.plan-lint-cache'));
    writeFileSync(path.join(dir, '.plan-lint.json'), JSON.stringify({ extends: 'plan-lint:recommended', ignores: ['*.draft.md'], rules: { 'ministry-known': 'off' } }));
    const messages = parseJson(runCli(['-f', 'json', '--cache', 'drafts'], { cwd: dir }).stdout).flatMap((r) => r.messages);
    expect(messages.map((m) => m.ruleId)).not.toContain('ministry-known');
    expect(messages.some((m) => m.message.startsWith('FROM CACHE'))).toBe(false);
    // --rule on the command line is configuration too.
    markCachedMessages(path.join(dir, '.plan-lint-cache'));
    const withRule = runCli(['-f', 'json', '--cache', '--rule', 'repeat-mention-format:off', 'drafts'], { cwd: dir });
    expect(parseJson(withRule.stdout).flatMap((r) => r.messages)).toEqual([]);
  });

  it('lints again when a registry file the config names changes', () => {
    const dir = tempCopy('project');
    const registry = { version: 'test', bodies: [{ id: 'mojj', name: 'Ministry of Justice Japan', abbreviations: ['MOJX'], nameJa: '法務省別' }] };
    writeFileSync(path.join(dir, 'extra.json'), JSON.stringify(registry));
    writeFileSync(path.join(dir, '.plan-lint.json'), JSON.stringify({ ignores: ['*.draft.md'], registry: 'extra.json' }));
    const before = runCli(['-f', 'json', '--cache', 'drafts/problems.md'], { cwd: dir });
    expect(parseJson(before.stdout)[0]?.messages.map((m) => m.ruleId)).toContain('ministry-known');
    markCachedMessages(path.join(dir, '.plan-lint-cache'));
    registry.bodies[0]!.abbreviations = ['MOJJ'];
    writeFileSync(path.join(dir, 'extra.json'), JSON.stringify(registry));
    const after = parseJson(runCli(['-f', 'json', '--cache', 'drafts/problems.md'], { cwd: dir }).stdout)[0];
    expect(after?.messages.some((m) => m.message.startsWith('FROM CACHE'))).toBe(false);
    expect(after?.messages.map((m) => m.ruleId)).not.toContain('ministry-known');
  });

  it('ignores a corrupt cache and writes a good one in its place, atomically', () => {
    const dir = tempCopy('project');
    const plain = runCli(['-f', 'json', 'drafts'], { cwd: dir });
    for (const corrupt of ['{"planLintCache": 1, "entries": ', 'null', '[]', '{"planLintCache": 99, "entries": {}}', '\u0000\u0001']) {
      writeFileSync(path.join(dir, '.plan-lint-cache'), corrupt);
      const r = runCli(['-f', 'json', '--cache', 'drafts'], { cwd: dir });
      expect(r.stdout).toBe(plain.stdout);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(plain.code);
      expect(Object.keys(readCache(path.join(dir, '.plan-lint-cache')).entries)).toHaveLength(3);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--cache-location takes a file or a directory; without --cache it is a usage error', () => {
    const dir = tempCopy('project');
    mkdirSync(path.join(dir, 'caches'));
    runCli(['--cache', '--cache-location', 'caches/', 'drafts'], { cwd: dir });
    expect(existsSync(path.join(dir, 'caches/.plan-lint-cache'))).toBe(true);
    runCli(['--cache', '--cache-location', 'caches/mine.json', 'drafts'], { cwd: dir });
    expect(readCache(path.join(dir, 'caches/mine.json')).planLintCache).toBe(1);
    expect(existsSync(path.join(dir, '.plan-lint-cache'))).toBe(false);
    const r = runCli(['--cache-location', 'x', 'drafts'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('plan-lint: --cache-location is only meaningful with --cache.\n');
  });

  it('an unwritable cache location is a warning; the findings still decide the exit code', () => {
    const dir = tempCopy('project');
    const r = runCli(['--cache', '--cache-location', 'no/such/dir/cache.json', '-f', 'json', 'drafts'], { cwd: dir });
    expect(r.stderr).toMatch(/^plan-lint: warning: cannot write the cache 'no\/such\/dir\/cache\.json': no such file\.\n$/);
    expect(r.code).toBe(runCli(['-f', 'json', 'drafts'], { cwd: dir }).code);
  });

  it('--fix still fixes a draft whose cached result has fixes', () => {
    const dir = tempCopy('project');
    runCli(['--cache', 'drafts'], { cwd: dir });
    const r = runCli(['--cache', '--fix', 'drafts'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'drafts/problems.md'), 'utf8')).toContain('(MOJ)');
  });

  it('keys on plan-lint version, draft, configuration, registry content and linked documents', () => {
    const config = createConfig({ rules, extends: 'plan-lint:recommended' });
    const key = (overrides: Partial<{ version: string; file: string; text: string; config: typeof config; linked: { path: string; text: string }[] }> = {}): string =>
      cacheKey(overrides.version ?? '1.0.0', overrides.file ?? '/p/a.md', overrides.text ?? 'text', overrides.config ?? config, overrides.linked ?? []);
    const base = key();
    expect(key()).toBe(base);
    const registry = createRegistry({ bodies: [...loadDefaultRegistry().bodies, { id: 'x', name: 'X Agency', abbreviations: ['XA'], nameJa: 'X庁' }] });
    const variants = [
      key({ version: '1.0.1' }),
      key({ file: '/p/b.md' }),
      key({ text: 'text.' }),
      key({ config: createConfig({ rules, extends: 'plan-lint:strict' }) }),
      key({ config: createConfig({ rules, extends: 'plan-lint:recommended', registry }) }),
      key({ linked: [{ path: '/p/plan.md', text: 'plan' }] }),
      key({ linked: [{ path: '/p/plan.md', text: 'plan, revised' }] }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});

describe("'-' for standard input", () => {
  it('reads the draft from standard input like --stdin, with --stdin-filename for config and messages', () => {
    const dash = runCli(['-f', 'json', '--stdin-filename', 'drafts/typed.md', '-'], { cwd: PROJECT, input: PROBLEMS });
    const flag = runCli(['-f', 'json', '--stdin', '--stdin-filename', 'drafts/typed.md'], { cwd: PROJECT, input: PROBLEMS });
    expect(dash.stdout).toBe(flag.stdout);
    expect(dash.code).toBe(1);
    expect(parseJson(dash.stdout)[0]?.filePath).toBe(path.join(PROJECT, 'drafts/typed.md'));
    const ignored = runCli(['-f', 'json', '--stdin-filename', 'drafts/wip.draft.md', '-'], { cwd: PROJECT, input: PROBLEMS });
    expect(parseJson(ignored.stdout)).toEqual([]);
    const unnamed = runCli(['-f', 'json', '-'], { cwd: PROJECT, input: PROBLEMS });
    expect(parseJson(unnamed.stdout)[0]?.filePath).toBe('<stdin>');
  });

  it("refuses '-' together with files", () => {
    const r = runCli(['-', 'drafts/clean.md'], { cwd: PROJECT, input: PROBLEMS });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("plan-lint: '-' reads the text from standard input; do not also name files (drafts/clean.md).\n");
  });
});

describe('.markdown files', () => {
  it('are linted when walking a folder, beside .md files; other extensions are not', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'drafts'));
    writeFileSync(path.join(dir, 'drafts/a.markdown'), PROBLEMS);
    writeFileSync(path.join(dir, 'drafts/b.MARKDOWN'), PROBLEMS);
    writeFileSync(path.join(dir, 'drafts/c.md'), PROBLEMS);
    writeFileSync(path.join(dir, 'drafts/d.markdown.txt'), PROBLEMS);
    const r = runCli(['-f', 'json', 'drafts'], { cwd: dir });
    expect(parseJson(r.stdout).map((x) => path.basename(x.filePath))).toEqual(['a.markdown', 'b.MARKDOWN', 'c.md']);
    expect(parseJson(r.stdout)[0]?.messages.map((m) => m.ruleId)).toEqual(['ministry-known', 'repeat-mention-format']);
  });

  it('a folder with only .markdown files is not "no Markdown files"', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'only.markdown'), PROBLEMS);
    expect(runCli(['-f', 'json', '.'], { cwd: dir }).code).toBe(1);
    const empty = tempDir();
    writeFileSync(path.join(empty, 'notes.txt'), 'x');
    expect(runCli(['.'], { cwd: empty }).stderr).toBe("plan-lint: No Markdown (*.md, *.markdown) files found in '.'.\n");
  });
});

describe('summary of --fix', () => {
  it('says on stderr, per file, how many fixes of which rules, and a total; stdout keeps the report', () => {
    const dir = tempCopy('project');
    const r = runCli(['--fix', '-f', 'json', 'drafts'], { cwd: dir });
    expect(r.stderr).toBe(
      [
        'plan-lint: fixed 2 problems in drafts/problems.md (ministry-known: 1, repeat-mention-format: 1)',
        'plan-lint: fixed 2 problems in drafts/sub/nested.md (ministry-known: 1, repeat-mention-format: 1)',
        'plan-lint: fixed 4 problems in 2 of 3 files.',
        '',
      ].join('\n'),
    );
    expect(parseJson(r.stdout).flatMap((x) => x.messages)).toEqual([]);
    const again = runCli(['--fix', 'drafts'], { cwd: dir });
    expect(again.stderr).toBe('plan-lint: fixed 0 problems in 0 of 3 files.\n');
  });

  it('--fix-dry-run says what would be fixed; sarif on stdout stays valid', () => {
    const dir = tempCopy('project');
    const r = runCli(['--fix-dry-run', '-f', 'sarif', 'drafts/problems.md'], { cwd: dir });
    expect(r.stderr).toBe(
      'plan-lint: would fix 2 problems in drafts/problems.md (ministry-known: 1, repeat-mention-format: 1)\nplan-lint: would fix 2 problems in 1 of 1 file.\n',
    );
    expect((JSON.parse(r.stdout) as { version: string }).version).toBe('2.1.0');
    expect(readFileSync(path.join(dir, 'drafts/problems.md'), 'utf8')).toBe(PROBLEMS);
  });

  it('does not count a file that could not be written', () => {
    const dir = tempCopy('project');
    chmodSync(path.join(dir, 'drafts/problems.md'), 0o444);
    const r = runCli(['--fix', 'drafts/problems.md'], { cwd: dir });
    expect(r.stderr).toBe(
      "plan-lint: 'drafts/problems.md' was not fixed: the file is read-only; nothing was written.\nplan-lint: fixed 0 problems in 0 of 1 file.\n",
    );
    expect(r.code).toBe(2);
  });
});
