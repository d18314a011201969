import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildPlan, createConfig } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
test.skipIf(!process.env.PERF)('perf', async () => {
  const seed = readFileSync('seeds/fy2018-status-report.md', 'utf8');
  const vocabulary = [...new Set(seed.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
  for (const n of [100, 200, 400]) {
    const parts = ['---\ndocument: status-report\nfiscal-year: 2018\n---\n\n## 1. Section\n\n'];
    let st = 1;
    for (let i = 1; i <= n; i++) {
      parts.push(`### (i) Measure\n\nActivities shall be promoted. (National Police Agency)\n\n`);
      for (let e = 0; e < 4; e++) parts.push(`- ${Array.from({ length: 30 }, () => vocabulary[(st = (st * 48271) % 2147483647) % vocabulary.length]).join(' ')}. (NPA)\n`);
      parts.push('\n');
    }
    const text = parts.join('');
    let t = performance.now();
    const doc = buildPlan(text);
    const build = performance.now() - t;
    const config = createConfig({ rules });
    const times: string[] = [];
    for (const r of rules) {
      t = performance.now();
      r.check({ document: doc, registry: config.registry, options: r.meta.defaultOptions as never, filePath: undefined, report: () => {} });
      times.push(`${r.meta.id}:${(performance.now() - t).toFixed(0)}`);
    }
    t = performance.now(); doc.blocks(); const tb = performance.now() - t;
    const { rawWords } = await import('../rules/lib/words.js');
    const { shingles, signature, candidatePairs } = await import('../rules/lib/minhash.js');
    t = performance.now(); const ws = doc.blocks().map((b) => rawWords(b.text)); const tw = performance.now() - t;
    t = performance.now(); const sh = ws.map((w) => shingles(w, 3)); const ts = performance.now() - t;
    t = performance.now(); const sg = sh.map((x) => signature(x)); const tsg = performance.now() - t;
    t = performance.now(); const cp = candidatePairs(sg); const tc = performance.now() - t;
    console.log('blocks', tb.toFixed(0), 'words', tw.toFixed(0), 'shingles', ts.toFixed(0), 'sig', tsg.toFixed(0), 'cand', tc.toFixed(0), cp.length);
    console.log(n, 'chars', text.length, 'build', build.toFixed(0), times.join(' '));
  }
});
