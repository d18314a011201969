/**
 * Table-driven rule tests over fixtures/<rule-id>/ (format: docs/architecture.md#fixtures).
 *
 *   <name>.md              a draft; names start with valid- (no messages) or invalid-
 *   <name>.expected.json   { "options"?: {...}, "severity"?: "info"|"warn"|"error",
 *                            "messages": [{ "ruleId", "line", "column", "endLine", "endColumn", "severity"?, "message"? }] }
 *                          (a Japanese draft, "-ja-" in its name, gives each message's text: its messages are in Japanese)
 *                          (may be left out for valid- drafts: no messages)
 *   <name>.fixed.md        the text after lintAndFix with only the rule enabled (required when a fix changes the draft)
 *
 * Each draft is linted with only its rule enabled, at the expected file's "severity" or else the rule's
 * default severity ("error" for a rule that is off by default), with "options". Messages are compared
 * exactly, in order. The fixed text must be exactly <name>.fixed.md, have no fixable message of the rule
 * left and no message (rule id + text) that the draft did not have.
 *
 * Writing expected files: `UPDATE_FIXTURES=1 npx vitest run tests/rule-fixtures.test.ts` writes the
 * MISSING .expected.json / .fixed.md files from the current output (never overwrites). Read what it wrote
 * before committing: a fixture is only worth what its expectation says.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createConfig, createLinker, didYouMean, lint, lintAndFix, type AnyRule, type LintMessage, type LintOptions, type Severity } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = path.join(ROOT, 'fixtures');
const RULES_DIR = path.join(ROOT, 'rules');
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';
const MIN_VALID = 3;
const MIN_INVALID = 5;
/** Fixture folders of other suites (model builder, language server, ...) and the documents drafts link to (linked/), not rules. */
const NON_RULE_DIRS = new Set(['linked', 'model', 'lsp', 'cli', 'server', 'html', 'config', 'engine', 'seeds', 'hostile']);

interface ExpectedMessage {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: LintMessage['severity'];
  /** The message text, compared when given (Japanese drafts give it: their messages are in Japanese). */
  message?: string;
}
interface Expected {
  options?: Record<string, unknown>;
  severity?: Severity;
  messages: ExpectedMessage[];
}

const byId = new Map<string, AnyRule>(rules.map((r) => [r.meta.id, r]));
const dirs = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((d) => statSync(path.join(FIXTURES, d)).isDirectory()).sort()
  : [];
const ruleDirs = dirs.filter((d) => !NON_RULE_DIRS.has(d));

function drafts(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** One linker for every fixture: a document that drafts link to (fixtures/linked/) is read once. */
const linker = createLinker();

/** Drafts are linted at their path, with fixtures/ as the project: `plan: ../linked/plan.md` is followed. */
function lintOptions(rule: AnyRule, expected: Expected | undefined, filePath: string): LintOptions {
  const defaultSeverity = rule.meta.defaultSeverity === 'off' ? 'error' : rule.meta.defaultSeverity;
  const severity = expected?.severity ?? defaultSeverity;
  const config = createConfig({
    rules,
    settings: { [rule.meta.id]: expected?.options ? [severity, expected.options] : severity },
  });
  return { rules, config: { ...config, links: { root: FIXTURES } }, filePath, linker };
}

function shape(m: LintMessage, withSeverity: boolean, withMessage = false): ExpectedMessage {
  const s: ExpectedMessage = {
    ruleId: m.ruleId,
    line: m.range.start.line,
    column: m.range.start.column,
    endLine: m.range.end.line,
    endColumn: m.range.end.column,
  };
  if (withSeverity) s.severity = m.severity;
  if (withMessage) s.message = m.message;
  return s;
}

/** A Japanese draft: "-ja-" (or "ja-" first) in its name. */
function isJapanese(name: string): boolean {
  return /(^|-)ja-/.test(name);
}

function readJson(file: string): Expected {
  const value = JSON.parse(readFileSync(file, 'utf8')) as Expected;
  if (!value || !Array.isArray(value.messages)) throw new Error(`${path.relative(ROOT, file)}: needs a "messages" list`);
  return value;
}

describe('fixture folders', () => {
  it('every fixture folder names a known rule', () => {
    const unknown = ruleDirs
      .filter((d) => !byId.has(d))
      .map((d) => {
        const guess = didYouMean(d, byId.keys());
        return `fixtures/${d}: no rule has the id '${d}'${guess ? ` (did you mean '${guess}'?)` : ''}`;
      });
    expect(unknown, `non-rule folders allowed: ${[...NON_RULE_DIRS].join(', ')}`).toEqual([]);
  });

  it(`every rule has at least ${MIN_VALID} valid-* and ${MIN_INVALID} invalid-* fixtures`, () => {
    const short: string[] = [];
    for (const rule of rules) {
      const id = rule.meta.id;
      const names = existsSync(path.join(FIXTURES, id)) ? drafts(id) : [];
      const valid = names.filter((n) => n.startsWith('valid-')).length;
      const invalid = names.filter((n) => n.startsWith('invalid-')).length;
      if (valid < MIN_VALID || invalid < MIN_INVALID) short.push(`${id}: ${valid} valid (need ${MIN_VALID}), ${invalid} invalid (need ${MIN_INVALID})`);
    }
    expect(short).toEqual([]);
  });

  it('every rule has a valid and an invalid Japanese draft (-ja- in the name), its messages in Japanese', () => {
    const missing: string[] = [];
    for (const rule of rules) {
      const id = rule.meta.id;
      const names = existsSync(path.join(FIXTURES, id)) ? drafts(id).filter(isJapanese) : [];
      for (const kind of ['valid-', 'invalid-'])
        if (!names.some((n) => n.startsWith(kind))) missing.push(`${id}: no ${kind}…-ja-… draft`);
    }
    expect(missing).toEqual([]);
  });

  it('every draft is named valid-* or invalid-*', () => {
    const odd = ruleDirs.flatMap((d) => drafts(d).filter((n) => !/^(valid|invalid)-/.test(n)).map((n) => `fixtures/${d}/${n}.md`));
    expect(odd).toEqual([]);
  });

  it('every .fixed.md and .expected.json belongs to a draft', () => {
    const orphans: string[] = [];
    for (const d of ruleDirs) {
      const names = new Set(drafts(d));
      for (const f of readdirSync(path.join(FIXTURES, d))) {
        const m = /^(.*)\.(fixed\.md|expected\.json)$/.exec(f);
        if (m && !names.has(m[1] ?? '')) orphans.push(`fixtures/${d}/${f}`);
      }
    }
    expect(orphans).toEqual([]);
  });
});

const cases = ruleDirs.filter((d) => byId.has(d)).flatMap((d) => drafts(d).map((name) => ({ id: d, name })));

describe.each(cases)('fixtures/$id/$name', ({ id, name }) => {
  const rule = byId.get(id)!;
  const base = path.join(FIXTURES, id, name);
  const text = readFileSync(`${base}.md`, 'utf8');
  const expectedFile = `${base}.expected.json`;
  const fixedFile = `${base}.fixed.md`;

  it('reports exactly the expected messages', () => {
    let expected: Expected | undefined;
    if (existsSync(expectedFile)) expected = readJson(expectedFile);
    else if (name.startsWith('valid-')) expected = { messages: [] };
    const result = lint(text, lintOptions(rule, expected, `${base}.md`));
    if (!expected) {
      if (!UPDATE) throw new Error(`missing ${path.relative(ROOT, expectedFile)} (UPDATE_FIXTURES=1 writes it from the current output)`);
      expected = { messages: result.messages.map((m) => shape(m, false, isJapanese(name))) };
      writeFileSync(expectedFile, `${JSON.stringify(expected, null, 2)}\n`);
    }
    if (name.startsWith('valid-')) expect(expected.messages, 'a valid- draft expects no messages').toEqual([]);
    else expect(expected.messages.length, 'an invalid- draft expects at least one message').toBeGreaterThan(0);
    if (isJapanese(name))
      expect(
        expected.messages.filter((m) => m.message === undefined),
        'a Japanese draft (-ja- in its name) gives the text of each expected message',
      ).toEqual([]);
    const actual = result.messages.map((m, i) => shape(m, expected.messages[i]?.severity !== undefined, expected.messages[i]?.message !== undefined));
    expect(actual, result.messages.map((m) => `${m.range.start.line}:${m.range.start.column} ${m.ruleId}: ${m.message}`).join('\n')).toEqual(
      expected.messages,
    );
  });

  it('fixes to exactly the .fixed.md text, leaving nothing fixable and nothing new', () => {
    const expected = existsSync(expectedFile) ? readJson(expectedFile) : undefined;
    const options = lintOptions(rule, expected, `${base}.md`);
    const original = lint(text, options);
    const fixed = lintAndFix(text, options);
    if (!existsSync(fixedFile)) {
      if (fixed.changed && UPDATE) writeFileSync(fixedFile, fixed.output);
      else expect(fixed.changed, `the fix changes the draft: add ${path.relative(ROOT, fixedFile)}`).toBe(false);
      return;
    }
    const want = readFileSync(fixedFile, 'utf8');
    expect(want, `${path.relative(ROOT, fixedFile)} is the same as the draft: a fix must change the text`).not.toBe(text);
    expect(fixed.output).toBe(want);
    const after = lint(want, options);
    const fixable = after.messages.filter((m) => m.ruleId === id && m.fix);
    expect(fixable.map((m) => `${m.range.start.line}:${m.range.start.column} ${m.message}`), 'fixable messages left after fixing').toEqual([]);
    const before = original.messages.map((m) => `${m.ruleId}: ${m.message}`);
    const added: string[] = [];
    for (const m of after.messages) {
      const key = `${m.ruleId}: ${m.message}`;
      const i = before.indexOf(key);
      if (i === -1) added.push(`${m.range.start.line}:${m.range.start.column} ${key}`);
      else before.splice(i, 1);
    }
    expect(added, 'messages that the fix introduced').toEqual([]);
  });
});

describe('rule documentation', () => {
  const REQUIRED = ['Why', 'Bad', 'Good', 'Options'];
  it.each(rules.map((r) => r.meta.id))('rules/%s.md has a title and the sections Why, Bad, Good, Options', (id) => {
    const rule = byId.get(id)!;
    expect(rule.meta.docs, 'meta.docs').toBe(`${id}.md`);
    const file = path.join(RULES_DIR, `${id}.md`);
    expect(existsSync(file), `rules/${id}.md exists`).toBe(true);
    // Headings outside fenced code blocks.
    const headings: string[] = [];
    let fence: string | null = null;
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1]!.slice(0, 3);
        else if (f[1]!.startsWith(fence)) fence = null;
        continue;
      }
      if (fence === null && /^#{1,6} /.test(line)) headings.push(line.trim());
    }
    expect(headings[0], 'the first heading is the title "# <rule id>"').toBe(`# ${id}`);
    const missing = REQUIRED.filter((h) => !headings.includes(`## ${h}`));
    expect(missing, `rules/${id}.md lacks these "## " sections`).toEqual([]);
  });

  it('every rule id is documented once and the engine ids are documented in rules/directives.md', () => {
    const text = readFileSync(path.join(RULES_DIR, 'directives.md'), 'utf8');
    for (const id of ['parse', 'unused-disable-directive', 'unknown-rule-in-directive', 'rule-crash']) expect(text).toContain(`## ${id}`);
    expect(new Set(rules.map((r) => r.meta.id)).size).toBe(rules.length);
  });
});
