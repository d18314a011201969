#!/usr/bin/env node
/**
 * Linearity check for hostile drafts (run by hand; tests check outcomes only).
 * For each worst-case pattern, lints sizes n and 4n in-process with every rule on
 * (plan-lint:strict) and prints the times and their ratio: ~4 is linear, ~16 quadratic.
 * Needs a build (`npx tsc -b`). Usage: node scripts/hostile-timing.mjs [--cli] [pattern...]
 *   --cli  also time the built CLI as a child process at both sizes (includes startup).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const core = await import(path.join(ROOT, 'packages/core/dist/index.js'));
const { rules } = await import(path.join(ROOT, 'rules/dist/index.js'));
const seed = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const config = core.createConfig({ rules, extends: 'plan-lint:strict' });

const head = '## 1. Section\n\n### (i) Measure\n\nShall be done. (National Police Agency)\n\n';
/** name → [n, (n) => text]: sizes n and 4n are timed. */
const patterns = {
  'report repeated (1.25 MB → 5 MB)': [8, (k) => seed.repeat(k)],
  'blockquote nesting >>>>': [5000, (k) => '>'.repeat(k) + ' text (NPA)\n'],
  'list nesting - - - -': [5000, (k) => '- '.repeat(k) + 'item (NPA)\n'],
  'indented nested lists': [250, (k) => Array.from({ length: k }, (_, i) => ' '.repeat(i * 2) + '- item (NPA)').join('\n') + '\n'],
  'line of (((((': [50000, (k) => head + '- ' + '('.repeat(k) + '\n'],
  'balanced ((((x))))': [25000, (k) => head + '- x ' + '('.repeat(k) + 'NPA' + ')'.repeat(k) + '\n'],
  'tag with many names': [12500, (k) => head + '- Did it (' + Array.from({ length: k }, (_, i) => (i % 2 ? 'NPA' : 'MOJ')).join(', ') + ')\n'],
  'tag with many full names': [5000, (k) => head + 'Shall (' + 'National Police Agency, '.repeat(k) + 'Ministry of Justice)\n'],
  'numeral ### (iiii…)': [25000, (k) => '## 1. S\n\n### (' + 'i'.repeat(k) + ') M\n\n- x (NPA)\n'],
  'many measures': [2000, (k) => '## 1. S\n\n' + Array.from({ length: k }, (_, i) => `### (${'x'.repeat(i % 30)}i) M\n\nShall. (National Police Agency)\n\n- Did it on April ${(i % 28) + 1}, 2018. (NPA)\n`).join('\n')],
  'many sections': [2000, (k) => Array.from({ length: k }, (_, i) => `## ${(i % 999) + 1}. S\n\n### (i) M\n\n- Repeat mention ${i % 7} - (ii): thing (NPA)\n`).join('\n')],
  'many repeat mentions': [1000, (k) => head + Array.from({ length: k }, (_, i) => `- Repeat mention 1 - (${'v'.repeat(i % 20)}): item ${i} (NPA)\n`).join('\n')],
  'identical entries (duplicate-report)': [500, (k) => head + '- The same activity was carried out again in many prefectures with many people. (NPA)\n\n'.repeat(k)],
  'many dates in one entry': [5000, (k) => head + '- ' + 'from November 11 to 25, 2018 and April 31, 2019, FY2018, 平成30年度 '.repeat(k) + '(NPA)\n'],
  'whitespace after "Repeat mention 1"': [50000, (k) => head + '- Repeat mention 1' + ' \t'.repeat(k) + 'x (NPA)\n'],
  'unclosed <!-- plan-lint- comments': [20000, (k) => head + '<!-- plan-lint-disable x ' + '<!--'.repeat(k) + '\n\n'],
  'legend heading + spaces': [50000, (k) => '## Abbreviations' + ' '.repeat(k) + 'x\n\n- NPA: National Police Agency\n'],
  "run of apostrophes": [50000, (k) => head + "- x" + "'".repeat(k) + 'y (NPA)\n'],
  'FY label + Japanese gap': [20000, (k) => head + '- 平成30年度' + '、'.repeat(k) + 'x 2019年1月 (NPA)\n'],
  'long front matter': [20000, (k) => '---\n' + Array.from({ length: k }, (_, i) => `k${i}: ${'v'.repeat(20)}`).join('\n') + '\n---\n' + head],
  'directives everywhere': [5000, (k) => head + Array.from({ length: k }, (_, i) => `<!-- plan-lint-disable-next-line ministry-known rule-${i} -->\n- Did it (NPAA)\n`).join('\n')],
  'emphasis/link soup': [20000, (k) => head + '- ' + '*a _b [c](d `e'.repeat(k) + ' (NPA)\n'],
};

function time(text) {
  const t = performance.now();
  const result = core.lint(text, { config, rules });
  const ms = performance.now() - t;
  const crash = result.messages.some((m) => m.ruleId === 'rule-crash' || (m.ruleId === 'parse' && /could not read/.test(m.message)));
  return { ms, crash, messages: result.messages.length };
}

const args = process.argv.slice(2);
const cli = args.includes('--cli');
const only = args.filter((a) => !a.startsWith('--'));
const dir = cli ? mkdtempSync(path.join(tmpdir(), 'plan-lint-timing-')) : undefined;
const rows = [];
for (const [name, [n, make]] of Object.entries(patterns)) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const small = make(n);
  const large = make(4 * n);
  time(small); // warm-up
  const a = time(small);
  const b = time(large);
  const row = {
    pattern: name,
    n,
    'size n': small.length,
    'ms n': Math.round(a.ms),
    'ms 4n': Math.round(b.ms),
    ratio: +(b.ms / Math.max(a.ms, 1)).toFixed(1),
    crash: a.crash || b.crash,
  };
  if (cli && dir) {
    for (const [label, text] of [['cli n', small], ['cli 4n', large]]) {
      const file = path.join(dir, 'draft.md');
      writeFileSync(file, text);
      const t = performance.now();
      const r = spawnSync(process.execPath, [path.join(ROOT, 'packages/cli/bin/plan-lint.js'), file], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      row[label] = `${Math.round(performance.now() - t)} ms, exit ${r.status}`;
    }
  }
  rows.push(row);
  console.log(JSON.stringify(row));
}
if (dir) rmSync(dir, { recursive: true, force: true });
console.table(rows);
