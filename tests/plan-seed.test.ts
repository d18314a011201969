/**
 * seeds/basic-plan-2017.md: the 2017 Basic Plan, extracted from the real FY2018 report by scripts/extract-plan.mjs.
 * The script is rerun here and must reproduce the committed file; the plan must hold every section, measure and
 * planned action of the report, and lint clean on its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPlan, createConfig, lint } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { SEED } from './seed-helpers.js';

const PLAN = fileURLToPath(new URL('../seeds/basic-plan-2017.md', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../scripts/extract-plan.mjs', import.meta.url));

const planText = readFileSync(PLAN, 'utf8');
const plan = buildPlan(planText);
const report = buildPlan(readFileSync(SEED, 'utf8'));

describe('seeds/basic-plan-2017.md', () => {
  it('is what scripts/extract-plan.mjs writes from the real report (rerun, compared byte for byte)', () => {
    // --check exits 1 when the file the script would write differs from the committed one
    expect(() => execFileSync(process.execPath, [SCRIPT, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('is a plan adopted on 2017-04-18, with 6 sections and 88 measures (21/15/9/18/12/13)', () => {
    expect(plan.kind).toBe('plan');
    expect(plan.frontMatter?.document).toBe('plan');
    expect(plan.frontMatter?.adopted).toBe('2017-04-18');
    expect(plan.frontMatter?.problems).toEqual([]);
    expect(plan.sections.map((s) => s.measures.length)).toEqual([21, 15, 9, 18, 12, 13]);
  });

  it('holds, for every measure of the report, its title and planned actions word for word, and nothing else', () => {
    expect(plan.sections.map((s) => s.title)).toEqual(report.sections.map((s) => s.title));
    for (const measure of report.measures()) {
      const planned = plan.measure(measure.id);
      expect(planned?.title, measure.id).toBe(measure.title);
      const kinds = new Set(planned?.blocks.map((b) => b.kind));
      expect([...kinds], measure.id).toEqual(['planned-action']);
      expect(planned?.blocks.map((b) => b.text), measure.id).toEqual(
        measure.blocks.filter((b) => b.kind === 'planned-action').map((b) => b.text),
      );
      expect(planned?.blocks.every((b) => b.tag !== null && b.tag.names.length > 0), measure.id).toBe(true);
    }
  });

  it('lints clean with every rule of plan-lint:strict', () => {
    const config = createConfig({ rules, extends: 'plan-lint:strict', reportUnusedDisableDirectives: 'error' });
    const result = lint(planText, { rules, config });
    expect(result.messages).toEqual([]);
  });
});
