import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan, loadDefaultRegistry, type Block } from '@plan-lint/core';

const text = readFileSync(new URL('../seeds/fy2018-status-report.md', import.meta.url), 'utf8');
const doc = buildPlan(text);
const shape = (id: string): string =>
  (doc.measure(id)?.blocks ?? []).map((b) => ({ 'planned-action': 'P', 'status-entry': 'S', 'repeat-mention': 'R', text: 'T' })[b.kind]).join('');
const at = (b: { start: { offset: number }; end: { offset: number } }): string => text.slice(b.start.offset, b.end.offset);

describe('the FY2018 status report (seeds/fy2018-status-report.md)', () => {
  it('has 6 sections and 88 measures, 21/15/9/18/12/13 per section', () => {
    expect(doc.kind).toBe('status-report');
    expect(doc.fiscalYear).toBe(2018);
    expect(doc.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.sections.map((s) => s.measures.length)).toEqual([21, 15, 9, 18, 12, 13]);
    expect(doc.measures()).toHaveLength(88);
    for (const s of doc.sections) expect(s.measures.map((m) => m.ordinal)).toEqual(s.measures.map((_, i) => i + 1));
    expect(doc.problems).toEqual([]);
    expect(doc.frontMatter?.problems).toEqual([]);
    expect(doc.legend?.entries.map((e) => e.abbreviation)).toEqual(['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI']);
  });

  it('has 20 repeat mentions, all pointing at existing measures', () => {
    const repeats = doc.blocks().filter((b) => b.kind === 'repeat-mention');
    expect(repeats).toHaveLength(20);
    for (const r of repeats) expect(doc.measure(r.repeat!.targetId), r.repeat!.targetId).toBeDefined();
    // One is written with an en dash (2-(viii)... "Repeat mention 1 – (x)").
    expect(repeats.filter((r) => !r.repeat!.canonical).map((r) => r.repeat!.prefixRaw)).toEqual(['Repeat mention 1 – (x):']);
  });

  it('reads each shape of measure with the counts of the raw report', () => {
    // Counted from seeds/fy2018-implementation-status.txt: bullets, full-name tags, repeat mentions per measure.
    expect(shape('1-(i)')).toBe('PS');
    expect(shape('1-(ii)')).toBe('P' + 'S'.repeat(12));
    expect(shape('1-(xi)')).toBe('PSSSS' + 'R'.repeat(8));
    expect(shape('1-(xv)')).toBe('PSSPS');
    expect(shape('2-(ii)')).toBe('PRRPSRPSPSPSPSS');
    expect(shape('2-(vii)')).toBe('PSPS');
    expect(shape('2-(xii)')).toBe('PSSS');
    expect(shape('2-(xiii)')).toBe('PSSS');
    expect(shape('3-(viii)')).toBe('PR');
    expect(shape('4-(i)')).toBe('PSSPSS');
    expect(shape('4-(xiii)')).toBe('PS');
    expect(shape('5-(iii)')).toBe('PSPS');
    expect(shape('5-(iv)')).toBe('PS');
    expect(shape('5-(xi)')).toBe('PS');
    expect(shape('6-(xiii)')).toBe('PS');
    const counts = { P: 0, S: 0, R: 0, T: 0 };
    for (const b of doc.blocks()) counts[({ 'planned-action': 'P', 'status-entry': 'S', 'repeat-mention': 'R', text: 'T' } as const)[b.kind]]++;
    expect(counts.T).toBe(0);
  });

  it('2-(ii) holds 6 planned actions written as list items', () => {
    const pas = doc.measure('2-(ii)')!.blocks.filter((b) => b.kind === 'planned-action');
    expect(pas).toHaveLength(6);
    expect(pas.every((b) => b.listItem && b.tag !== null && b.tag.names.every((n) => n.form === 'full-name'))).toBe(true);
    const entries = doc.measure('2-(ii)')!.blocks.filter((b) => b.kind !== 'planned-action');
    for (const e of entries) expect(doc.measure('2-(ii)')!.blocks[e.plannedActionIndex!]!.kind).toBe('planned-action');
  });

  it('2-(xiii), 4-(xiii) and 5-(xi): the planned action includes its untagged list and closing block', () => {
    const a = doc.measure('2-(xiii)')!.blocks[0]!;
    expect(a.parts.map((p) => p.type)).toEqual(['paragraph', 'listItem', 'listItem']);
    const b = doc.measure('4-(xiii)')!.blocks[0]!;
    expect(b.parts.map((p) => p.type)).toEqual(['paragraph', 'listItem', 'listItem', 'listItem', 'paragraph']);
    expect(b.tag!.raw).toBe('(Ministry of Health, Labour and Welfare)');
    expect(b.text).toContain('The steady enforcement of these provisions shall be ensured.');
    const c = doc.measure('5-(xi)')!.blocks[0]!;
    expect(c.parts.map((p) => p.type)).toEqual(['paragraph', 'listItem', 'listItem', 'paragraph']);
    expect(c.tag!.raw).toBe('(Ministry of Justice)');
  });

  it('the first status entry of 2-(xii) is one entry with (i)-(iv) inside', () => {
    const e = doc.measure('2-(xii)')!.blocks[1]!;
    expect(e.kind).toBe('status-entry');
    for (const n of ['(i)', '(ii)', '(iii)', '(iv)']) expect(e.text).toContain(`${n} `);
    expect(e.tag!.raw).toBe('(MHLW)');
    expect(doc.measure('4-(xiii)')!.blocks[1]!.text).toContain('(iv) Project to support independence');
    expect(doc.measure('6-(xiii)')!.blocks[1]!.text).toContain('(v) In order to properly protect');
  });

  it('5-(iii) keeps its footnote with its entry', () => {
    const blocks = doc.measure('5-(iii)')!.blocks;
    expect(blocks[1]!.kind).toBe('status-entry');
    expect(blocks[1]!.footnotes).toHaveLength(1);
    expect(blocks[1]!.footnotes[0]!.text).toMatch(/^\* The word “arrest” includes/);
    expect(blocks[1]!.tag!.raw).toBe('(NPA)');
    expect(doc.measure('5-(iv)')!.blocks[1]!.footnotes).toHaveLength(1);
  });

  it('1-(xiv): the yearless "October 28" takes its year from "November 2018"', () => {
    const dates = doc.measure('1-(xiv)')!.blocks.flatMap((b: Block) => b.dates);
    const oct = dates.find((d) => d.raw === 'October 28');
    expect(oct).toMatchObject({ kind: 'date', date: { year: null, inferredYear: 2018, month: 10, day: 28, valid: true } });
  });

  it('every block has a tag, and every tag name is known', () => {
    const registry = loadDefaultRegistry();
    const legend = new Set(doc.legend!.entries.map((e) => e.abbreviation));
    const untagged: string[] = [];
    const unknown: string[] = [];
    for (const b of doc.blocks()) {
      if (!b.tag) {
        untagged.push(`${b.measureId}#${b.index}`);
        continue;
      }
      expect(at(b.tag.range)).toBe(b.tag.raw);
      for (const n of b.tag.names) {
        expect(at(n.range)).toBe(n.text);
        const ok =
          n.form === 'other-related' ||
          (n.form === 'abbreviation' && legend.has(n.text)) ||
          (n.form === 'full-name' && registry.byName(n.text) !== undefined) ||
          (n.form === 'definition' && registry.byName(n.fullName!.text)?.abbreviations.includes(n.abbreviation!.text) === true);
        if (!ok) unknown.push(`${b.measureId}: ${n.text}`);
      }
    }
    expect(untagged).toEqual([]);
    expect(unknown).toEqual([]);
  });

});
