import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildPlan, loadDefaultRegistry } from '@plan-lint/core';
test('seed2', () => {
  const doc = buildPlan(readFileSync('seeds/fy2018-status-report.md', 'utf8'), { registry: loadDefaultRegistry() });
  const counts: Record<string, number> = {};
  for (const b of doc.blocks()) {
    const k = `${b.kind}${b.tag ? '' : ' (untagged)'}${b.listItem ? ' li' : ''}`;
    counts[k] = (counts[k] ?? 0) + 1;
    if (!b.tag || b.kind === 'text') console.log(b.measureId, b.kind, b.range.start.line, b.text.slice(0, 100));
  }
  console.log(counts, doc.problems);
});
