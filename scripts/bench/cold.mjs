#!/usr/bin/env node
// One cold CLI-like run, step by step, in a fresh process: what a `plan-lint FILE` invocation pays before,
// during and after linting. Each step is timed the first time it runs (cold: modules loaded, JIT not warm) and
// again right after (second call), so module loading and one-time setup (schema compilation) show apart from
// the work itself. Usage: node scripts/bench/cold.mjs [FILE] [--json]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const processStart = performance.now(); // ms since the process started: node bootstrap + loading this script
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(REPO, 'seeds/fy2018-status-report.md'));
const url = (p) => pathToFileURL(path.join(REPO, p)).href;

/** @type {{ step: string, cold: number, coldCpu?: number, again?: number }[]} */
const steps = [];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function step(name, fn, repeat = false) {
  const c = cpu();
  let t = performance.now();
  const value = await fn();
  const cold = performance.now() - t;
  const coldCpu = cpu() - c;
  let again;
  if (repeat) {
    t = performance.now();
    await fn();
    again = performance.now() - t;
  }
  steps.push({ step: name, cold, coldCpu, ...(again !== undefined ? { again } : {}) });
  return value;
}

steps.push({ step: 'node bootstrap (process start → script runs)', cold: processStart, coldCpu: cpu() });
const core = await step('import @plan-lint/core (+ unified, micromark, ajv, yaml, ...)', () => import(url('packages/core/dist/index.js')));
const { rules } = await step('import @plan-lint/rules', () => import(url('rules/dist/index.js')));
const cli = await step('import the CLI (packages/cli/dist/main.js)', () => import(url('packages/cli/dist/main.js')));
const formatters = await step('import the formatter registry', () => import(url('packages/cli/dist/formatters/index.js')));
const resolved = await step('resolve config for the file (schemas compiled with ajv)', () => core.resolveConfigForFile(file, { rules, cwd: path.dirname(file) }), true);
const text = await step('read the file', () => readFileSync(file, 'utf8'));
await step('buildPlan (parse + plan model, front-matter schema)', () => core.buildPlan(text), true);
const result = await step('lint (buildPlan + rules + directives)', () => core.lint(text, { config: resolved.config, rules, filePath: file }), true);
const stylish = await step('load the stylish formatter', () => formatters.loadFormatter('stylish'));
await step(
  'format (stylish)',
  () =>
    stylish([{ ...result, filePath: file }], {
      cwd: path.dirname(file),
      color: false,
      locale: result.locale,
      rules: new Map(rules.map((r) => [r.meta.id, r.meta])),
      ruleDocs: () => undefined,
      ruleUrl: (id) => core.ruleDocsUrl(id),
      version: typeof cli.version === 'function' ? cli.version() : '0.0.0',
      exitCode: 0,
      now: new Date(),
    }),
  true,
);
const total = performance.now();

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ file, total, steps, messages: result.messages.length }, null, 2)}\n`);
} else {
  const w = Math.max(...steps.map((s) => s.step.length));
  for (const s of steps) {
    const c = s.coldCpu !== undefined ? `${s.coldCpu.toFixed(0).padStart(6)} ms CPU` : ''.padStart(13);
    process.stdout.write(`${s.step.padEnd(w)}  ${s.cold.toFixed(1).padStart(8)} ms wall ${c}${s.again !== undefined ? `   (again: ${s.again.toFixed(1)} ms)` : ''}\n`);
  }
  process.stdout.write(`${'total since process start'.padEnd(w)}  ${total.toFixed(1).padStart(8)} ms wall ${cpu().toFixed(0).padStart(6)} ms CPU  (${result.messages.length} messages)\n`);
}
