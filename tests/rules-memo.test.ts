/**
 * The rules' work kept between lints changes no result and is done once: the ministry rules share one resolver
 * per lint and its tables per registry (and legend and definitions), the text-comparing rules recompute only the
 * entries an edit touched, and repeat-mention-description reads the words of changed units alone. Every
 * incremental lint equals a fresh one; work is counted, never timed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createConfig, createRegistry, lint, type LintOptions, type LintResult, type Registry } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { MinistryResolver, resolverWork } from '../rules/ministry-known.js';
import { memoWork } from '../rules/lib/memo.js';
import { descriptionIndexWork } from '../rules/repeat-mention-description.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const config = createConfig({ rules, extends: 'plan-lint:recommended' });

/** A registry with the built-in bodies that no earlier lint has seen (its tables are not yet built). */
function freshRegistry(): Registry {
  return createRegistry({ version: 'test', bodies: [...config.registry.bodies] });
}

function optionsWith(registry: Registry): LintOptions {
  return { config: { ...config, registry }, rules };
}

/** What a drafter sees of a lint: every message with its range, fixes and suggestions. */
function seen(r: LintResult): string {
  return JSON.stringify(r.messages);
}

/** An editor session: the rule memo kept between versions. */
function session() {
  return { ruleMemo: new Map<string, unknown>() };
}

/** Where typing goes: just before the tag of a status entry in the middle of the report. */
function typingOffset(text: string): number {
  const at = text.indexOf(' (NPA)\n', text.length >> 1);
  expect(at).toBeGreaterThan(0);
  return at;
}

describe('the ministry resolver', () => {
  it('is built once per lint for all the ministry rules, and its tables once for two lints with the same registry', () => {
    const registry = freshRegistry();
    const before = resolverWork.tables;
    const first = lint(REPORT, optionsWith(registry));
    // Six rules resolve ministry names; the lint built the tables once.
    expect(resolverWork.tables - before).toBe(1);
    const edited = REPORT.replace(' (NPA)\n', ' again (NPA)\n');
    const second = lint(edited, optionsWith(registry));
    expect(resolverWork.tables - before).toBe(1);
    expect(second.errorCount + second.warningCount).toBe(first.errorCount + first.warningCount);
    // Another registry object gets its own tables.
    lint(REPORT, optionsWith(freshRegistry()));
    expect(resolverWork.tables - before).toBe(2);
  });

  it('gives the same findings with kept tables as with new ones, also when the legend or an in-text definition changes', () => {
    const registry = freshRegistry();
    const variants = [
      REPORT,
      REPORT.replace('- MOJ: Ministry of Justice', '- MOJJ: Ministry of Justice'),
      REPORT.replace('- CAO: Cabinet Office', '- CAO: Cabinet Offices'),
      REPORT.replace('Cabinet Office: CAO)', 'Cabinet Office: CAOO)'),
      `${REPORT}\n- Another activity was carried out with partners in the prefectures over the year. (MOJJ and Ministry of Justise)\n`,
      REPORT,
    ];
    const findings = new Set<string>();
    for (const text of variants) {
      const kept = lint(text, optionsWith(registry));
      const fresh = lint(text, optionsWith(freshRegistry()));
      expect(seen(kept)).toBe(seen(fresh));
      findings.add(seen(kept));
    }
    // The variants are seen: each one changes what the ministry rules report.
    expect(findings.size).toBe(variants.length - 1);
  });

  it('is the same object for every rule of one document, and a new one for a new document', () => {
    const registry = freshRegistry();
    const a = lint(REPORT, optionsWith(registry)).document;
    const b = lint(REPORT, optionsWith(registry)).document;
    expect(MinistryResolver.of(a, registry)).toBe(MinistryResolver.of(a, registry));
    expect(MinistryResolver.of(a, registry)).not.toBe(MinistryResolver.of(b, registry));
    expect(MinistryResolver.of(a, registry).definitions.map((d) => d.abbreviation.text)).toContain('CAO');
  });

  it('answers "did you mean" from kept tables without sharing the answer between callers', () => {
    const doc = lint(REPORT, optionsWith(freshRegistry())).document;
    const resolver = new MinistryResolver(doc, config.registry);
    const first = resolver.closest('MOJJ', 'abbreviation');
    expect(first.clear).toBe('MOJ');
    first.candidates.push('changed by a caller');
    expect(resolver.closest('MOJJ', 'abbreviation').candidates).not.toContain('changed by a caller');
  });

  it('keeps "did you mean" answers per fiscal year: tables shared by two years offer each the bodies of its own year', () => {
    const registry = freshRegistry();
    const draft = (fy: number) => `---\ndocument: status-report\nfiscal-year: ${fy}\n---\n\n## 1. A\n\n### (i) B\n\n- C. (MPC)\n`;
    const fy2018 = new MinistryResolver(lint(draft(2018), optionsWith(registry)).document, registry);
    const fy1999 = new MinistryResolver(lint(draft(1999), optionsWith(registry)).document, registry);
    // The Ministry of Internal Affairs and Communications was set up in 2001, when it took over the Ministry of Posts and Telecommunications.
    expect(fy2018.closest('MPC', 'abbreviation').clear).toBe('MIC');
    expect(fy1999.closest('MPC', 'abbreviation').clear).toBe('MPT');
    expect(fy2018.closest('MPC', 'abbreviation').clear).toBe('MIC');
  });
});

describe('the text-comparing rules in an editor', () => {
  it('recompute only the entry a keystroke changed, read only its words, and equal a fresh lint', () => {
    const options: LintOptions = { config, rules };
    const reuse = session();
    const at = typingOffset(REPORT);
    let text = REPORT;
    lint(text, { ...options, ...reuse });
    const typed = ' and extended';
    for (let i = 0; i < typed.length; i++) {
      text = text.slice(0, at + i) + typed[i] + text.slice(at + i);
      const computed = memoWork.computed;
      const unitsRead = descriptionIndexWork.unitsRead;
      const incremental = lint(text, { ...options, ...reuse });
      // duplicate-report's hashes and repeat-mention-description's word set of the one entry typed in.
      expect(memoWork.computed - computed, `keystroke ${i}`).toBe(2);
      expect(descriptionIndexWork.unitsRead - unitsRead, `keystroke ${i}`).toBe(1);
      if (i % 4 === 0) expect(seen(incremental)).toBe(seen(lint(text, options)));
    }
  });

  it('keep one version of their work over many edits', () => {
    const options: LintOptions = { config, rules };
    const reuse = session();
    const at = typingOffset(REPORT);
    let text = REPORT;
    let last: LintResult | undefined;
    for (let i = 0; i < 60; i++) {
      text = text.slice(0, at) + String.fromCharCode(0x61 + (i % 26)) + text.slice(at);
      last = lint(text, { ...options, ...reuse });
    }
    if (!last) throw new Error('no lint');
    const limit = last.document.blocks().length + last.document.measures().length;
    let tables = 0;
    for (const [, value] of reuse.ruleMemo) {
      if (!(value instanceof Map)) continue;
      tables++;
      expect(value.size).toBeLessThanOrEqual(limit);
    }
    expect(tables).toBe(2);
    expect(seen(last)).toBe(seen(lint(text, options)));
  });

  it('re-read every unit when a repeat mention’s description changes, and still equal a fresh lint', () => {
    const options: LintOptions = { config, rules };
    const reuse = session();
    lint(REPORT, { ...options, ...reuse });
    const mention = REPORT.indexOf('Repeat mention');
    expect(mention).toBeGreaterThan(0);
    const colon = REPORT.indexOf(': ', mention) + 2;
    const text = `${REPORT.slice(0, colon)}Awareness raising events for parents ${REPORT.slice(colon)}`;
    const unitsRead = descriptionIndexWork.unitsRead;
    const incremental = lint(text, { ...options, ...reuse });
    expect(descriptionIndexWork.unitsRead - unitsRead).toBeGreaterThan(88);
    expect(seen(incremental)).toBe(seen(lint(text, options)));
  });

  it('without an editor memo compute every value, with the same findings', () => {
    const options: LintOptions = { config, rules };
    const computed = memoWork.computed;
    const once = lint(REPORT, options);
    const twice = lint(REPORT, options);
    // Both lints compute their values: nothing is kept without a memo (157 long entries and more).
    expect(memoWork.computed - computed).toBeGreaterThan(2 * 157);
    expect(seen(once)).toBe(seen(twice));
  });
});
