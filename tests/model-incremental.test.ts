/**
 * Linting successive versions of one document, as an editor does: what the language server keeps between
 * versions (`createDocumentReuse()`: the rule memo) must never change a result. Every lint message equals a
 * fresh lint's, edit after edit, over edits that touch everything a message depends on. (The plan model itself
 * is built afresh for every version: an incremental model measured too little gain to keep; docs/benchmarks.md.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createConfig, lint } from '@plan-lint/core';
import type { LintOptions, LintResult } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { analyze, createDocumentReuse, type LintSetup } from '../packages/language-server/src/service.js';
import { prng } from './test-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const config = createConfig({ rules, extends: 'plan-lint:recommended' });
const options: LintOptions = { config, rules, filePath: 'report.md' };

function observable(r: LintResult): string {
  return JSON.stringify(r);
}

const at = (text: string, needle: string, from = 0): number => {
  const i = text.indexOf(needle, from);
  if (i === -1) throw new Error(`'${needle}' not in the text`);
  return i;
};
const insert = (text: string, offset: number, s: string) => text.slice(0, offset) + s + text.slice(offset);

/**
 * Edits that touch what a measure's blocks depend on: its own text, its id (section renumbered, heading
 * numeral changed), the tag reader (the legend), the fiscal year (front matter), and the lines and offsets
 * before it (blocks then move).
 */
function randomEdit(text: string, rnd: () => number): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const anyLine = () => lineStarts[Math.floor(rnd() * lineStarts.length)] as number;
  const anyOffset = () => Math.floor(rnd() * (text.length + 1));
  const lineEnd = (o: number) => {
    const e = text.indexOf('\n', o);
    return e === -1 ? text.length : e + 1;
  };
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  switch (Math.floor(rnd() * 16)) {
    case 0:
    case 1:
      // Typing: one character anywhere (most often inside an entry).
      return insert(text, anyOffset(), 'ab (),.:-\n1'[Math.floor(rnd() * 11)] as string);
    case 2: {
      const a = anyOffset();
      return text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + Math.floor(rnd() * 80)));
    }
    case 3: {
      // Renumber a section: every measure id in it changes.
      const headings = lineStarts.filter((s) => /^## \d/.test(text.slice(s, s + 5)));
      const s = pick(headings);
      if (s === undefined) return text;
      return text.slice(0, s + 3) + String(1 + Math.floor(rnd() * 9)) + text.slice(text.indexOf('.', s));
    }
    case 4: {
      // Change a measure's numeral.
      const headings = lineStarts.filter((s) => text.startsWith('### (', s));
      const s = pick(headings);
      if (s === undefined) return text;
      return text.slice(0, s + 5) + (pick(['i', 'xx', 'iv', 'vii']) as string) + text.slice(text.indexOf(')', s));
    }
    case 5: {
      // The legend: drop an entry, add one, or change a name.
      const legend = text.indexOf('## Abbreviations');
      if (legend === -1) return insert(text, 0, '## Abbreviations\n\n- NPA: National Police Agency\n\n');
      const entry = text.indexOf('\n- ', legend) + 1;
      if (entry === 0) return text;
      const r = rnd();
      if (r < 0.4) return text.slice(0, entry) + text.slice(lineEnd(entry));
      if (r < 0.7) return insert(text, entry, '- CFA: Children and Families Agency\n');
      return insert(text, lineEnd(entry) - 1, ' Office');
    }
    case 6: {
      // The fiscal year: front matter changed, removed or added.
      if (text.startsWith('---\n')) {
        const r = rnd();
        if (r < 0.5) return text.replace(/fiscal-year: \d+/, `fiscal-year: ${2016 + Math.floor(rnd() * 5)}`);
        return text.slice(text.indexOf('\n---\n', 3) + 5);
      }
      return `---\ntitle: Implementation Status (FY2019)\ndocument: status-report\nfiscal-year: 2019\n---\n\n${text}`;
    }
    case 7:
      return insert(text, anyLine(), '\n');
    case 8:
      return insert(text, anyLine(), '\r\n');
    case 9:
      return insert(text, anyLine(), '### (xi) An inserted measure\n\n- MOJ did something new in April 2019. (MOJ)\n\n');
    case 10:
      return insert(text, anyLine(), '\n## 9. An inserted section\n\n');
    case 11: {
      const headings = lineStarts.filter((s) => text[s] === '#');
      const s = pick(headings);
      if (s === undefined) return text;
      return text.slice(0, s) + text.slice(lineEnd(s));
    }
    case 12:
      // Dates and labels that qualify each other, and a footnote.
      return insert(text, anyLine(), '- In FY2018 (until the end of January 2019), from April 1 to 5 visits were made. (NPA)\n  \\* The word "visit" counts calls.\n\n');
    case 13: {
      // Move a stretch (a copy elsewhere): the same chunk texts in new places.
      const a = anyLine();
      const b = lineEnd(lineEnd(lineEnd(a)));
      return insert(text, anyLine(), text.slice(a, b));
    }
    case 14:
      if (rnd() < 0.4) {
        // A directive inside a paragraph or list item (an inline HTML node), or a comment that is not one.
        const e = lineEnd(anyLine()) - 1;
        return insert(text, Math.max(0, e), pick([' <!-- plan-lint-disable-line ministry-known -->', ' <!-- a note -->', ' <b>x</b>']) as string);
      }
      return insert(text, anyLine(), pick(['```\n', '<!--\n', '> ', '    ', '<!-- plan-lint-disable date-valid -->\n']) as string);
    default:
      return insert(text, anyOffset(), 'Repeat mention 1 - (ii): awareness campaign (NPA)\n');
  }
}

describe('linting successive versions of a document', () => {
  it('gives the same lint messages as a fresh lint, edit after edit', () => {
    const rnd = prng(21);
    const reuse = createDocumentReuse();
    let text = REPORT;
    for (let step = 0; step < 16; step++) {
      text = randomEdit(text, rnd);
      expect(observable(lint(text, { ...options, ...reuse })), `step ${step}`).toBe(observable(lint(text, options)));
    }
  });

  it('in the language service: fixing everything does not disturb the analysis shown', () => {
    const setup: LintSetup = { config, rules };
    const reuse = createDocumentReuse();
    // A fixable problem: a non-canonical repeat mention prefix, after which the fix moves the text.
    const text = insert(REPORT, at(REPORT, '### (ii)'), '- Repeat mention  1 -(i): Convening of a public-private conference (NPA)\n\n');
    const a = analyze({ uri: 'file:///r.md', version: 1, text }, setup, reuse);
    const shown = JSON.stringify(a.diagnostics());
    expect(a.fixAllEdits()).not.toEqual([]);
    expect(JSON.stringify(a.diagnostics())).toBe(shown);
    expect(JSON.stringify(a.diagnostics())).toBe(JSON.stringify(analyze({ uri: 'file:///r.md', version: 1, text }, setup).diagnostics()));
    // And the next version, linted with what the fixed text left in the caches, is right too.
    const next = insert(text, at(text, ' (NPA)', text.length >> 1), 'y');
    expect(analyze({ uri: 'file:///r.md', version: 2, text: next }, setup, reuse).diagnostics()).toEqual(
      analyze({ uri: 'file:///r.md', version: 2, text: next }, setup).diagnostics(),
    );
  });
});

describe('cheaper positions and numerals', () => {
  it('finds the same point for any offset, in any order of lookups (the last line is only a hint)', async () => {
    const { LineIndex } = await import('@plan-lint/core');
    const texts = [REPORT, '', 'one line', '\n', '\n\n\n', 'a\r\nb\r\n\r\nc', `x${'\n'.repeat(50)}y`];
    const rnd = prng(5);
    for (const text of texts) {
      const index = new LineIndex(text);
      const starts = index.lineStarts;
      const expected = (o: number) => {
        const c = Math.max(0, Math.min(o, text.length));
        let line = 0;
        while (line + 1 < starts.length && (starts[line + 1] as number) <= c) line++;
        return { line: line + 1, column: c - (starts[line] as number) + 1, offset: c };
      };
      const offsets: number[] = [];
      for (let k = 0; k < 400; k++) {
        const r = rnd();
        // Jumps, small steps forward and back, and out-of-range offsets.
        const prev = offsets[offsets.length - 1] ?? 0;
        offsets.push(r < 0.3 ? Math.floor(rnd() * (text.length + 1)) : r < 0.8 ? prev + Math.floor(rnd() * 120) : r < 0.95 ? prev - Math.floor(rnd() * 60) : (r < 0.97 ? -5 : text.length + 9));
      }
      for (const o of offsets) expect(index.pointAt(o)).toEqual(expected(o));
      const a = offsets[0] ?? 0;
      expect(index.rangeAt(a + 10, a)).toEqual({ start: expected(a + 10), end: expected(a + 10) });
    }
  });

  it('reads roman numerals as before: canonical lowercase forms only', async () => {
    const { romanValue, toRoman } = await import('../packages/core/src/model/numerals.js');
    for (let n = 1; n <= 3999; n++) expect(romanValue(toRoman(n))).toBe(n);
    for (const bad of ['', 'iiii', 'II', 'ic', 'vx', 'iix', 'a', 'i ', ' i', 'mmmmmmmmmmmmmmmm', 'xiv\u0000']) expect(romanValue(bad), bad).toBeNull();
  });
});
