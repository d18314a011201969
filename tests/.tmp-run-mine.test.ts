import { test } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createConfig, lint, lintAndFix, buildPlan } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const MINE = (process.env.RULES ?? 'measure-responsibility,ministry-known,ministry-definition,ministry-existence,ministry-not-responsible,status-coverage,status-entry-tag,front-matter').split(',');
test('dump', () => {
  for (const id of MINE) {
    const dir = `fixtures/${id}`;
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'))) {
      if (process.env.ONLY && !f.includes(process.env.ONLY)) continue;
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      const name = f.replace(/\.md$/, '');
      const expPath = `${dir}/${name}.expected.json`;
      const exp = existsSync(expPath) ? (JSON.parse(readFileSync(expPath, 'utf8')) as { options?: Record<string, unknown> }) : {};
      const setting = exp.options ? (['error', exp.options] as ['error', Record<string, unknown>]) : 'error';
      const config = createConfig({ rules, settings: { [id]: setting as never } });
      const res = lint(text, { config, rules, filePath: `${dir}/${f}` });
      console.log(`\n=== ${id}/${f}  kind=${res.document.kind} fy=${res.document.fiscalYear}`);
      if (process.env.MODEL) {
        for (const b of res.document.blocks()) console.log(`   [${b.measureId} #${b.index} ${b.kind} pa=${b.plannedActionIndex} li=${b.listItem}] L${b.range.start.line}-${b.range.end.line} tag=${b.tag ? JSON.stringify(b.tag.names.map((n) => [n.form, n.text])) : 'null'}`);
      }
      for (const m of res.messages) {
        console.log(`  ${m.ruleId} ${m.severity} ${m.range.start.line}:${m.range.start.column}-${m.range.end.line}:${m.range.end.column} ${m.message}${m.fix ? ' [FIX: ' + m.fix.edits.map((e) => e.text).join('|') + ']' : ''}${m.suggestions ? ' [SUG: ' + m.suggestions.map((s) => s.description).join(' / ') + ']' : ''}${m.related ? ' [REL: ' + m.related.map((r) => r.range.start.line + ':' + r.range.start.column + ' ' + r.message).join(' / ') + ']' : ''}`);
      }
      if (res.messages.some((m) => m.fix)) {
        const fixed = lintAndFix(text, { config, rules });
        console.log('  FIXED passes=' + fixed.passes + ' remaining=' + fixed.result.messages.length);
      }
    }
  }
  void buildPlan;
});
