#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time and inclusive ("total") time per function,
// and self time per file/package. Usage:
//   node scripts/bench/profile-summary.mjs PROFILE.cpuprofile [--top N] [--filter SUBSTRING]
import { readFileSync } from 'node:fs';

/**
 * @param {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }>,
 *           samples: number[], timeDeltas: number[], startTime: number, endTime: number }} profile
 */
export function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const key = (n) => {
    const f = n.callFrame;
    const url = f.url.replace(/^file:\/\//, '').replace(/^\/work\/main\//, '');
    return `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`;
  };
  const fileOf = (n) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    if (!url) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
    const nm = url.lastIndexOf('node_modules/');
    if (nm >= 0) {
      const rest = url.slice(nm + 'node_modules/'.length).split('/');
      return `node_modules/${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
    }
    if (url.startsWith('node:')) return 'node: internals';
    return url.replace(/^\/work\/main\//, '');
  };
  const self = new Map();
  const total = new Map();
  const files = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + us);
    const f = fileOf(n);
    files.set(f, (files.get(f) ?? 0) + us);
    // inclusive: each distinct function on the stack once
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur));
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + us);
    }
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: totalUs / 1000, self: sorted(self), total: sorted(total), files: sorted(files) };
}

/**
 * plan-lint phases: each sample goes to the innermost frame on its stack that belongs to a phase, so that
 * micromark under parseMarkdown counts as "parse", ajv under the config code as "config", and code run while a
 * module is being loaded as "module loading".
 */
export const PLAN_LINT_PHASES = [
  ['module loading', (url) => url.startsWith('node:internal/modules/')],
  ['JSON Schema compile + validate (ajv)', (url) => /node_modules\/(ajv|fast-uri|fast-deep-equal|json-schema-traverse)\//.test(url)],
  ['config (resolve + validate)', (url) => /packages\/core\/dist\/engine\/config(-schema)?\.js$/.test(url)],
  ['file discovery + ignores', (url) => /packages\/cli\/dist\/(files|ignore)\.js$/.test(url)],
  ['parse (remark-parse)', (url) => url.endsWith('packages/core/dist/model/parse.js')],
  ['plan model', (url) => /packages\/core\/dist\/(model\/|registry\.js|positions\.js)/.test(url)],
  ['rules', (url) => /\/rules\/dist\//.test(url)],
  ['engine (run, directives, sort)', (url) => url.includes('packages/core/dist/engine/')],
  ['formatting + output', (url) => url.includes('packages/cli/dist/formatters/')],
  ['CLI other', (url) => url.includes('packages/cli/dist/') || url.includes('packages/cli/bin/')],
  ['language server', (url) => url.includes('packages/language-server/dist/')],
];

/** @param {Parameters<typeof summarize>[0]} profile */
export function phases(profile, markers = PLAN_LINT_PHASES) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = Math.max(0, profile.timeDeltas[i + 1] ?? 0);
    total += dt;
    const leaf = byId.get(profile.samples[i]);
    let phase;
    const fn = leaf.callFrame.functionName;
    if (fn === '(garbage collector)') phase = 'garbage collection';
    else if (fn === '(idle)' || fn === '(program)') phase = 'idle / V8 (program)';
    else {
      for (let cur = profile.samples[i]; cur !== undefined && !phase; cur = parent.get(cur)) {
        const url = byId.get(cur).callFrame.url.replace(/^file:\/\//, '');
        for (const [name, test] of markers) {
          if (test(url)) {
            phase = name;
            break;
          }
        }
      }
      phase ??= 'other (node startup, bootstrap)';
    }
    out.set(phase, (out.get(phase) ?? 0) + dt);
  }
  return { totalMs: total / 1000, phases: [...out].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write('usage: profile-summary.mjs PROFILE.cpuprofile [--top N] [--filter SUBSTRING]\n');
    process.exit(2);
  }
  const topIdx = args.indexOf('--top');
  const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 25;
  const filterIdx = args.indexOf('--filter');
  const filter = filterIdx >= 0 ? args[filterIdx + 1] : undefined;
  const s = summarize(JSON.parse(readFileSync(file, 'utf8')));
  const ms = (us) => `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / 1000 / s.totalMs).toFixed(1).padStart(5)}%`;
  const show = (title, rows) => {
    console.log(`\n${title}`);
    for (const [k, us] of rows.filter(([k]) => !filter || k.includes(filter)).slice(0, top)) console.log(`${ms(us)}  ${k}`);
  };
  console.log(`sampled ${s.totalMs.toFixed(0)} ms`);
  if (args.includes('--phases')) {
    const p = phases(JSON.parse(readFileSync(file, 'utf8')));
    console.log('\nplan-lint phases (innermost phase on the stack)');
    for (const { name, ms } of p.phases) console.log(`${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / p.totalMs).toFixed(1).padStart(5)}%  ${name}`);
  }
  show('self time by file / package', s.files);
  show('self time by function', s.self);
  show('inclusive time by function', s.total);
}
