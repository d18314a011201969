import { describe, expect, it } from 'vitest';
import {
  applyFixes,
  createConfig,
  lint,
  lintAndFix,
  DOCS_BASE_URL,
  ruleDocsUrl,
  type AnyRule,
  type LintMessage,
  type ReportDescriptor,
  type Rule,
  type RuleContext,
  type RuleMeta,
  type RuleSetting,
  type Severity,
} from '@plan-lint/core';

type Check = (ctx: RuleContext<Record<string, unknown>>) => void;

function rule(id: string, check: Check, meta: Partial<RuleMeta> = {}): AnyRule {
  const r: Rule = {
    meta: {
      id,
      description: `test rule ${id}`,
      defaultSeverity: 'error',
      recommended: true,
      fixable: true,
      hasSuggestions: false,
      schema: { type: 'object', additionalProperties: true },
      defaultOptions: {},
      appliesTo: ['plan', 'status-report'],
      docs: `${id}.md`,
      ...meta,
    },
    check,
  };
  return r as AnyRule;
}

/** Reports every occurrence of `word` (option, default "TODO") with a fix replacing it by `replacement`. */
function wordRule(id: string, defaults: Record<string, unknown> = {}, extra: Partial<ReportDescriptor> = {}): AnyRule {
  return rule(
    id,
    (ctx) => {
      const word = String(ctx.options['word']);
      const replacement = ctx.options['replacement'];
      const text = ctx.document.text;
      for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
        const range = ctx.document.rangeAt(i, i + word.length);
        const d: ReportDescriptor = { message: `Unexpected '${word}'`, range, ...extra };
        if (typeof replacement === 'string') d.fix = { description: `Replace with '${replacement}'`, edits: [{ range, text: replacement }] };
        ctx.report(d);
      }
    },
    { defaultOptions: { word: 'TODO', replacement: 'DONE', ...defaults } },
  );
}

const todo = wordRule('no-todo');
const fixme = wordRule('no-fixme', { word: 'FIXME', replacement: undefined }, {});
const crashy = rule('crashy', () => {
  throw new Error('boom');
});

function configFor(rules: readonly AnyRule[], settings: Record<string, RuleSetting>, extra: { noInlineConfig?: boolean; reportUnused?: Severity } = {}) {
  return createConfig({
    rules,
    settings,
    ...(extra.noInlineConfig !== undefined ? { noInlineConfig: extra.noInlineConfig } : {}),
    ...(extra.reportUnused !== undefined ? { reportUnusedDisableDirectives: extra.reportUnused } : {}),
  });
}

function run(text: string, rules: readonly AnyRule[], settings: Record<string, RuleSetting>, extra: Parameters<typeof configFor>[2] = {}) {
  return lint(text, { rules, config: configFor(rules, settings, extra) });
}

const brief = (m: LintMessage) => `${m.range.start.line}:${m.range.start.column} ${m.ruleId} ${m.severity}`;

const DRAFT = [
  '## 1. Enhancement of public awareness',
  '',
  '### (i) Convening of a public-private conference',
  '',
  'Efforts shall be made to TODO promote awareness. (National Police Agency)',
  '',
  '- NPA held a meeting in November 2018 (NPA)',
  '',
].join('\n');

describe('running rules', () => {
  it('turns reports into messages with severity from config, docs url and measure id', () => {
    const r = run(DRAFT, [todo], { 'no-todo': 'warn' });
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0]!;
    expect(m).toMatchObject({ ruleId: 'no-todo', severity: 'warning', message: "Unexpected 'TODO'", measureId: '1-(i)' });
    expect(m.range.start).toMatchObject({ line: 5, column: 26 });
    expect(m.url).toBe(ruleDocsUrl('no-todo'));
    expect([r.errorCount, r.warningCount, r.infoCount, r.fixableErrorCount, r.fixableWarningCount]).toEqual([0, 1, 0, 0, 1]);
  });

  it('skips rules that are off or not configured, and rules not for this kind of document', () => {
    const planOnly = rule('plan-only', (ctx) => ctx.report({ message: 'plan only', range: ctx.document.rangeAt(0, 1) }), { appliesTo: ['plan'] });
    const statusOnly = rule('status-only', (ctx) => ctx.report({ message: 'status only', range: ctx.document.rangeAt(0, 1) }), { appliesTo: ['status-report'] });
    const rules = [todo, planOnly, statusOnly, fixme];
    const plan = '---\ndocument: plan\n---\n\n' + DRAFT;
    const status = '---\ndocument: status-report\n---\n\n' + DRAFT;
    expect(run(plan, rules, { 'no-todo': 'off', 'plan-only': 'error', 'status-only': 'error' }).messages.map((m) => m.ruleId)).toEqual(['plan-only']);
    expect(run(status, rules, { 'no-todo': 'off', 'plan-only': 'error', 'status-only': 'error' }).messages.map((m) => m.ruleId)).toEqual(['status-only']);
  });

  it('a report may lower its severity but never raise it', () => {
    const lower = wordRule('lower', {}, { severity: 'info' });
    const raise = wordRule('raise', {}, { severity: 'error' });
    const r = run(DRAFT, [lower, raise], { lower: 'error', raise: 'warn' });
    expect(r.messages.map(brief)).toEqual(['5:26 lower info', '5:26 raise warning']);
    expect(r.infoCount).toBe(1);
  });

  it('merges configured options over the defaults', () => {
    const text = 'TODO FIXME XXX\n';
    expect(run(text, [todo], { 'no-todo': ['error', { word: 'XXX' }] }).messages.map((m) => m.message)).toEqual(["Unexpected 'XXX'"]);
    const seen: unknown[] = [];
    const opts = rule('opts', (ctx) => void seen.push(ctx.options), { defaultOptions: { a: 1, nested: { x: 1, y: 2 }, list: [1, 2] } });
    run(text, [opts], { opts: ['warn', { nested: { y: 3 }, list: [9] }] });
    expect(seen).toEqual([{ a: 1, nested: { x: 1, y: 3 }, list: [9] }]);
  });

  it('a crashing rule becomes one fatal message and the other rules still run', () => {
    const r = run(DRAFT, [crashy, todo], { crashy: 'warn', 'no-todo': 'error' });
    expect(r.messages.map(brief)).toEqual(['1:1 rule-crash error', '5:26 no-todo error']);
    expect(r.messages[0]).toMatchObject({ message: "Rule 'crashy' failed: boom", fatal: true });
    expect(r.errorCount).toBe(2);
  });

  it('a report without a range counts as a crash of that rule, not of lint', () => {
    const bad = rule('bad-report', (ctx) => ctx.report({ message: 'no range' } as ReportDescriptor));
    const r = run(DRAFT, [bad, todo], { 'bad-report': 'error', 'no-todo': 'error' });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['rule-crash', 'no-todo']);
    expect(r.messages[0]!.message).toMatch(/^Rule 'bad-report' failed: report\(\) needs a range/);
  });

  it('sorts by position, then rule id', () => {
    const text = 'FIXME TODO\nTODO\n';
    const r = run(text, [todo, wordRule('a-first', { word: 'TODO' }), fixme], { 'no-todo': 'error', 'a-first': 'warn', 'no-fixme': 'info' });
    expect(r.messages.map(brief)).toEqual(['1:1 no-fixme info', '1:7 a-first warning', '1:7 no-todo error', '2:1 a-first warning', '2:1 no-todo error']);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', '\uFEFF', '<!--', '---\n', '## 1.\n### (\n', '\u0000\uD800', 'x'.repeat(10000)]) {
      expect(() => run(text, [todo, crashy], { 'no-todo': 'error', crashy: 'error' })).not.toThrow();
    }
  });

  it('strips a BOM: positions count from the first real character', () => {
    const r = run('\uFEFFTODO\n', [todo], { 'no-todo': 'error' });
    expect(r.messages[0]!.range.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(r.source).toBe('TODO\n');
  });

  it("docs urls point to the rule's page on the documentation site, engine ids into its directives page", () => {
    expect(ruleDocsUrl('numbering')).toBe(`${DOCS_BASE_URL}rules/numbering.html`);
    expect(ruleDocsUrl('rule-crash')).toBe(`${DOCS_BASE_URL}rules/directives.html#rule-crash`);
    expect(DOCS_BASE_URL).toMatch(/^https:\/\/.*\/$/);
  });
});

describe('inline directives', () => {
  const rules = [todo, fixme];
  const on = { 'no-todo': 'error', 'no-fixme': 'warn' } as const;
  const lines = (...l: string[]) => l.join('\n') + '\n';

  it('disable / enable regions for all rules and named rules', () => {
    const text = lines(
      'TODO FIXME',
      '',
      '<!-- plan-lint-disable -->',
      '',
      'TODO FIXME',
      '',
      '<!-- plan-lint-enable no-fixme -->',
      '',
      'TODO FIXME',
      '',
      '<!-- plan-lint-enable -->',
      '',
      '<!-- plan-lint-disable no-todo -- tracked in #12 -->',
      '',
      'TODO FIXME',
    );
    const r = run(text, rules, on);
    expect(r.messages.map(brief)).toEqual(['1:1 no-todo error', '1:6 no-fixme warning', '9:6 no-fixme warning', '15:6 no-fixme warning']);
    expect(r.suppressedMessages.map(brief)).toEqual(['5:1 no-todo error', '5:6 no-fixme warning', '9:1 no-todo error', '15:1 no-todo error']);
    const last = r.suppressedMessages[3]!;
    expect(last.suppressed).toMatchObject({ kind: 'inSource', reason: 'tracked in #12' });
    expect(last.suppressed!.range.start.line).toBe(13);
    expect(r.errorCount).toBe(1);
  });

  it('disable-line and disable-next-line', () => {
    const text = lines(
      'TODO FIXME <!-- plan-lint-disable-line no-todo -->',
      '',
      '<!-- plan-lint-disable-next-line -->',
      'TODO FIXME',
      'TODO',
    );
    const r = run(text, rules, on);
    expect(r.messages.map(brief)).toEqual(['1:6 no-fixme warning', '5:1 no-todo error']);
    expect(r.suppressedMessages.map(brief)).toEqual(['1:1 no-todo error', '4:1 no-todo error', '4:6 no-fixme warning']);
  });

  it('reports unknown rule ids with a suggestion, and they silence nothing', () => {
    const text = lines('<!-- plan-lint-disable-next-line no-tdo -->', 'TODO');
    const r = run(text, rules, on);
    expect(r.messages.map(brief)).toEqual(['1:34 unknown-rule-in-directive error', '2:1 no-todo error']);
    expect(r.messages[0]!.message).toBe("Unknown rule 'no-tdo' in 'plan-lint-disable-next-line' comment; did you mean 'no-todo'?");
    expect(r.messages[0]!.url).toBe(ruleDocsUrl('unknown-rule-in-directive'));
  });

  it('reports unused disable comments at the configured severity, with a fix removing them', () => {
    const text = lines('Intro.', '', '<!-- plan-lint-disable no-todo -->', '', 'Nothing to see.', '', 'FIXME <!-- plan-lint-disable-line -->');
    const r = run(text, rules, on, { reportUnused: 'error' });
    expect(r.messages.map(brief)).toEqual(['3:1 unused-disable-directive error']);
    expect(r.messages[0]!.message).toBe("Unused 'plan-lint-disable' comment: no problem from 'no-todo' was reported here; remove it.");
    const fixed = lintAndFix(text, { rules, config: configFor(rules, on, { reportUnused: 'error' }) });
    expect(fixed.output).toBe(lines('Intro.', '', 'Nothing to see.', '', 'FIXME <!-- plan-lint-disable-line -->'));
    expect(fixed.result.messages).toEqual([]);
    expect(run(text, rules, on, { reportUnused: 'off' }).messages).toEqual([]);
  });

  it('removes an unused comment line in a CRLF draft without leaving a stray line break', () => {
    const text = 'Intro.\r\n\r\n<!-- plan-lint-disable no-todo -->\r\n\r\nText.\r\n';
    expect(lintAndFix(text, { rules, config: configFor(rules, on) }).output).toBe('Intro.\r\n\r\nText.\r\n');
    const last = 'Intro.\n\n<!-- plan-lint-disable -->';
    expect(lintAndFix(last, { rules, config: configFor(rules, on) }).output).toBe('Intro.\n');
  });

  it('an unused inline comment is removed with the space before it', () => {
    const text = lines('Intro <!-- plan-lint-disable-line --> here.', '', 'Text (NPA) <!-- plan-lint-disable-line no-todo -->');
    const fixed = lintAndFix(text, { rules, config: configFor(rules, on) });
    expect(fixed.output).toBe(lines('Intro here.', '', 'Text (NPA)'));
  });

  it('names only the unused rule of a comment that silenced something', () => {
    const text = lines('<!-- plan-lint-disable-next-line no-todo, no-fixme -->', 'TODO');
    const config = configFor(rules, on);
    const r = lint(text, { rules, config });
    expect(r.messages.map(brief)).toEqual(['1:43 unused-disable-directive warning']);
    expect(r.messages[0]!.message).toBe(
      "Unused 'no-fixme' in 'plan-lint-disable-next-line' comment: no problem from 'no-fixme' was reported here; remove it from the comment.",
    );
    expect(lintAndFix(text, { rules, config }).output).toBe(lines('<!-- plan-lint-disable-next-line no-todo -->', 'TODO'));
  });

  it('a comment naming a rule that is switched off is unused', () => {
    const text = lines('<!-- plan-lint-disable-next-line no-fixme -->', 'FIXME');
    const r = run(text, rules, { 'no-todo': 'error', 'no-fixme': 'off' });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['unused-disable-directive']);
  });

  it('noInlineConfig ignores comments and warns once', () => {
    const text = lines('<!-- plan-lint-disable -->', '', 'TODO', '', '<!-- plan-lint-disable-next-line no-tdo -->', 'FIXME');
    const r = run(text, rules, on, { noInlineConfig: true });
    expect(r.messages.map(brief)).toEqual(['1:1 unused-disable-directive warning', '3:1 no-todo error', '6:1 no-fixme warning']);
    expect(r.messages[0]!.message).toBe(
      "Inline 'plan-lint-disable' comment (and 1 other plan-lint comment) has no effect because 'noInlineConfig' is set in the configuration.",
    );
    expect(r.suppressedMessages).toEqual([]);
  });

  it('a comment naming only unknown rules silences nothing (it is not an all-rules comment)', () => {
    const text = lines('<!-- plan-lint-disable no-tdo -->', '', 'TODO');
    const r = run(text, rules, on);
    expect(r.messages.map(brief)).toEqual(['1:24 unknown-rule-in-directive error', '3:1 no-todo error']);
    expect(r.suppressedMessages).toEqual([]);
  });

  it('reports model problems as "parse", which a comment can silence by name', () => {
    const text = lines('### (i) A measure before any section', '', 'Text.');
    const r = run(text, rules, on);
    expect(r.messages.map(brief)).toEqual(['1:1 parse error']);
    expect(r.messages[0]!.message).toMatch(/comes before any section/);
    expect(r.messages[0]!.url).toBe(ruleDocsUrl('parse'));
    const silenced = run(lines('<!-- plan-lint-disable-next-line parse -->', ...text.split('\n')), rules, on);
    expect(silenced.messages).toEqual([]);
    expect(silenced.suppressedMessages.map((m) => m.ruleId)).toEqual(['parse']);
  });

  it('never silences a rule crash', () => {
    const text = lines('<!-- plan-lint-disable -->', '', 'TODO');
    const r = run(text, [crashy, todo], { crashy: 'error', 'no-todo': 'error' });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['rule-crash']);
    expect(r.suppressedMessages.map((m) => m.ruleId)).toEqual(['no-todo']);
  });
});

describe('fixes', () => {
  const msg = (start: number, end: number, text: string, ruleId = 'r'): LintMessage => ({
    ruleId,
    severity: 'error',
    message: 'm',
    url: '',
    range: { start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } },
    fix: { description: 'f', edits: [{ range: { start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } }, text }] },
  });

  it('applies non-overlapping fixes and skips overlapping ones', () => {
    const a = msg(0, 3, 'ABC');
    const b = msg(2, 5, 'XYZ');
    const c = msg(7, 8, 'g');
    const { output, applied } = applyFixes('abcdef G', [c, b, a]);
    expect(output).toBe('ABCdef g');
    expect(applied).toEqual([a, c]);
  });

  it("applies a fix's edits all together or not at all", () => {
    const first = msg(0, 1, 'X');
    const multi: LintMessage = { ...msg(3, 4, '['), fix: { description: 'wrap', edits: [msg(3, 3, '[').fix!.edits[0]!, msg(0, 1, 'Y').fix!.edits[0]!] } };
    const out = applyFixes('abcdef', [first, multi]);
    expect(out.output).toBe('Xbcdef');
    expect(out.applied).toEqual([first]);
    const both = applyFixes('abcdef', [{ ...multi, fix: { description: 'wrap', edits: [msg(1, 1, '[').fix!.edits[0]!, msg(3, 3, ']').fix!.edits[0]!] } }]);
    expect(both.output).toBe('a[bc]def');
  });

  it('skips fixes with impossible offsets instead of corrupting the text', () => {
    expect(applyFixes('abc', [msg(2, 10, 'x'), msg(-1, 0, 'y')]).output).toBe('abc');
  });

  it('keeps CRLF line endings when a fix inserts "\\n"', () => {
    const split = rule('split', (ctx) => {
      const i = ctx.document.text.indexOf(';');
      if (i !== -1) {
        const range = ctx.document.rangeAt(i, i + 1);
        ctx.report({ message: 'split', range, fix: { description: 'split', edits: [{ range, text: '\n\n' }] } });
      }
    });
    const text = 'Intro.\r\n\r\nFirst; second\r\n';
    const fixed = lintAndFix(text, { rules: [split], config: configFor([split], { split: 'error' }) });
    expect(fixed.output).toBe('Intro.\r\n\r\nFirst\r\n\r\n second\r\n');
    const lf = lintAndFix(text.replace(/\r\n/g, '\n'), { rules: [split], config: configFor([split], { split: 'error' }) });
    expect(lf.output).toBe('Intro.\n\nFirst\n\n second\n');
  });

  it('keeps the BOM', () => {
    const fixed = lintAndFix('\uFEFFa TODO\n', { rules: [todo], config: configFor([todo], { 'no-todo': 'error' }) });
    expect(fixed.output).toBe('\uFEFFa DONE\n');
    expect(fixed.changed).toBe(true);
  });

  it('re-lints until nothing changes: overlapping fixes land in later passes', () => {
    const squash = wordRule('squash', { word: 'aa', replacement: 'a' });
    const fixed = lintAndFix('aaaaaaaa\n', { rules: [squash], config: configFor([squash], { squash: 'error' }) });
    expect(fixed.output).toBe('a\n');
    expect(fixed.passes).toBeGreaterThan(1);
    expect(fixed.result.messages).toEqual([]);
  });

  it('stops after maxPasses when fixes never converge', () => {
    const grow = wordRule('grow', { word: 'a', replacement: 'aa' });
    const fixed = lintAndFix('a\n', { rules: [grow], config: configFor([grow], { grow: 'error' }) }, 3);
    expect(fixed.passes).toBe(3);
    expect(fixed.output).toBe('a'.repeat(8) + '\n');
    expect(fixed.result.messages.length).toBe(8);
  });

  it('reports changed: false and zero passes when nothing is fixable', () => {
    const fixed = lintAndFix('FIXME\n', { rules: [fixme], config: configFor([fixme], { 'no-fixme': 'error' }) });
    expect(fixed).toMatchObject({ output: 'FIXME\n', passes: 0, changed: false });
    expect(fixed.result.messages).toHaveLength(1);
  });

  it('does not apply fixes of silenced messages', () => {
    const text = '<!-- plan-lint-disable-next-line no-todo -->\nTODO\n';
    const fixed = lintAndFix(text, { rules: [todo], config: configFor([todo], { 'no-todo': 'error' }) });
    expect(fixed.output).toBe(text);
  });
});
