// In-process timings on one text: remark-parse alone (what any remark-based linter pays) against the full
// plan-lint lint (parse + plan model + every recommended rule + directives), warm, interleaved; and a breakdown
// of the full lint into parse, model building and each rule.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { median } from './stats.mjs';

/** @param {string} repo */
export async function loadEngine(repo) {
  const core = await import(pathToFileURL(path.join(repo, 'packages/core/dist/index.js')).href);
  const { rules } = await import(pathToFileURL(path.join(repo, 'rules/dist/index.js')).href);
  // plan-lint's own parse (chunks, the fast path, remark-parse for the rest), for the breakdown.
  const model = await import(pathToFileURL(path.join(repo, 'packages/core/dist/model/parse.js')).href);
  const chunks = await import(pathToFileURL(path.join(repo, 'packages/core/dist/model/safe-parse.js')).href);
  const fast = await import(pathToFileURL(path.join(repo, 'packages/core/dist/model/fast-parse.js')).href);
  return { core, rules, parseMarkdown: model.parseMarkdown, chunkBoundaries: chunks.chunkBoundaries, fastParse: fast.fastParse };
}

/**
 * How many of the text's parse chunks the fast path builds (the rest go to remark-parse).
 * @param {string} text
 * @param {{ chunkBoundaries: (t: string) => number[], fastParse: (t: string) => unknown }} engine
 */
export function fastPathShare(text, engine) {
  const cuts = [0, ...engine.chunkBoundaries(text), text.length];
  let fast = 0;
  for (let i = 0; i + 1 < cuts.length; i++) if (engine.fastParse(text.slice(cuts[i], cuts[i + 1])) !== undefined) fast++;
  return { chunks: cuts.length - 1, fast };
}

function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Interleaved warm timings: parse, lint, parse, lint, ...
 * @param {string} text
 * @param {{ core: any, rules: readonly any[] }} engine
 * @param {{ warmup: number, iterations: number, budgetMs: number }} plan
 */
export function parseVsLint(text, engine, plan) {
  const { core, rules } = engine;
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  const config = core.createConfig({ rules, extends: 'plan-lint:recommended' });
  const parse = () => processor.parse(text);
  const full = () => core.lint(text, { config, rules, filePath: 'report.md' });
  let messages = 0;
  for (let i = 0; i < plan.warmup; i++) {
    parse();
    messages = full().messages.length;
  }
  const parseMs = [];
  const lintMs = [];
  const parseCpu = [];
  const lintCpu = [];
  const deadline = performance.now() + plan.budgetMs;
  for (let i = 0; i < plan.iterations; i++) {
    let c = cpuNow();
    let t = performance.now();
    parse();
    parseMs.push(performance.now() - t);
    parseCpu.push(cpuNow() - c);
    c = cpuNow();
    t = performance.now();
    full();
    lintMs.push(performance.now() - t);
    lintCpu.push(cpuNow() - c);
    if (i >= 9 && performance.now() > deadline) break;
  }
  return { parseMs, lintMs, parseCpu, lintCpu, messages };
}

/**
 * Where the full lint's time goes: remark-parse alone, plan-lint's own parse, buildPlan (parse + model), and each rule (timed by wrapping its
 * check). Medians over `iterations` warm runs.
 * @param {string} text
 * @param {{ core: any, rules: readonly any[] }} engine
 * @param {{ warmup: number, iterations: number }} plan
 */
export function breakdown(text, engine, plan) {
  const { core, rules } = engine;
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  /** @type {Map<string, number[]>} */
  const perRule = new Map(rules.map((r) => [r.meta.id, []]));
  let current = new Map();
  const wrapped = rules.map((r) => ({
    meta: r.meta,
    check(ctx) {
      const t = performance.now();
      try {
        return r.check(ctx);
      } finally {
        current.set(r.meta.id, (current.get(r.meta.id) ?? 0) + performance.now() - t);
      }
    },
  }));
  const config = core.createConfig({ rules: wrapped, extends: 'plan-lint:recommended' });
  const parseMs = [];
  const ownParseMs = [];
  const buildMs = [];
  const lintMs = [];
  for (let i = 0; i < plan.warmup + plan.iterations; i++) {
    let t = performance.now();
    processor.parse(text);
    const p = performance.now() - t;
    t = performance.now();
    engine.parseMarkdown(text);
    const o = performance.now() - t;
    t = performance.now();
    core.buildPlan(text);
    const b = performance.now() - t;
    current = new Map();
    t = performance.now();
    core.lint(text, { config, rules: wrapped, filePath: 'report.md' });
    const l = performance.now() - t;
    if (i < plan.warmup) continue;
    parseMs.push(p);
    ownParseMs.push(o);
    buildMs.push(b);
    lintMs.push(l);
    for (const [id, list] of perRule) list.push(current.get(id) ?? 0);
  }
  const rulesMedian = [...perRule].map(([id, xs]) => ({ id, ms: median(xs) })).sort((a, b) => b.ms - a.ms);
  const rulesTotal = rulesMedian.reduce((a, r) => a + r.ms, 0);
  return {
    parse: median(parseMs),
    ownParse: median(ownParseMs),
    build: median(buildMs),
    lint: median(lintMs),
    rulesTotal,
    rules: rulesMedian,
  };
}

/**
 * Interleaved warm lints of several texts (a, b, a, b, ...): wall and CPU per lint, for each text.
 * @param {readonly string[]} texts
 * @param {{ core: any, rules: readonly any[] }} engine
 * @param {{ warmup: number, iterations: number, budgetMs: number }} plan
 */
export function lintTimes(texts, engine, plan) {
  const { core, rules } = engine;
  const config = core.createConfig({ rules, extends: 'plan-lint:recommended' });
  const lints = texts.map((text) => () => core.lint(text, { config, rules, filePath: 'report.md' }).messages.length);
  const messages = lints.map((lint) => {
    let n = 0;
    for (let i = 0; i < plan.warmup; i++) n = lint();
    return n;
  });
  const wall = texts.map(() => []);
  const cpu = texts.map(() => []);
  const deadline = performance.now() + plan.budgetMs;
  for (let i = 0; i < plan.iterations; i++) {
    lints.forEach((lint, k) => {
      const c = cpuNow();
      const t = performance.now();
      lint();
      wall[k].push(performance.now() - t);
      cpu[k].push(cpuNow() - c);
    });
    if (i >= 9 && performance.now() > deadline) break;
  }
  return { wall, cpu, messages };
}
