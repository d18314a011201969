import { test } from 'vitest';
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { createConfig, lint, lintAndFix } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const MINE = ['measure-responsibility', 'ministry-known', 'ministry-definition', 'ministry-existence', 'ministry-not-responsible', 'status-coverage', 'status-entry-tag', 'front-matter'];
test('gen', () => {
  for (const id of MINE) {
    const rule = rules.find((r) => r.meta.id === id)!;
    const dir = `fixtures/${id}`;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'))) {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      const name = f.replace(/\.md$/, '');
      const expPath = `${dir}/${name}.expected.json`;
      const old = existsSync(expPath) ? (JSON.parse(readFileSync(expPath, 'utf8')) as { options?: Record<string, unknown> }) : {};
      const sev = rule.meta.defaultSeverity;
      const setting = old.options ? [sev, old.options] : sev;
      const config = createConfig({ rules, settings: { [id]: setting as never } });
      const res = lint(text, { config, rules, filePath: `${dir}/${f}` });
      const messages = res.messages.map((m) => ({ ruleId: m.ruleId, line: m.range.start.line, column: m.range.start.column, endLine: m.range.end.line, endColumn: m.range.end.column, severity: m.severity }));
      const out: Record<string, unknown> = {};
      if (old.options) out.options = old.options;
      out.messages = messages;
      writeFileSync(expPath, JSON.stringify(out, null, 2) + '\n');
      if (res.messages.some((m) => m.fix)) {
        const fixed = lintAndFix(text, { config, rules });
        writeFileSync(`${dir}/${name}.fixed.md`, fixed.output);
      }
      console.log(`${id}/${name}: ${messages.length} ${name.startsWith('valid') && messages.length ? '!!! VALID WITH MESSAGES' : ''}${name.startsWith('invalid') && !messages.length ? '!!! INVALID WITHOUT' : ''}`);
    }
  }
});
