import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createConfig, lint } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const MINE = ['measure-responsibility', 'ministry-known', 'ministry-definition', 'ministry-existence', 'ministry-not-responsible', 'status-coverage', 'status-entry-tag', 'front-matter'];
test('seed', () => {
  const text = readFileSync('seeds/fy2018-status-report.md', 'utf8');
  const settings: Record<string, unknown> = {};
  for (const id of MINE) settings[id] = id === 'status-coverage' && process.env.PER ? ['error', { perMinistry: true }] : rules.find((r) => r.meta.id === id)!.meta.defaultSeverity;
  const config = createConfig({ rules, settings: settings as never });
  const res = lint(text, { config, rules });
  console.log('measures', res.document.measures().length, 'sections', res.document.sections.map((s) => s.measures.length).join('/'));
  const counts: Record<string, number> = {};
  for (const m of res.messages) {
    counts[m.ruleId] = (counts[m.ruleId] ?? 0) + 1;
    console.log(`${m.ruleId} ${m.severity} ${m.measureId ?? ''} ${m.range.start.line}:${m.range.start.column}-${m.range.end.line}:${m.range.end.column} ${m.message}${m.related ? ' [REL: ' + m.related.map((r) => r.range.start.line + ':' + r.range.start.column + ' ' + r.message).join(' / ') + ']' : ''}`);
  }
  console.log(counts);
});
