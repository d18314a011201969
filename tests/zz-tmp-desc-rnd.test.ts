import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { buildPlan } from '@plan-lint/core';
import { WordWeights, contentWordSet } from '../rules/lib/words.js';
import { targetMeasure, canonicalMeasureId } from '../rules/lib/repeat.js';
test.skipIf(!process.env.FILE)('desc', () => {
  const doc = buildPlan(readFileSync(process.env.FILE!, 'utf8'));
  const all = doc.measures().map((m) => ({ m, id: canonicalMeasureId(m), units: [contentWordSet(m.title), ...m.blocks.filter((b) => b.kind === 'status-entry').map((b) => contentWordSet(b.text))] }));
  const w = new WordWeights();
  for (const m of all) for (const u of m.units) w.add(u);
  for (const b of doc.blocks()) {
    if (!b.repeat) continue;
    const q = contentWordSet(b.repeat.description);
    const t = targetMeasure(doc, b.repeat);
    const sc = all.map((m) => ({ id: m.id, s: Math.max(...m.units.map((u) => w.coverage(q, u))) })).sort((a, b) => b.s - a.s);
    const ts = sc.find((x) => x.id === (t ? canonicalMeasureId(t) : ''));
    console.log(b.measureId, '->', b.repeat.targetId, 'target', ts?.s.toFixed(2), 'top', sc.slice(0, 3).map((x) => `${x.id}:${x.s.toFixed(2)}`).join(' '), '|', [...q].join(' '));
  }
});
