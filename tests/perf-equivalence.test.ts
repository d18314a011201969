/**
 * The speed-ups change no result: small parse chunks give the one-piece tree, and an editor's incremental
 * lint (the rules' text-keyed work reused between versions) equals a fresh lint, edit after edit, including
 * edits that move chunk boundaries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { describe, expect, it } from 'vitest';
import { createConfig, lint } from '@plan-lint/core';
import type { LintOptions, LintResult } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { chunkBoundaries, limitNesting, parseInChunks } from '../packages/core/src/model/safe-parse.js';
import { analyze, createDocumentReuse, type LintSetup } from '../packages/language-server/src/service.js';
import { markdownFiles, prng } from './test-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const parse = (text: string) => processor.parse(text);
const config = createConfig({ rules, extends: 'plan-lint:recommended' });
const options: LintOptions = { config, rules, filePath: 'report.md' };

/** Everything a user sees of a lint: messages, silenced messages, counts and the whole plan model. */
function observable(r: LintResult): string {
  const { document, ...rest } = r;
  return JSON.stringify({ ...rest, document });
}

describe('parsing in small chunks', () => {
  const files = [...markdownFiles(path.join(ROOT, 'fixtures')), path.join(ROOT, 'seeds/fy2018-status-report.md')];

  it('cuts the real report into chunks of about a kilobyte', () => {
    const cuts = chunkBoundaries(REPORT);
    expect(cuts.length).toBeGreaterThan(REPORT.length / 4096);
    // Every cut starts a top-level block: a heading, or a column-0 line after a blank line.
    for (const c of cuts) expect(REPORT[c] === '#' || REPORT.slice(c - 2, c) === '\n\n').toBe(true);
  });

  it('gives the one-piece tree for every fixture and the real report, even cut at every heading', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = limitNesting(readFileSync(file, 'utf8'));
      const whole = parse(text);
      for (const targetSize of [1, 300, 1024]) {
        expect(parseInChunks(text, parse, { targetSize }), `${path.relative(ROOT, file)} in chunks of ${targetSize}`).toEqual(whole);
      }
    }
  });

  it('gives the one-piece tree around fences, comments, front matter and headings that are not cuts', () => {
    const cases = [
      '---\ntitle: x\n# not a heading\n---\n\n# A\n\n- a\n\n# B\n\ntext\n',
      '# A\n\n```\n# inside a fence\n```\n\n# B\n\n~~~~\n# x\n~~~\n# still code\n~~~~\n# C\n',
      '# A\n\n<!--\n# inside a comment\n-->\n# B\n\n<div>\n# html until a blank line\n\n# C\n',
      '# A\n\n- item\n\n  ```\n# x\n  ```\n\n> quote\n# B\n\npara\n# C\nlazy\n',
      '# A\nSetext\n---\n# B\n    indented code\n# C\r\n\r\n- crlf\r\n# D\r',
      '# A\n\n* * *\n# B\n- a\n- b\n\n- c\n# C\n\t# tab\n',
    ];
    for (const text of cases) {
      expect(parseInChunks(text, parse, { targetSize: 1 }), JSON.stringify(text)).toEqual(parse(text));
    }
  });

  it('gives the one-piece tree for random mixes of lists, quotes, fences, HTML blocks and headings', () => {
    // Blocks nested in list items and quotes are what the cut finder cannot follow; the parse then checks each
    // chunk's end (closedAtEnd) and re-parses across a cut that left a block open.
    const vocabulary = ['# H', '## 1. S', '', '', 'para text', 'lazy', '- item', '  - nested', '1. one', '10) ten', '* star', '  para in item',
      '```', '  ```', '   ```', '\t```', '~~~', '  ~~~', '- ```', '> ```', '    code', '> quote', '<!--', '  <!--', '- <!--', '-->', '<!-- c -->',
      '<div>', '</div>', '<script>', '</script>', '<?', '?>', '<![CDATA[', ']]>', '---', '***', '===', '   # indented'];
    const rnd = prng(42);
    let withCuts = 0;
    for (let i = 0; i < 1000; i++) {
      const lines = Array.from({ length: 5 + Math.floor(rnd() * 40) }, () => vocabulary[Math.floor(rnd() * vocabulary.length)] as string);
      const text = `${lines.join(rnd() < 0.1 ? '\r\n' : '\n')}\n`;
      if (chunkBoundaries(text, { targetSize: 1 }).length > 0) withCuts++;
      expect(parseInChunks(text, parse, { targetSize: 1 }), JSON.stringify(text)).toEqual(parse(text));
    }
    expect(withCuts).toBeGreaterThan(250);
  });

  it('keeps large chunks where something reaches across cuts: a link definition, an unclosed front matter', () => {
    const body = Array.from({ length: 40 }, (_, k) => `# Heading ${k}\n\n- item [ref] ${'x'.repeat(60)}\n`).join('\n');
    const withDefinition = `${body}\n[ref]: https://example.org\n`;
    const unclosed = `---\ntitle: x\n\n${body}`;
    expect(chunkBoundaries(body).length).toBeGreaterThan(0);
    for (const text of [withDefinition, unclosed]) {
      expect(text.length).toBeLessThan(16 * 1024);
      expect(chunkBoundaries(text)).toEqual([]);
      expect(parseInChunks(text, parse)).toEqual(parse(text));
    }
  });
});

/** Edits that a drafter makes, and edits that move chunk boundaries or change how everything after them parses. */
function randomEdit(text: string, rnd: () => number): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const anyLine = () => lineStarts[Math.floor(rnd() * lineStarts.length)] as number;
  const anyOffset = () => Math.floor(rnd() * (text.length + 1));
  const insert = (at: number, s: string) => text.slice(0, at) + s + text.slice(at);
  const lineEnd = (at: number) => {
    const e = text.indexOf('\n', at);
    return e === -1 ? text.length : e + 1;
  };
  switch (Math.floor(rnd() * 14)) {
    case 0:
      return insert(anyOffset(), 'abcdefghij (),.:-#\n'[Math.floor(rnd() * 19)] as string);
    case 1: {
      const a = anyOffset();
      return text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + Math.floor(rnd() * 200)));
    }
    case 2:
      return insert(anyLine(), '\n## 9. An inserted section\n\n');
    case 3:
      return insert(anyLine(), '### (xi) An inserted measure\n\n- MOJ did something new. (MOJ)\n\n');
    case 4: {
      const headings = lineStarts.filter((s) => text[s] === '#');
      if (headings.length === 0) return text;
      const s = headings[Math.floor(rnd() * headings.length)] as number;
      return text.slice(0, s) + text.slice(lineEnd(s));
    }
    case 5:
      return insert(anyLine(), rnd() < 0.5 ? '```\n' : '~~~\n');
    case 6:
      return insert(anyLine(), rnd() < 0.5 ? '<!--\n' : '<!-- plan-lint-disable duplicate-report -->\n');
    case 7:
      // Front matter: removed, added, or left unclosed.
      if (text.startsWith('---\n')) return rnd() < 0.5 ? text.slice(4) : text.replace(/\n---\n/, '\n');
      return `---\ntitle: Implementation Status (FY2018)\ndocument: status-report\n---\n\n${text}`;
    case 8:
      return insert(anyLine(), '[ref]: https://example.org\n');
    case 9:
      return insert(anyLine(), `${'> '.repeat(40)}deep\n`);
    case 10: {
      // Copy a stretch of the report elsewhere: repeated chunk texts and near-duplicate entries.
      const a = anyLine();
      const b = lineEnd(lineEnd(lineEnd(a)));
      return insert(anyLine(), text.slice(a, b));
    }
    case 11:
      return insert(anyLine(), '\r\n');
    case 12: {
      const a = anyLine();
      return text.slice(0, a) + text.slice(a, lineEnd(a)).toUpperCase() + text.slice(lineEnd(a));
    }
    default:
      return insert(anyOffset(), 'Repeat mention 1 - (ii): awareness campaign (NPA)\n');
  }
}

describe('an incremental lint equals a fresh lint', () => {
  it('for a sequence of random edits of the real report (rules reusing their work)', () => {
    for (const seed of [1, 2]) {
      const rnd = prng(seed);
      const reuse = createDocumentReuse();
      let text = REPORT;
      const first = lint(text, { ...options, ...reuse });
      expect(observable(first)).toBe(observable(lint(text, options)));
      for (let step = 0; step < 24; step++) {
        text = randomEdit(text, rnd);
        const incremental = lint(text, { ...options, ...reuse });
        const fresh = lint(text, options);
        expect(observable(incremental), `seed ${seed}, step ${step}`).toBe(observable(fresh));
      }
    }
    // 100 lints of the report, compared whole: seconds on a quiet machine, near the default 30 s on a loaded one.
  }, 120_000);

  it('reports what the text-comparing rules find, edit after edit, and keeps one version of their work', () => {
    const reuse = createDocumentReuse();
    const ids = (r: LintResult) => r.messages.filter((m) => m.ruleId === 'duplicate-report' || m.ruleId === 'repeat-mention-description').map((m) => `${m.ruleId}@${m.range.start.line}`);
    let text = REPORT;
    const before = lint(text, { ...options, ...reuse });
    expect(ids(before).length).toBeGreaterThan(0);
    // Report an entry again under another measure: duplicate-report must see it at once.
    const entryStart = text.indexOf('\n- ', text.indexOf('### (iii)')) + 1;
    const entry = text.slice(entryStart, text.indexOf('\n', entryStart) + 1);
    const target = text.indexOf('\n### ', text.length >> 1) + 1;
    const nextLine = text.indexOf('\n\n', text.indexOf('\n', target) + 1) + 2;
    text = `${text.slice(0, nextLine)}${entry}\n${text.slice(nextLine)}`;
    const after = lint(text, { ...options, ...reuse });
    expect(ids(after)).toEqual(ids(lint(text, options)));
    expect(after.messages.filter((m) => m.ruleId === 'duplicate-report').length).toBeGreaterThan(
      before.messages.filter((m) => m.ruleId === 'duplicate-report').length,
    );
    // The memo holds one version's worth: at most one value per block (and title).
    const blocks = after.document.blocks().length;
    let maps = 0;
    for (const [, value] of reuse.ruleMemo) {
      if (!(value instanceof Map)) continue;
      maps++;
      expect(value.size).toBeLessThanOrEqual(blocks + after.document.measures().length);
    }
    expect(maps).toBe(2); // duplicate-report's and repeat-mention-description's
  });

  it('in the language service: diagnostics of an incremental analysis equal a fresh one', () => {
    const setup: LintSetup = { config, rules };
    const reuse = createDocumentReuse();
    const rnd = prng(7);
    let text = REPORT;
    for (let version = 1; version <= 8; version++) {
      const input = { uri: 'file:///report.md', version, text };
      expect(analyze(input, setup, reuse).diagnostics()).toEqual(analyze(input, setup).diagnostics());
      text = randomEdit(text, rnd);
    }
  });
});
