import { readFileSync, readdirSync, writeFileSync, existsSync, unlinkSync } from 'node:fs';
import { test } from 'vitest';
import { createConfig, lint, lintAndFix } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const ids = (process.env.GEN ?? '').split(',').filter(Boolean);
const opts: Record<string, Record<string, unknown>> = existsSync('/tmp/gen/options.json') ? JSON.parse(readFileSync('/tmp/gen/options.json', 'utf8')) : {};
test.skipIf(ids.length === 0)('gen', () => {
  const report: string[] = [];
  for (const id of ids) {
    const rule = rules.find((r) => r.meta.id === id)!;
    for (const f of readdirSync(`fixtures/${id}`).filter((n) => n.endsWith('.md') && !n.endsWith('.fixed.md')).sort()) {
      const name = f.slice(0, -3);
      const text = readFileSync(`fixtures/${id}/${f}`, 'utf8');
      const o = opts[`${id}/${name}`];
      const sev = rule.meta.defaultSeverity;
      const config = createConfig({ rules, settings: { [id]: o ? [sev, o] : sev } as never, reportUnusedDisableDirectives: 'off' });
      const res = lint(text, { config, rules });
      const messages = res.messages.map((m) => ({
        ruleId: m.ruleId, line: m.range.start.line, column: m.range.start.column, endLine: m.range.end.line, endColumn: m.range.end.column,
        ...(m.severity === 'info' ? { severity: m.severity } : {}),
      }));
      writeFileSync(`fixtures/${id}/${name}.expected.json`, JSON.stringify(o ? { options: o, messages } : { messages }, null, 2) + '\n');
      const fixedPath = `fixtures/${id}/${name}.fixed.md`;
      if (rule.meta.fixable) {
        const fixed = lintAndFix(text, { config, rules });
        if (fixed.output !== text) writeFileSync(fixedPath, fixed.output);
        else if (existsSync(fixedPath)) unlinkSync(fixedPath);
      }
      report.push(`## ${id}/${name}`);
      for (const m of res.messages) report.push(`  ${m.ruleId} ${m.severity} ${m.range.start.line}:${m.range.start.column}-${m.range.end.line}:${m.range.end.column} [${text.slice(m.range.start.offset, m.range.end.offset).slice(0, 70)}] ${m.message}${m.fix ? ' FIX=' + JSON.stringify(m.fix.edits.map((e) => e.text)) : ''}${m.suggestions ? ' SUGG=' + JSON.stringify(m.suggestions.map((s) => s.edits.map((e) => e.text))) : ''}`);
    }
  }
  writeFileSync('/tmp/gen/report.txt', report.join('\n') + '\n');
});
