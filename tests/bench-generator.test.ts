// The benchmark's scaled-report generator (scripts/bench/generate.mjs) must produce valid drafts: N copies of the
// real report numbered continuously, each copy's repeat mentions pointing into that copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '@plan-lint/core';
import { buildPlan, createConfig, lint } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
// @ts-expect-error -- a plain ESM script without type declarations
import { concatenatedReport, reportCopy, splitReport } from '../scripts/bench/generate.mjs';
// @ts-expect-error -- a plain ESM script without type declarations
import { japaneseReport } from '../scripts/bench/generate-ja.mjs';

const seed = readFileSync(fileURLToPath(new URL('../seeds/fy2018-status-report.md', import.meta.url)), 'utf8');
const PER_SECTION = [21, 15, 9, 18, 12, 13];
const REPEATS = 20;

type Concat = (text: string, copies: number) => string;
type Copy = (text: string, k: number, n: number) => string;
const concat = concatenatedReport as Concat;
const copyOf = reportCopy as Copy;

function structuralMessages(text: string) {
  const config = createConfig({
    rules,
    settings: { numbering: 'error', 'repeat-mention-target': 'error', 'front-matter': 'error' },
  });
  return lint(text, { config, rules }).messages.filter((m) => ['numbering', 'repeat-mention-target', 'front-matter', 'parse'].includes(m.ruleId));
}

describe('concatenatedReport', () => {
  it('one copy is the real report itself', () => {
    const doc = buildPlan(concat(seed, 1));
    expect(doc.sections.map((s) => s.measures.length)).toEqual(PER_SECTION);
    expect(doc.problems).toEqual([]);
  });

  it('three copies: 18 sections numbered 1..18, 264 measures, 60 repeat mentions each inside its own copy', () => {
    const text = concat(seed, 3);
    const doc = buildPlan(text);
    expect(doc.problems).toEqual([]);
    expect(doc.frontMatter?.data).toMatchObject({ 'fiscal-year': 2018 });
    expect(doc.sections.map((s) => s.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(doc.sections.map((s) => s.measures.length)).toEqual([...PER_SECTION, ...PER_SECTION, ...PER_SECTION]);
    const measures = doc.measures();
    expect(measures).toHaveLength(3 * 88);
    expect(new Set(measures.map((m) => m.id)).size).toBe(3 * 88);

    const sections = splitReport(seed).sections as number;
    expect(sections).toBe(6);
    let repeats = 0;
    for (const m of measures) {
      const copy = Math.floor((m.sectionNumber - 1) / sections);
      for (const b of m.blocks) {
        if (b.kind !== 'repeat-mention' || !b.repeat) continue;
        repeats++;
        expect(doc.measure(b.repeat.targetId), `${m.id} → ${b.repeat.targetId}`).toBeDefined();
        expect(Math.floor((b.repeat.sectionNumber - 1) / sections), `${m.id} → ${b.repeat.targetId}`).toBe(copy);
      }
    }
    expect(repeats).toBe(3 * REPEATS);
  });

  it('the concatenation has no numbering, cross-reference or front-matter problem', () => {
    expect(structuralMessages(seed)).toEqual([]);
    expect(structuralMessages(concat(seed, 4))).toEqual([]);
  });

  it('keeps one front matter and one abbreviation legend, and grows with the number of copies', () => {
    const one = concat(seed, 1);
    const five = concat(seed, 5);
    expect(five.match(/^---$/gm)).toHaveLength(2);
    expect(five.match(/^## Abbreviations$/gm)).toHaveLength(1);
    expect(five.length).toBeGreaterThan(4.8 * one.length);
    expect(five.length).toBeLessThan(5 * one.length);
    const doc = buildPlan(five);
    expect(doc.sections.at(-1)?.number).toBe(30);
    expect(doc.measures()).toHaveLength(440);
  });

  it('refuses a copy count that is not a positive integer', () => {
    expect(() => concat(seed, 0)).toThrow(/positive integer/);
    expect(() => concat(seed, 1.5)).toThrow(/positive integer/);
    expect(() => concat('no sections here\n', 2)).toThrow(/no numbered section/);
  });
});

describe('reportCopy', () => {
  it('each separate copy is a complete report with its own title', () => {
    const a = copyOf(seed, 1, 100);
    const b = copyOf(seed, 2, 100);
    expect(a).not.toBe(b);
    for (const [k, text] of [[1, a], [2, b]] as const) {
      const doc = buildPlan(text);
      expect(doc.problems).toEqual([]);
      expect(doc.frontMatter?.data?.title).toMatch(new RegExp(`\\(copy ${k} of 100\\)$`));
      expect(doc.sections.map((s) => s.measures.length)).toEqual(PER_SECTION);
      expect(structuralMessages(text)).toEqual([]);
    }
  });
});

describe('japaneseReport (the Japanese report of the same size, npm run bench --only ja)', () => {
  const ja = (japaneseReport as (text: string, core: typeof import('@plan-lint/core')) => string)(seed, core);
  const en = buildPlan(seed);
  const doc = buildPlan(ja);

  it('is a Japanese draft with the real report’s sections, measures, status entries and repeat mentions', () => {
    expect(doc.profile.lang).toBe('ja');
    expect(doc.sections.map((s) => s.measures.length)).toEqual(PER_SECTION);
    const kinds = (d: typeof doc) => d.measures().map((m) => m.blocks.map((b) => b.kind).join(' '));
    expect(kinds(doc)).toEqual(kinds(en));
    const targets = (d: typeof doc) => d.blocks().flatMap((b) => (b.repeat ? [`${b.repeat.sectionNumber}-${d.measure(b.repeat.targetId)?.ordinal}`] : []));
    expect(targets(doc)).toEqual(targets(en));
    expect(targets(doc)).toHaveLength(REPEATS);
  });

  it('has about as many bytes as the English report (within 10%) and no tag, date or numbering of its own making wrong', () => {
    const ratio = Buffer.byteLength(ja) / Buffer.byteLength(seed);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
    expect(structuralMessages(ja)).toEqual([]);
    const result = lint(ja, { rules, config: createConfig({ rules, extends: 'plan-lint:recommended' }) });
    expect(result.messages.filter((m) => ['ministry-known', 'date-valid', 'numbering', 'repeat-mention-target'].includes(m.ruleId))).toEqual([]);
  });
});
