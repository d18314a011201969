/**
 * Triage of the ministry, coverage and front-matter rules on the real FY2018
 * implementation-status report (seeds/fy2018-status-report.md, converted from
 * seeds/fy2018-implementation-status.txt).
 *
 * Every finding on the published report is asserted here with the reason it is
 * real; anything else would be a false positive. The second half plants
 * defects a drafter could make into the real report and checks that each is
 * found exactly once, so a quiet result cannot come from rules that see nothing.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConfig, lint, type LintMessage, type RuleSetting } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { byRule, RAW, rawFlat, SEED } from './seed-helpers.js';


const MINE = [
  'measure-responsibility',
  'ministry-known',
  'ministry-definition',
  'ministry-existence',
  'ministry-not-responsible',
  'status-coverage',
  'status-entry-tag',
  'front-matter',
] as const;

const seed = readFileSync(SEED, 'utf8');

/** Lints with only this suite's rules, each at its default severity (options optional). */
function run(text: string, overrides: Record<string, RuleSetting> = {}): LintMessage[] {
  const settings: Record<string, RuleSetting> = {};
  for (const id of MINE) {
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) throw new Error(`rule ${id} is not registered in rules/index.ts`);
    settings[id] = rule.meta.defaultSeverity;
  }
  Object.assign(settings, overrides);
  const config = createConfig({ rules, settings });
  return lint(text, { config, rules }).messages;
}



describe('real FY2018 report: findings of the ministry/coverage/front-matter rules', () => {
  const messages = run(seed);

  it('has the structure the rules rely on (88 measures, every block tagged)', () => {
    const config = createConfig({ rules });
    const doc = lint(seed, { config, rules }).document;
    expect(doc.measures()).toHaveLength(88);
    expect(doc.sections.map((s) => s.measures.length)).toEqual([21, 15, 9, 18, 12, 13]);
    expect(doc.fiscalYear).toBe(2018);
    expect(doc.legend?.entries.map((e) => e.abbreviation)).toEqual(['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI']);
  });

  it('reports exactly the two real responsibility mismatches and nothing else', () => {
    expect(byRule(messages, MINE)).toEqual({
      'measure-responsibility': 0,
      'ministry-known': 0,
      'ministry-definition': 0,
      'ministry-existence': 0,
      'ministry-not-responsible': 2,
      'status-coverage': 0,
      'status-entry-tag': 0,
      'front-matter': 0,
    });
    const found = messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      measureId: m.measureId,
      line: m.range.start.line,
      text: seed.slice(m.range.start.offset, m.range.end.offset),
    }));
    expect(found).toEqual([
      // 1-(x): the only planned action names MIC and METI, but the e-Net Caravan entry is tagged "(MIC and MEXT)".
      { ruleId: 'ministry-not-responsible', severity: 'warning', measureId: '1-(x)', line: 126, text: 'MEXT' },
      // 2-(v): the only planned action names MEXT, but the repeat mention is tagged "(MEXT and NPA)".
      { ruleId: 'ministry-not-responsible', severity: 'warning', measureId: '2-(v)', line: 310, text: 'NPA' },
    ]);
    for (const m of messages) {
      expect(m.related?.[0]?.message).toMatch(/^The planned action this entry reports on names \(/);
    }
  });

  it('the two findings are really in the published PDF text', () => {
    const raw = rawFlat();
    // 1-(x) "Assistance for the awareness-raising activities of private organizations": planned action tag and the entry.
    const x = raw.slice(raw.indexOf('(x) Assistance for the awareness-raising activities of private organizations'));
    const xEnd = x.indexOf('(xi) ');
    const measureX = x.slice(0, xEnd);
    expect(measureX).toContain('information and advice. (Ministry of Internal Affairs and Communications, and Ministry of Economy, Trade and Industry)');
    expect(measureX).toContain('cooperated to expand the seminars. (MIC and MEXT)');
    expect(measureX).not.toContain('Ministry of Education, Culture, Sports, Science and Technology)');
    // 2-(v) "Enhancement of information morals education at schools": MEXT-only planned action, "(MEXT and NPA)" entry.
    const v = raw.slice(raw.indexOf('(v) Enhancement of information morals education at schools'));
    const measureV = v.slice(0, v.indexOf('(vi) '));
    expect(measureV).toContain('(Ministry of Education, Culture, Sports, Science and Technology)');
    expect(measureV).toContain('by NPA and MEXT. (MEXT and NPA)');
    expect(measureV).not.toContain('National Police Agency');
  });

  it('perMinistry (opt-in) reports ministries the report really leaves silent, e.g. MOFA in 1-(xv)', () => {
    const strict = run(seed, { 'status-coverage': ['error', { perMinistry: true }] }).filter((m) => m.ruleId === 'status-coverage');
    // "(Ministry of Justice and Ministry of Foreign Affairs)" in 1-(xv) is followed only by "(Ministry of Justice: MOJ)".
    const mofa = strict.find((m) => m.measureId === '1-(xv)');
    expect(mofa?.message).toBe('The Ministry of Foreign Affairs is responsible for this planned action of measure 1-(xv) but has no status entry of its own');
    expect(seed.slice(mofa?.range.start.offset, mofa?.range.end.offset)).toBe('Ministry of Foreign Affairs');
    // Every one is about a named ministry in a planned-action tag, never a whole uncovered planned action.
    expect(strict.every((m) => / is responsible for this planned action /.test(m.message))).toBe(true);
    expect(strict.length).toBe(56);
  });
});

describe('defects planted in the real report are each found once', () => {
  function plant(from: string, to: string, occurrence = 1): string {
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = seed.indexOf(from, at + 1);
      if (at === -1) throw new Error(`'${from}' not found`);
    }
    return seed.slice(0, at) + to + seed.slice(at + from.length);
  }
  const added = (text: string): LintMessage[] => run(text).filter((m) => m.ruleId !== 'ministry-not-responsible');

  it('a misspelled abbreviation in an entry (ministry-known, fixable)', () => {
    // The misspelled entry still reports on its planned action: status-coverage must not also call it uncovered.
    const found = added(plant('(MOJ)', '(MOJJ)'));
    expect(found.map((m) => m.message)).toEqual(["'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'?"]);
    expect(found[0]?.fix?.edits[0]?.text).toBe('MOJ');
  });

  it('a misspelled full name in a planned action (ministry-known)', () => {
    const found = added(plant('(Ministry of Foreign Affairs)', '(Ministry of Foreign Affars)'));
    expect(found.map((m) => m.ruleId)).toEqual(['ministry-known']);
    expect(found[0]?.message).toContain("did you mean 'Ministry of Foreign Affairs'?");
  });

  it('a deleted status-entry tag (status-entry-tag, and the planned action becomes uncovered)', () => {
    // In 1-(xv), "(Ministry of Justice and Ministry of Foreign Affairs)" is followed by a single MOJ entry.
    const text = plant('foreign authorities. (Ministry of Justice: MOJ)', 'foreign authorities.');
    const found = added(text);
    expect(found.map((m) => `${m.ruleId} ${m.measureId ?? ''}`).sort()).toEqual(['status-coverage 1-(xv)', 'status-entry-tag 1-(xv)']);
    const tagMessage = found.find((m) => m.ruleId === 'status-entry-tag');
    // Reported where the tag belongs, with the responsible ministries offered.
    const at = tagMessage?.range.start.offset ?? 0;
    expect(tagMessage?.range.end.offset).toBe(at);
    expect(text.slice(at - 20, at)).toBe('foreign authorities.');
    expect(tagMessage?.suggestions?.map((s) => s.edits[0]?.text)).toEqual([' (MOJ)', ' (MOFA)']);
  });

  it('a legend entry that contradicts the registry (ministry-definition)', () => {
    const found = added(plant('- MIC: Ministry of Internal Affairs and Communications', '- MIC: Ministry of Justice'));
    expect(found.map((m) => m.ruleId)).toEqual(['ministry-definition']);
    expect(found[0]?.related?.map((r) => r.message)).toContain("Conflicting legend entry 'MOJ: Ministry of Justice'");
  });

  it('the fiscal year of a report naming the Children and Families Agency (ministry-existence)', () => {
    const found = added(plant('(Ministry of Health, Labour and Welfare: MHLW)', '(Children and Families Agency: CFA)'));
    const existence = found.filter((m) => m.ruleId === 'ministry-existence');
    expect(existence).toHaveLength(1);
    expect(existence[0]?.message).toMatch(/^The Children and Families Agency did not exist in FY2018 \(it was established on 1 April 2023/);
  });

  it('a measure whose planned action lost its tag (measure-responsibility)', () => {
    const found = added(plant('(Ministry of Foreign Affairs)', ''));
    expect(found.map((m) => m.ruleId)).toContain('measure-responsibility');
  });

  it('document: plan on a status report (front-matter warning)', () => {
    const found = added(plant('document: status-report', 'document: plan'));
    const fm = found.filter((m) => m.ruleId === 'front-matter');
    expect(fm).toHaveLength(1);
    expect(fm[0]?.severity).toBe('warning');
  });
});

describe('damaged copies of the real report never crash the rules', () => {
  it('truncations and deleted spans give findings, not rule crashes', () => {
    let state = 20181;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let i = 0; i < 25; i++) {
      const a = random(seed.length);
      const b = Math.min(seed.length, a + 1 + random(400));
      const variants = [seed.slice(0, a), seed.slice(0, a) + seed.slice(b)];
      for (const text of variants) {
        const messages = run(text, { 'status-coverage': ['error', { perMinistry: true }] });
        const crashes = messages.filter((m) => m.fatal === true || m.ruleId === 'rule-crash');
        expect(crashes.map((m) => m.message)).toEqual([]);
      }
    }
  });
});

describe('documentation examples (rules/<id>.md) behave as documented', () => {
  const RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
  const example = (md: string, section: 'Bad' | 'Good'): string => {
    const part = md.split(`\n## ${section}\n`)[1] ?? '';
    const m = /```markdown\n([\s\S]*?)```/.exec(part);
    if (!m?.[1]) throw new Error(`no ${section} example`);
    return m[1];
  };
  const flat = (s: string): string => s.replace(/\s+/g, ' ');
  for (const id of MINE) {
    it(`${id}: every message of the Bad example is quoted in the doc; the Good example is clean`, () => {
      const md = readFileSync(`${RULES_DIR}${id}.md`, 'utf8');
      expect(md.startsWith(`# ${id}\n`)).toBe(true);
      for (const heading of ['## Why', '## Bad', '## Good', '## Options', '## When not to use it']) expect(md).toContain(`\n${heading}\n`);
      const bad = run(example(md, 'Bad')).filter((m) => m.ruleId === id);
      expect(bad.length).toBeGreaterThan(0);
      for (const m of bad) expect(flat(md)).toContain(flat(m.message));
      expect(run(example(md, 'Good')).filter((m) => m.ruleId === id)).toEqual([]);
    });
  }
});
