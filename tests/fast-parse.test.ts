/**
 * The parse fast path (packages/core/src/model/fast-parse.ts) builds exactly the tree remark-parse builds, or
 * declines. Compared as JSON (node fields, their order, positions, values) on every fixture, every chunk of the
 * real report, texts generated from the shapes it accepts and their near misses, and random edits of the report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '@plan-lint/core';
import { fastParse } from '../packages/core/src/model/fast-parse.js';
import { parseMarkdown } from '../packages/core/src/model/parse.js';
import { chunkBoundaries, limitNesting, MAX_NESTING, parseInChunks } from '../packages/core/src/model/safe-parse.js';
import { markdownFiles, prng } from './test-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const remark = (text: string): Root => processor.parse(text);

/** Checks one text: the fast path declines, or its tree is remark-parse's, field for field. Returns whether it built one. */
function check(text: string, label: string): boolean {
  const fast = fastParse(text);
  if (fast === undefined) return false;
  expect(JSON.stringify(fast), `${label}: ${JSON.stringify(text.slice(0, 400))}`).toBe(JSON.stringify(remark(text)));
  return true;
}

function chunksOf(text: string): string[] {
  const cuts = [0, ...chunkBoundaries(text), text.length];
  const out: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) out.push(text.slice(cuts[i], cuts[i + 1]));
  return out;
}

describe('the parse fast path', () => {
  it('builds remark-parse’s tree for most chunks of the real report, and for the others declines', () => {
    const chunks = chunksOf(REPORT);
    let built = 0;
    let builtChars = 0;
    for (const [i, chunk] of chunks.entries()) {
      if (check(chunk, `report chunk ${i}`)) {
        built++;
        builtChars += chunk.length;
      }
    }
    // Coverage is what makes the parse fast: the report is mostly headings, paragraphs and bullet lists.
    expect(built / chunks.length).toBeGreaterThan(0.85);
    expect(builtChars / REPORT.length).toBeGreaterThan(0.85);
  });

  it('builds remark-parse’s tree, or declines, for every fixture, whole and chunk by chunk', () => {
    const files = markdownFiles(path.join(ROOT, 'fixtures'));
    expect(files.length).toBeGreaterThan(100);
    let built = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const label = path.relative(ROOT, file);
      if (check(text, label)) built++;
      for (const [i, chunk] of chunksOf(text).entries()) check(chunk, `${label} chunk ${i}`);
    }
    // Most fixtures have front matter (declined as a whole); the comparison above covers their chunks.
    expect(built).toBeGreaterThanOrEqual(0);
  });

  it('builds the tree of a report with Windows line endings (CRLF) as remark-parse does', () => {
    const crlf = REPORT.replace(/\n/g, '\r\n');
    const chunks = chunksOf(crlf);
    let built = 0;
    for (const [i, chunk] of chunks.entries()) if (check(chunk, `CRLF report chunk ${i}`)) built++;
    expect(built).toBe(chunks.length);
    expect(JSON.stringify(parseMarkdown(crlf))).toBe(JSON.stringify(remark(crlf)));
  });

  it('gives the same whole tree and plan model as remark-parse alone for the report and every fixture', () => {
    const files = [...markdownFiles(path.join(ROOT, 'fixtures')), path.join(ROOT, 'seeds/fy2018-status-report.md')];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const guarded = limitNesting(text);
      const label = path.relative(ROOT, file);
      expect(JSON.stringify(parseInChunks(guarded, (c) => fastParse(c) ?? remark(c))), label).toBe(JSON.stringify(parseInChunks(guarded, remark)));
    }
    // parseMarkdown (what the model is built from) takes the fast path and keeps the one-piece tree.
    expect(JSON.stringify(parseMarkdown(REPORT))).toBe(JSON.stringify(remark(REPORT)));
    expect(buildPlan(REPORT).measures().length).toBe(88);
  });

  it('agrees with remark-parse on thousands of generated texts: the accepted shapes and their near misses', () => {
    const random = prng(20261125);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const words = [
      'In', 'FY2018', 'the', '(NPA)', '(MIC and MEXT)', 'measures', '1.', '2018.', '3)', '(i)', '“quoted”', '—', 'é', '日本語',
      '\u00a0', '😀', 'a#', '#', '-', '+', '=', '~', 'a:b', 'http://example.org', '|a|b|', '!', '>', '%', '$', '"', "'",
      '*em*', '_u_', '[l](x)', '\\', '&amp;', 'Q&A', '&#38;', '&x;', 'a&b;', '&', '<b>', '`c`', '~~~', '```', '***', '---', '===', '\t', '\r', '12345678901.', '\u0001', '\u000b', '\u000c', '\u001f', '\u0000', 'a\u000c', '\\*', '\\#', '\\a', '\\\\', '\\&amp;', 'x\\', '\\-',
    ];
    const sentence = (): string => {
      const n = 1 + Math.floor(random() * 6);
      const out: string[] = [];
      // Mostly plain words, sometimes anything.
      for (let i = 0; i < n; i++) out.push(random() < 0.95 ? pick(words.slice(0, 14)) : pick(words));
      return out.join(random() < 0.97 ? ' ' : '  ');
    };
    const line = (): string => {
      const r = random();
      if (r < 0.22) return '';
      if (r < 0.26) {
        return pick([
          '<!-- plan-lint-disable-next-line ministry-known -->', '<!-- a', 'b -->', '<!-->', '<!--->', '<!-- x --> tail *e*',
          '  <!-- x -->', 'text <!-- y -->', '<!-- plan-lint-disable -->', '-->', '<!-- [a] & <b> -->', '<!-- a -- b -->',
        ]);
      }
      if (r < 0.32) return `${'#'.repeat(1 + Math.floor(random() * (random() < 0.9 ? 6 : 8)))}${random() < 0.9 ? ' ' : pick(['', '  '])}${sentence()}${random() < 0.85 ? '' : pick([' #', '#', ' '])}`;
      if (r < 0.55) return `${random() < 0.85 ? '-' : pick(['*', '+', '1.', '2)'])}${random() < 0.9 ? ' ' : pick(['', '  '])}${sentence()}`;
      if (r < 0.7) return `${' '.repeat(pick([0, 0, 1, 2, 2, 2, 3, 4, 4, 5, 6, 7, 8]))}${random() < 0.6 ? sentence() : `- ${sentence()}`}`;
      return `${sentence()}${random() < 0.95 ? '' : pick([' ', '  '])}`;
    };
    let built = 0;
    let withComment = 0;
    const runs = Number(process.env.FAST_PARSE_RUNS ?? 6000); // more for a one-off fuzz run
    for (let k = 0; k < runs; k++) {
      const n = 1 + Math.floor(random() * 10);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(line());
      let text = lines.join('\n') + pick(['\n', '\n', '', '\n\n']);
      if (random() < 0.15) {
        // Front matter: plain, empty, unclosed, or with fence-like lines inside.
        const yaml = ['title: x', 'b: *x* [y] <z>', 'fiscal-year: 2018', '', '---x', '----', ' ---', '--- ', 'c: \\', '...'];
        const body: string[] = [];
        for (let i = Math.floor(random() * 4); i > 0; i--) body.push(random() < 0.8 ? pick(yaml.slice(0, 4)) : pick(yaml));
        text = `${pick(['---', '---', '---', '--- ', '----'])}\n${body.map((l) => `${l}\n`).join('')}${random() < 0.9 ? '---\n' : ''}${text}`;
      }
      // Windows line endings: all of them, or some.
      const r = random();
      if (r < 0.2) text = text.replace(/\n/g, '\r\n');
      else if (r < 0.25) text = text.replace(/\n/g, () => (random() < 0.5 ? '\r\n' : '\n'));
      if (check(text, `generated text ${k}`)) {
        built++;
        if (text.includes('<!--')) withComment++;
      }
    }
    expect(withComment).toBeGreaterThan(runs * 0.004);
    // The comparison is not vacuous: a good share of the texts takes the fast path.
    expect(built).toBeGreaterThan(runs * 0.1);
  });

  it('agrees with remark-parse on generated nested lists: items, paragraphs and blank lines at every depth', () => {
    const random = prng(424242);
    const words = ['In FY2018 the NPA', '(MIC and MEXT)', 'training was held', 'persons in leadership', '“Net Moral Caravan”', 'é 日本語'];
    let built = 0;
    let nested = 0;
    const runs = Number(process.env.FAST_PARSE_RUNS ?? 6000);
    for (let k = 0; k < runs; k++) {
      const lines: string[] = [];
      let depth = 0;
      for (let n = 2 + Math.floor(random() * 12); n > 0; n--) {
        const r = random();
        // Mostly well-formed indentation (2 per level), sometimes off by one to three.
        const indent = (d: number): string => ' '.repeat(Math.max(0, 2 * d + (random() < 0.85 ? 0 : Math.floor(random() * 7) - 3)));
        if (r < 0.25) lines.push('');
        else if (r < 0.6) {
          depth = Math.max(0, Math.min(4, depth + Math.floor(random() * 3) - 1));
          lines.push(`${indent(depth)}- ${words[Math.floor(random() * words.length)]}`);
        } else if (r < 0.9) lines.push(`${indent(depth + (random() < 0.5 ? 1 : 0))}${words[Math.floor(random() * words.length)]}`);
        else lines.push(random() < 0.5 ? '# Heading' : 'Top-level text');
      }
      const text = `${lines.join('\n')}\n`.replace(/\n/g, random() < 0.2 ? '\r\n' : '\n');
      if (check(text, `nested list ${k}`)) {
        built++;
        if (/\n {2,}- /.test(text)) nested++;
      }
    }
    expect(built).toBeGreaterThan(runs * 0.2);
    expect(nested).toBeGreaterThan(runs * 0.05);
  });

  it('agrees with remark-parse on random edits of the report’s chunks', () => {
    const random = prng(7);
    const chunks = chunksOf(REPORT);
    const inserts = [' ', '  ', '\n', '\n\n', '- ', '  ', '# ', '1. ', '*', '_', '[', '&', '<', '#', '=', '-', '\u00a0', 'x', '\n  ', '\n    ', '\r\n', '\r'];
    let built = 0;
    const runs = Number(process.env.FAST_PARSE_RUNS ?? 6000) / 4;
    for (let k = 0; k < runs; k++) {
      let text = chunks[Math.floor(random() * chunks.length)] as string;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (text.length + 1));
        if (random() < 0.3) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
        else text = text.slice(0, at) + (inserts[Math.floor(random() * inserts.length)] as string) + text.slice(at);
      }
      if (check(text, `edit ${k}`)) built++;
    }
    expect(built).toBeGreaterThan(runs * 0.3);
  });
});

const same = (a: Root | undefined, b: Root): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

describe('a byte order mark', () => {
  it('at the start is skipped as remark-parse skips it, by the fast path alone and by the chunked parse', () => {
    for (const text of ['\uFEFF# Heading', '\uFEFF# Heading\n\nA paragraph.\n', '\uFEFF---\ntitle: x\n---\n\n# Heading\n', '\uFEFF- a\n- b\n']) {
      const fast = fastParse(text);
      expect(fast, JSON.stringify(text)).toBeDefined();
      same(fast, remark(text));
      same(parseMarkdown(text), remark(text));
    }
    // The real report (front matter first) in its 77 chunks, LF and CRLF: every position counted after the mark.
    for (const report of [`\uFEFF${REPORT}`, `\uFEFF${REPORT.replace(/\n/g, '\r\n')}`]) {
      expect(chunkBoundaries(report).length).toBeGreaterThan(50);
      same(parseMarkdown(report), remark(report));
    }
  });

  it('anywhere else is text, also at a line where a chunk could start', () => {
    const text = 'Intro.\n\n\uFEFF# Not a heading\n\n## A heading\n\n\uFEFF- not a list item\n'.repeat(3);
    const tree = remark(text);
    expect(tree.children.filter((n) => n.type === 'heading')).toHaveLength(3);
    for (const targetSize of [1, 10, 30]) {
      same(parseInChunks(text, (c) => fastParse(c) ?? remark(c), { targetSize }), tree);
      same(parseInChunks(text, remark, { targetSize }), tree);
    }
  });
});

describe('the nesting guard', () => {
  /** How many containers (list items, block quotes) the deepest node of a tree sits in. */
  function containerDepth(tree: Root): number {
    let max = 0;
    const stack: [{ type: string; children?: unknown[] }, number][] = [[tree, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop() as [{ type: string; children?: unknown[] }, number];
      const d = depth + (node.type === 'listItem' || node.type === 'blockquote' ? 1 : 0);
      if (d > max) max = d;
      for (const child of node.children ?? []) stack.push([child as { type: string; children?: unknown[] }, d]);
    }
    return max;
  }

  it('reads indentation alone as no nesting: deeply indented continuation lines and code keep their text', () => {
    const texts = [
      `A paragraph\n${' '.repeat(67)}continued.\n`,
      `A paragraph\n${' '.repeat(200)}continued.\n`,
      `Text.\n\n${' '.repeat(100)}indented code\n`,
      `- An item\n${' '.repeat(80)}continued.\n`,
      `${' '.repeat(70)}- indented code, not a list\n`,
      `${' '.repeat(70)}> indented code, not a quote\n`,
    ];
    for (const text of texts) {
      expect(limitNesting(text), JSON.stringify(text)).toBe(text);
      const tree = parseMarkdown(text);
      expect(JSON.stringify(tree)).not.toContain('\u00a0');
      same(tree, remark(text));
    }
  });

  it('still cuts real nesting: 40 list levels by indentation, 40 quotes on a line, with any line ending', () => {
    const lists = Array.from({ length: 40 }, (_, k) => `${'  '.repeat(k)}- level ${k + 1}`).join('\n');
    const quotes = `${'> '.repeat(40)}deep\n`;
    // Lines that end with a lone CR (old Mac line endings) are lines too.
    for (const text of [lists, quotes, lists.replace(/\n/g, '\r'), `Text.\r\r${quotes}`]) {
      expect(containerDepth(remark(text))).toBeGreaterThanOrEqual(40);
      const cuts: [number, number][] = [];
      const guarded = limitNesting(text, MAX_NESTING, cuts);
      expect(cuts.length).toBeGreaterThan(0);
      expect(containerDepth(remark(guarded))).toBeLessThanOrEqual(MAX_NESTING + 1);
    }
  });

  it('never lets a generated text nest deeper than the cap, and leaves every line without a marker as it is', () => {
    const random = prng(1514);
    const cap = 4;
    let cut = 0;
    let deep = 0;
    for (let k = 0; k < 1500; k++) {
      const lines: string[] = [];
      for (let n = 1 + Math.floor(random() * 12); n > 0; n--) {
        let line = ' '.repeat(Math.floor(random() * (random() < 0.8 ? 12 : 40)));
        for (let m = Math.floor(random() * 7); m > 0; m--) line += `${['- ', '> ', '1. ', '* ', '>'][Math.floor(random() * 5)]}${' '.repeat(Math.floor(random() * 3))}`;
        lines.push(random() < 0.15 ? '' : `${line}text`);
      }
      const text = `${lines.join('\n')}\n`;
      if (containerDepth(remark(text)) > cap) deep++;
      const guarded = limitNesting(text, cap);
      if (guarded !== text) cut++;
      expect(containerDepth(remark(guarded)), JSON.stringify(text)).toBeLessThanOrEqual(cap + 1);
      const before = text.split('\n');
      guarded.split('\n').forEach((line, i) => {
        if (!/^[ ]*(?:[-*>]|\d+\.)/.test(before[i] as string)) expect(line).toBe(before[i]);
      });
    }
    // Not vacuous: many texts nest past the cap and get cut.
    expect(deep).toBeGreaterThan(150);
    expect(cut).toBeGreaterThanOrEqual(deep);
  });
});
