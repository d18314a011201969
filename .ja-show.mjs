import { createConfig, lint } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const rule = f.split('/')[1];
  const config = createConfig({ rules, settings: { [rule]: 'error' }, extends: [] });
  for (const k of Object.keys(config.rules)) if (k !== rule) config.rules[k].severity = 'off';
  const r = lint(readFileSync(f, 'utf8'), { config, rules, filePath: f });
  console.log('==', f);
  for (const m of r.messages) console.log(`  ${m.range.start.line}:${m.range.start.column}-${m.range.end.line}:${m.range.end.column} ${m.severity} ${m.message}${m.fix ? ' FIX→' + JSON.stringify(m.fix.edits.map(e=>e.text)) : ''}${m.suggestions ? ' SUG→' + JSON.stringify(m.suggestions.map(s=>s.description)) : ''}`);
}
