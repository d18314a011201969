import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { createConfig, lint, lintAndFix } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const file = process.env.FILE ?? '';
const only = (process.env.RULES ?? '').split(',').filter(Boolean);
const opts = process.env.OPTS ? JSON.parse(process.env.OPTS) : undefined;
test.skipIf(!file)('run', () => {
  const text = readFileSync(file, 'utf8');
  const settings: Record<string, unknown> = {};
  for (const id of only) {
    const r = rules.find((x) => x.meta.id === id)!;
    settings[id] = opts ? [r.meta.defaultSeverity === 'off' ? 'warn' : r.meta.defaultSeverity, opts] : r.meta.defaultSeverity;
  }
  const config = createConfig({ rules, settings: settings as never, reportUnusedDisableDirectives: 'off' });
  const res = lint(text, { config, rules });
  const out = res.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, line: m.range.start.line, column: m.range.start.column, endLine: m.range.end.line, endColumn: m.range.end.column, message: m.message, text: text.slice(m.range.start.offset, m.range.end.offset).slice(0, 80), fix: m.fix?.edits, sugg: m.suggestions?.map(s=>s.description), related: m.related?.map(r=>`${r.message} @${r.range.start.line}`) }));
  writeFileSync(process.env.OUT ?? '/tmp/gen/out.json', JSON.stringify(out, null, 1));
  if (process.env.FIXOUT) writeFileSync(process.env.FIXOUT, lintAndFix(text, { config, rules }).output);
});
