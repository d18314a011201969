import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFixes, createConfig, DOCS_BASE_URL, lint, lintAndFix } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const seed = readFileSync(new URL('../seeds/fy2018-status-report.md', import.meta.url), 'utf8');

describe('the engine with the real rules', () => {
  const strict = createConfig({ rules, extends: 'plan-lint:strict' });

  it('lints the FY2018 report with every rule on and no rule crashes', () => {
    const result = lint(seed, { rules, config: strict, filePath: 'seeds/fy2018-status-report.md' });
    const crashes = result.messages.filter((m) => m.ruleId === 'rule-crash').map((m) => m.message);
    expect(crashes).toEqual([]);
    expect(result.document.measures()).toHaveLength(88);
    for (const m of result.messages) {
      expect(m.range.start.offset).toBeLessThanOrEqual(m.range.end.offset);
      expect(m.url).toBe(`${DOCS_BASE_URL}rules/${m.ruleId}.html`);
    }
  });

  it('a rule crash in the middle of the real rules leaves the others working', () => {
    const broken = rules.map((r, i) => (i === 1 ? { ...r, check: () => { throw new TypeError('broken'); } } : r));
    const base = lint(seed, { rules, config: strict });
    const withCrash = lint(seed, { rules: broken, config: strict });
    const id = rules[1]!.meta.id;
    expect(withCrash.messages.filter((m) => m.ruleId === 'rule-crash').map((m) => m.message)).toEqual([`Rule '${id}' failed: broken`]);
    const others = (r: typeof base) => r.messages.filter((m) => m.ruleId !== id && m.ruleId !== 'rule-crash').map((m) => `${m.range.start.offset} ${m.ruleId} ${m.message}`);
    expect(others(withCrash)).toEqual(others(base));
  });

  it('fixing the report converges and is idempotent', () => {
    const fixed = lintAndFix(seed, { rules, config: strict });
    expect(fixed.passes).toBeLessThan(10);
    expect(applyFixes(fixed.output, fixed.result.messages).applied).toEqual([]);
    const again = lintAndFix(fixed.output, { rules, config: strict });
    expect(again.changed).toBe(false);
  });

  it('keeps CRLF and BOM through lint and fix of the real report', () => {
    const crlf = '\uFEFF' + seed.replace(/\r?\n/g, '\r\n');
    const lf = lintAndFix(seed, { rules, config: strict });
    const fixed = lintAndFix(crlf, { rules, config: strict });
    expect(fixed.output).toBe('\uFEFF' + lf.output.replace(/\r?\n/g, '\r\n'));
    const a = lint(crlf, { rules, config: strict }).messages.map((m) => `${m.range.start.line}:${m.range.start.column} ${m.ruleId}`);
    const b = lint(seed, { rules, config: strict }).messages.map((m) => `${m.range.start.line}:${m.range.start.column} ${m.ruleId}`);
    expect(a).toEqual(b);
  });
});

describe('the rules\' descriptions', () => {
  it('every rule says what it checks in one line, in English and in Japanese', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const { meta } of rules) {
      const { en, ja } = meta.description;
      expect(en.trim(), meta.id).not.toBe('');
      expect(ja.trim(), meta.id).not.toBe('');
      expect(en, meta.id).not.toMatch(/\n/);
      expect(ja, meta.id).not.toMatch(/\n/);
      expect(ja, meta.id).toMatch(japanese);
      expect(ja, meta.id).toMatch(/。$/);
    }
    expect(new Set(rules.map((r) => r.meta.description.ja)).size).toBe(rules.length);
  });
});
