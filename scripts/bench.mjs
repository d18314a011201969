#!/usr/bin/env node
// plan-lint benchmark: `npm run bench` (after `npx tsc -b`). Prints, in one run on this machine:
//   1. whole-process time of the plan-lint CLI vs markdownlint-cli2 and remark-cli (remark-preset-lint-recommended)
//      on the real report, interleaved runs, medians and ratios;
//   2. in-process: remark-parse alone vs the full lint, warm, interleaved, medians; and where the lint's time goes;
//   3. language server: edit-to-publish latency p50/p95 (debounce 0 and the default debounce);
//   4. scaling: 1×, 10×, 100× the report in one file and 100 separate reports: time, peak memory, time per MB;
//   5. links: the CLI on the plan + 10 reports linked to it against the same 10 reports unlinked (CPU);
//   6. ja: a Japanese report of the same size (scripts/bench/generate-ja.mjs) against the English one, in process
//      and through the CLI;
// and the targets with PASS/MISS. Generated files go to a temporary directory that is removed at the end.
//
// Flags: --quick (few runs: a smoke test), --json FILE (all figures as JSON), --only LIST (cli,inprocess,server,
// scaling,links,ja), --keep (keep the temporary directory), --timeout SECONDS (per scaling run; default: 1.6× the linear
// prediction for the largest single file, so that a stop proves non-linear growth; 180 s for the others).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatenatedReport, reportCopy } from './bench/generate.mjs';
import { japaneseReport } from './bench/generate-ja.mjs';
import { timedNode, hasGnuTime } from './bench/proc.mjs';
import { loadEngine, parseVsLint, breakdown, fastPathShare, lintTimes } from './bench/inprocess.mjs';
import { measureServer } from './bench/lsp.mjs';
import { median, percentile, summary, fmtMs, fmtKb, fmtRatio, verdict, table } from './bench/stats.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = path.join(REPO, 'seeds/fy2018-status-report.md');
const CLI = path.join(REPO, 'packages/cli/bin/plan-lint.js');
const SERVER = path.join(REPO, 'packages/language-server/bin/plan-lint-language-server.js');
const MDL = path.join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const REMARK = path.join(REPO, 'node_modules/remark-cli/cli.js');
const REMARK_PRESET = path.join(REPO, 'node_modules/remark-preset-lint-recommended/index.js');

const TARGETS = {
  cliVsMarkdownlint: 0.5,
  lintVsParse: 1.3,
  serverP95Ms: 50,
  hundredReportsMs: 3000,
  /** CLI CPU on the plan + 10 linked reports, against the 10 reports unlinked. */
  linkedVsUnlinked: 1.3,
  /** Server edit → publish p95 in a report with its plan and 9 other linked reports open (debounce 0). */
  linkedServerP95Ms: 30,
  /** An edit of the plan until all 10 open reports linked to it have fresh diagnostics. */
  planRefreshMs: 200,
  /** A Japanese report of the same size lints in at most this many times the English report's time (warm, CPU). */
  japaneseVsEnglish: 1.5,
  /** Marginal cost per MB from 10× to 100× at most this many times the one from 1× to 10×. */
  linearSlack: 1.5,
};
/** A single-file case may run this many times its linear prediction before it is stopped (> linearSlack: a stop is a MISS). */
const PROOF_FACTOR = 1.6;

// ---------------------------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { quick: false, json: undefined, only: undefined, keep: false, timeoutS: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--json') opts.json = argv[++i];
    else if (a.startsWith('--json=')) opts.json = a.slice(7);
    else if (a === '--only') opts.only = argv[++i];
    else if (a.startsWith('--only=')) opts.only = a.slice(7);
    else if (a === '--timeout') opts.timeoutS = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node scripts/bench.mjs [--quick] [--json FILE] [--only cli,inprocess,server,scaling,links,ja] [--keep] [--timeout SECONDS]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument '${a}' (try --help)\n`);
      process.exit(2);
    }
  }
  if (opts.json === undefined && argv.includes('--json')) {
    process.stderr.write('bench: --json needs a file name\n');
    process.exit(2);
  }
  const sections = ['cli', 'inprocess', 'server', 'scaling', 'links', 'ja'];
  const only = opts.only ? opts.only.split(',').map((s) => s.trim()) : sections;
  for (const s of only) {
    if (!sections.includes(s)) {
      process.stderr.write(`bench: unknown section '${s}' in --only (expected ${sections.join(', ')})\n`);
      process.exit(2);
    }
  }
  if (opts.timeoutS !== undefined && (!Number.isFinite(opts.timeoutS) || opts.timeoutS <= 0)) {
    process.stderr.write('bench: --timeout needs a positive number of seconds\n');
    process.exit(2);
  }
  return { ...opts, sections: new Set(only) };
}

const opts = parseArgs(process.argv.slice(2));
const plan = opts.quick
  ? { cliRuns: 3, warm: { warmup: 2, iterations: 5, budgetMs: 10_000 }, brk: { warmup: 1, iterations: 2 }, edits: 10, editsDefault: 5,
      scale: [{ copies: 1, runs: 1 }, { copies: 10, runs: 1 }], files: { count: 10, runs: 1 } }
  : { cliRuns: 15, warm: { warmup: 10, iterations: 40, budgetMs: 30_000 }, brk: { warmup: 3, iterations: 8 }, edits: 60, editsDefault: 50,
      scale: [{ copies: 1, runs: 5 }, { copies: 10, runs: 3 }, { copies: 100, runs: 1 }], files: { count: 100, runs: 3 } };

function say(s = '') {
  process.stdout.write(`${s}\n`);
}
function note(s) {
  process.stderr.write(`  … ${s}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Preconditions and machine
// ---------------------------------------------------------------------------------------------------------------

const needed = [
  [path.join(REPO, 'packages/cli/dist/main.js'), 'the CLI'],
  [path.join(REPO, 'packages/core/dist/index.js'), 'the engine'],
  [path.join(REPO, 'rules/dist/index.js'), 'the rules'],
  [path.join(REPO, 'packages/language-server/dist/main.js'), 'the language server'],
  [REPORT, 'the real report'],
];
for (const [file, what] of needed) {
  if (!existsSync(file)) {
    process.stderr.write(`bench: ${what} is missing (${path.relative(REPO, file)}); run \`npx tsc -b\` first\n`);
    process.exit(2);
  }
}
for (const [file, what] of [[MDL, 'markdownlint-cli2'], [REMARK, 'remark-cli'], [REMARK_PRESET, 'remark-preset-lint-recommended']]) {
  if (opts.sections.has('cli') && !existsSync(file)) {
    process.stderr.write(`bench: ${what} is not installed; run \`npm install\` at the repository root\n`);
    process.exit(2);
  }
}

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}
function versionOf(pkgDir) {
  try {
    return JSON.parse(readFileSync(path.join(REPO, 'node_modules', pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

const machine = {
  date: new Date().toISOString(),
  nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
  cpu: cpuModel(),
  node: process.version,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadavgStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  loadavgEnd: /** @type {number[]} */ ([]),
  gnuTime: hasGnuTime,
  versions: {
    'markdownlint-cli2': versionOf('markdownlint-cli2'),
    'remark-cli': versionOf('remark-cli'),
    'remark-preset-lint-recommended': versionOf('remark-preset-lint-recommended'),
    'remark-parse': versionOf('remark-parse'),
  },
};
const reportText = readFileSync(REPORT, 'utf8');
const reportBytes = Buffer.byteLength(reportText);
const MB = 1024 * 1024;

say(`plan-lint benchmark${opts.quick ? ' (--quick: few runs, a smoke test; figures are indicative only)' : ''}`);
say(`machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGiB} GiB; node ${machine.node}; ${machine.date}`);
say(`load average at start: ${machine.loadavgStart.join(' ')}${machine.loadavgStart[0] > machine.nproc ? '  (busy machine: wall times are inflated; CPU times are steadier)' : ''}`);
say(`input: seeds/fy2018-status-report.md, ${(reportBytes / 1024).toFixed(0)} KB, ${reportText.split('\n').length} lines`);
say(`timing: ${hasGnuTime ? '/usr/bin/time (user+sys CPU, maxRSS)' : 'process.resourceUsage() of the child (CPU, maxRSS)'}; wall time measured around spawn`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'plan-lint-bench-'));
const results = { machine, quick: opts.quick, targets: TARGETS };
/** @type {{ name: string, figure: string, target: string, ok: boolean | null }[]} */
const verdicts = [];

function checkRun(name, r, outFile) {
  if (r.timedOut || r.signal || r.code === null || r.code >= 2) {
    let out = '';
    try {
      out = readFileSync(outFile, 'utf8').slice(-1500);
    } catch {
      /* none */
    }
    throw new Error(`${name} failed (exit ${r.code}${r.signal ? `, signal ${r.signal}` : ''}${r.timedOut ? ', timed out' : ''}):\n${out}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Whole process: plan-lint vs markdownlint-cli2 vs remark-cli
// ---------------------------------------------------------------------------------------------------------------

async function benchCli() {
  say('\n== 1. Whole process on the real report (interleaved runs, medians) ==');
  const dir = path.join(tmp, 'cli');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'report.md'), reportText);
  writeFileSync(path.join(dir, 'empty.md'), '');
  // remark-cli reads .remarkrc.json next to the file; the preset is named by its absolute path so nothing needs
  // to be resolved from the temporary directory.
  writeFileSync(path.join(dir, '.remarkrc.json'), JSON.stringify({ plugins: [REMARK_PRESET] }));
  const tools = [
    { name: 'plan-lint', args: [CLI, 'report.md'] },
    { name: 'markdownlint-cli2', args: [MDL, 'report.md'] },
    { name: 'remark-cli', args: [REMARK, '--no-stdout', 'report.md'] },
    { name: 'plan-lint (empty file)', args: [CLI, 'empty.md'] },
    { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  ];
  for (const t of tools) t.runs = [];
  // One warm-up run each (file cache, compile cache), checked for success.
  for (const t of tools) {
    const out = path.join(dir, `${t.name.replace(/\W+/g, '_')}.out`);
    const r = await timedNode(t.args, { cwd: dir, scratch: tmp, outFile: out });
    checkRun(t.name, r, out);
    t.exit = r.code;
  }
  for (let i = 0; i < plan.cliRuns; i++) {
    for (const t of tools) t.runs.push(await timedNode(t.args, { cwd: dir, scratch: tmp }));
    if ((i + 1) % 5 === 0) note(`cli: ${i + 1}/${plan.cliRuns} rounds`);
  }
  const rows = [];
  const stats = {};
  for (const t of tools) {
    const wall = t.runs.map((r) => r.wallMs);
    const cpu = t.runs.map((r) => r.cpuMs);
    const rss = t.runs.map((r) => r.maxRssKb);
    stats[t.name] = { wall: summary(wall), cpu: summary(cpu), maxRssKb: median(rss), exit: t.exit };
    rows.push([t.name, fmtMs(median(wall)), fmtMs(Math.min(...wall)), fmtMs(percentile(wall, 95)), fmtMs(median(cpu)), fmtKb(median(rss)), String(t.exit)]);
  }
  say(table(['tool', 'wall median', 'wall min', 'wall p95', 'CPU median', 'peak RSS', 'exit'], rows));
  const pl = stats['plan-lint'];
  const ml = stats['markdownlint-cli2'];
  const rm = stats['remark-cli'];
  const ratios = {
    wallVsMarkdownlint: pl.wall.median / ml.wall.median,
    cpuVsMarkdownlint: pl.cpu.median / ml.cpu.median,
    wallVsRemark: pl.wall.median / rm.wall.median,
    cpuVsRemark: pl.cpu.median / rm.cpu.median,
  };
  say(`ratio plan-lint / markdownlint-cli2: ${fmtRatio(ratios.wallVsMarkdownlint)} wall, ${fmtRatio(ratios.cpuVsMarkdownlint)} CPU`);
  say(`ratio plan-lint / remark-cli:        ${fmtRatio(ratios.wallVsRemark)} wall, ${fmtRatio(ratios.cpuVsRemark)} CPU`);
  say(`plan-lint startup share: empty file ${fmtMs(stats['plan-lint (empty file)'].wall.median)} of ${fmtMs(pl.wall.median)} wall (node alone ${fmtMs(stats['node -e 0 (baseline)'].wall.median)})`);
  const ok = ratios.wallVsMarkdownlint <= TARGETS.cliVsMarkdownlint;
  verdicts.push({ name: 'CLI vs markdownlint-cli2 (real report)', figure: `${fmtRatio(ratios.wallVsMarkdownlint)} (${fmtMs(pl.wall.median)} vs ${fmtMs(ml.wall.median)})`, target: `≤ ${TARGETS.cliVsMarkdownlint}×`, ok });
  results.cli = { runs: plan.cliRuns, tools: stats, ratios };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. In-process: remark-parse alone vs full lint
// ---------------------------------------------------------------------------------------------------------------

async function benchInProcess() {
  say('\n== 2. In process, warm: remark-parse alone vs the full lint (interleaved, medians) ==');
  const engine = await loadEngine(REPO);
  const r = parseVsLint(reportText, engine, plan.warm);
  const parse = median(r.parseMs);
  const full = median(r.lintMs);
  const ratio = full / parse;
  const cpuRatio = median(r.lintCpu) / median(r.parseCpu);
  say(table(
    ['step', 'wall median', 'wall p95', 'CPU median', 'iterations'],
    [
      ['remark-parse + frontmatter (parse only)', fmtMs(parse), fmtMs(percentile(r.parseMs, 95)), fmtMs(median(r.parseCpu)), String(r.parseMs.length)],
      ['plan-lint lint (recommended, all rules)', fmtMs(full), fmtMs(percentile(r.lintMs, 95)), fmtMs(median(r.lintCpu)), String(r.lintMs.length)],
    ],
  ));
  say(`ratio full lint / parse: ${fmtRatio(ratio)} wall, ${fmtRatio(cpuRatio)} CPU (${r.messages} messages)`);
  note('in-process breakdown');
  const b = breakdown(reportText, engine, plan.brk);
  const model = b.build - b.ownParse;
  const rest = b.lint - b.build - b.rulesTotal;
  const share = fastPathShare(reportText, engine);
  say('\nwhere the full lint goes (medians of separate runs; parts need not add up exactly):');
  const brows = [
    ['(remark-parse + frontmatter alone, for scale)', fmtMs(b.parse), `${((100 * b.parse) / b.lint).toFixed(0)}%`],
    [`plan-lint's parse (${share.fast} of ${share.chunks} chunks on the fast path)`, fmtMs(b.ownParse), `${((100 * b.ownParse) / b.lint).toFixed(0)}%`],
    ['plan model (buildPlan − parse)', fmtMs(model), `${((100 * model) / b.lint).toFixed(0)}%`],
    ['all rules', fmtMs(b.rulesTotal), `${((100 * b.rulesTotal) / b.lint).toFixed(0)}%`],
    ...b.rules.filter((x) => x.ms >= 0.05).slice(0, 8).map((x) => [`  ${x.id}`, fmtMs(x.ms), `${((100 * x.ms) / b.lint).toFixed(0)}%`]),
    ['engine rest (config, directives, sorting)', fmtMs(rest), `${((100 * rest) / b.lint).toFixed(0)}%`],
    ['full lint', fmtMs(b.lint), '100%'],
  ];
  say(table(['part', 'median', 'share'], brows));
  verdicts.push({ name: 'warm full lint vs remark-parse alone', figure: `${fmtRatio(ratio)} (${fmtMs(full)} vs ${fmtMs(parse)})`, target: `≤ ${TARGETS.lintVsParse}×`, ok: ratio <= TARGETS.lintVsParse });
  results.inProcess = { parse: summary(r.parseMs), lint: summary(r.lintMs), parseCpu: summary(r.parseCpu), lintCpu: summary(r.lintCpu), ratio, cpuRatio, messages: r.messages, breakdown: b, fastPath: share };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Language server latency
// ---------------------------------------------------------------------------------------------------------------

async function benchServer() {
  say('\n== 3. Language server: didChange → publishDiagnostics for that version ==');
  const ws = path.join(tmp, 'server');
  mkdirSync(ws);
  const file = path.join(ws, 'fy2018-status-report.md');
  writeFileSync(file, reportText);
  const runs = [
    { label: 'debounceMs 0 (initializationOptions.settings)', settings: { debounceMs: 0 }, edits: plan.edits, pauseMs: 30 },
    { label: 'default settings (debounce 200 ms)', settings: undefined, edits: plan.editsDefault, pauseMs: 30 },
  ];
  const rows = [];
  results.server = {};
  for (const run of runs) {
    note(`server: ${run.label}, ${run.edits} edits`);
    const r = await measureServer({ serverBin: SERVER, workspace: ws, file, text: reportText, edits: run.edits, settings: run.settings, pauseMs: run.pauseMs });
    const s = summary(r.latencies);
    rows.push([run.label, String(r.latencies.length), fmtMs(s.median), fmtMs(s.p95), fmtMs(s.max), fmtMs(r.openMs), String(r.diagnostics)]);
    results.server[run.settings ? 'debounce0' : 'default'] = { edits: run.edits, latency: s, openMs: r.openMs, diagnostics: r.diagnostics, latencies: r.latencies };
  }
  say(table(['server settings', 'edits', 'p50', 'p95', 'max', 'didOpen→publish', 'diagnostics'], rows));
  const p95 = results.server.debounce0.latency.p95;
  verdicts.push({ name: 'server edit→publish p95 (debounce 0)', figure: fmtMs(p95), target: `≤ ${TARGETS.serverP95Ms} ms`, ok: p95 <= TARGETS.serverP95Ms });
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Scaling
// ---------------------------------------------------------------------------------------------------------------

async function benchScaling() {
  say('\n== 4. Scaling: the CLI on N copies in one file, and on separate reports ==');
  const dir = path.join(tmp, 'scaling');
  mkdirSync(dir);
  /** Linear prediction of a concatenated case's wall time from the two sizes before it (ms), if known. */
  const predict = (c) => {
    const done = results.scaling.filter((e) => e.kind === 'concat' && !e.timedOut).sort((a, b) => a.copies - b.copies);
    if (c.kind !== 'concat' || done.length < 2) return undefined;
    const [a, b] = done.slice(-2);
    return b.wallMs + ((b.wallMs - a.wallMs) / (b.mb - a.mb)) * (c.bytes / MB - b.mb);
  };
  const timeoutFor = (c) => {
    if (opts.timeoutS !== undefined) return opts.timeoutS * 1000;
    const p = predict(c);
    return p === undefined ? 180_000 : Math.min(240_000, Math.max(20_000, PROOF_FACTOR * p));
  };
  const cases = [];
  for (const s of plan.scale) {
    const name = `report-x${s.copies}.md`;
    const text = concatenatedReport(reportText, s.copies);
    writeFileSync(path.join(dir, name), text);
    cases.push({ label: `${s.copies}× in one file`, copies: s.copies, args: [CLI, name], bytes: Buffer.byteLength(text), runs: s.runs, kind: 'concat' });
  }
  const filesDir = path.join(dir, 'reports');
  mkdirSync(filesDir);
  let filesBytes = 0;
  for (let k = 1; k <= plan.files.count; k++) {
    const text = reportCopy(reportText, k, plan.files.count);
    filesBytes += Buffer.byteLength(text);
    writeFileSync(path.join(filesDir, `report-${String(k).padStart(3, '0')}.md`), text);
  }
  cases.push({ label: `${plan.files.count} separate reports`, copies: plan.files.count, args: [CLI, 'reports'], bytes: filesBytes, runs: plan.files.runs, kind: 'files' });

  const rows = [];
  results.scaling = [];
  for (const c of cases) {
    note(`scaling: ${c.label} (${(c.bytes / MB).toFixed(1)} MB), ${c.runs} run(s)`);
    const out = path.join(dir, 'out.txt');
    const predictedMs = predict(c);
    const timeoutMs = timeoutFor(c);
    const runs = [];
    for (let i = 0; i < c.runs; i++) {
      const r = await timedNode(c.args, { cwd: dir, scratch: tmp, outFile: out, timeoutMs });
      if (!r.timedOut) checkRun(c.label, r, out);
      runs.push(r);
      if (r.timedOut) break;
    }
    const timedOut = runs.some((r) => r.timedOut);
    const wall = timedOut ? Number.POSITIVE_INFINITY : median(runs.map((r) => r.wallMs));
    const cpu = timedOut ? Number.POSITIVE_INFINITY : median(runs.map((r) => r.cpuMs));
    const rss = timedOut ? Number.NaN : Math.max(...runs.map((r) => r.maxRssKb));
    const mb = c.bytes / MB;
    const entry = { label: c.label, kind: c.kind, copies: c.copies, bytes: c.bytes, mb, wallMs: wall, cpuMs: cpu, maxRssKb: rss, timedOut, timeoutMs, predictedMs, runsDone: runs.length };
    results.scaling.push(entry);
    rows.push([
      c.label,
      `${mb.toFixed(1)} MB`,
      timedOut ? `> ${fmtMs(timeoutMs)} (stopped)` : fmtMs(wall),
      timedOut ? 'n/a' : fmtMs(cpu),
      timedOut ? 'n/a' : fmtMs(wall / mb),
      timedOut ? 'n/a' : fmtMs(cpu / mb),
      fmtKb(rss),
      String(runs.length),
    ]);
  }
  say(table(['input', 'size', 'wall median', 'CPU median', 'wall / MB', 'CPU / MB', 'peak RSS', 'runs'], rows));
  const sep = results.scaling.find((e) => e.kind === 'files');
  if (sep && !sep.timedOut) say(`separate reports: ${fmtMs(sep.wallMs / sep.copies)} wall and ${fmtMs(sep.cpuMs / sep.copies)} CPU per report (one process, startup included)`);

  // Linearity: marginal cost per MB between successive sizes of the concatenated file (startup cancels out).
  const concat = results.scaling.filter((e) => e.kind === 'concat').sort((a, b) => a.copies - b.copies);
  const slopes = [];
  for (let i = 1; i < concat.length; i++) {
    const a = concat[i - 1];
    const b = concat[i];
    slopes.push({ from: a.copies, to: b.copies, wallPerMb: (b.wallMs - a.wallMs) / (b.mb - a.mb), cpuPerMb: (b.cpuMs - a.cpuMs) / (b.mb - a.mb) });
  }
  for (let i = 0; i < slopes.length; i++) {
    const s = slopes[i];
    const b = concat[i + 1];
    if (Number.isFinite(s.wallPerMb)) {
      say(`marginal cost ${s.from}× → ${s.to}×: ${fmtMs(s.wallPerMb)} wall per MB, ${fmtMs(s.cpuPerMb)} CPU per MB`);
    } else {
      say(`marginal cost ${s.from}× → ${s.to}×: not measured; ${s.to}× was stopped after ${fmtMs(b.timeoutMs)}${b.predictedMs ? `, ${fmtRatio(b.timeoutMs / b.predictedMs)} the ${fmtMs(b.predictedMs)} a linear cost would take` : ''}`);
    }
  }
  let linear = null;
  let figure = 'n/a (needs three sizes)';
  if (slopes.length >= 2) {
    const first = slopes[0];
    const last = slopes[slopes.length - 1];
    const big = concat[concat.length - 1];
    if (Number.isFinite(last.cpuPerMb)) {
      const growth = last.cpuPerMb / first.cpuPerMb;
      linear = growth <= TARGETS.linearSlack;
      figure = `${fmtRatio(growth)} CPU per MB (${first.from}×→${first.to}× vs ${last.from}×→${last.to}×)`;
    } else if (big.predictedMs && big.timeoutMs / big.predictedMs >= TARGETS.linearSlack) {
      linear = false;
      figure = `${big.copies}× stopped at ${fmtMs(big.timeoutMs)} = ${fmtRatio(big.timeoutMs / big.predictedMs)} the linear prediction`;
    } else {
      figure = `${big.copies}× stopped at ${fmtMs(big.timeoutMs)}: inconclusive (raise --timeout)`;
    }
  }
  results.scalingSlopes = slopes;
  verdicts.push({ name: 'cost grows linearly', figure, target: `≤ ${TARGETS.linearSlack}× growth of cost per MB`, ok: linear });
  const files = results.scaling.find((e) => e.kind === 'files');
  if (files && plan.files.count === 100) {
    verdicts.push({ name: '100 separate reports', figure: files.timedOut ? `> ${fmtMs(files.timeoutMs)}` : fmtMs(files.wallMs), target: `≤ ${TARGETS.hundredReportsMs / 1000} s`, ok: !files.timedOut && files.wallMs <= TARGETS.hundredReportsMs });
  } else if (files) {
    verdicts.push({ name: `${files.copies} separate reports (--quick; target is for 100)`, figure: fmtMs(files.wallMs), target: `≤ ${TARGETS.hundredReportsMs / 1000} s for 100`, ok: null });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Linked documents: plan + 10 linked reports vs the 10 reports alone
// ---------------------------------------------------------------------------------------------------------------

async function benchLinks() {
  say('\n== 5. The plan and 10 linked reports against the 10 reports unlinked (interleaved runs, medians) ==');
  const planText = readFileSync(path.join(REPO, 'seeds/basic-plan-2017.md'), 'utf8');
  const unlinkedText = reportText.replace(/^plan:.*\n/m, '');
  const cases = [
    { name: '10 reports, unlinked', dir: path.join(tmp, 'unlinked'), runs: [] },
    { name: 'plan + 10 linked reports', dir: path.join(tmp, 'linked'), runs: [] },
  ];
  for (const c of cases) mkdirSync(c.dir);
  writeFileSync(path.join(cases[1].dir, 'basic-plan-2017.md'), planText);
  for (let i = 0; i < 10; i++) {
    writeFileSync(path.join(cases[0].dir, `report-${i}.md`), unlinkedText);
    writeFileSync(path.join(cases[1].dir, `report-${i}.md`), reportText);
  }
  for (const c of cases) {
    const out = path.join(tmp, `${c.name.replace(/\W+/g, '_')}.out`);
    checkRun(c.name, await timedNode([CLI, '.'], { cwd: c.dir, scratch: tmp, outFile: out }), out);
  }
  for (let i = 0; i < plan.cliRuns; i++) for (const c of cases) c.runs.push(await timedNode([CLI, '.'], { cwd: c.dir, scratch: tmp }));
  const stats = Object.fromEntries(cases.map((c) => [c.name, { wall: summary(c.runs.map((r) => r.wallMs)), cpu: summary(c.runs.map((r) => r.cpuMs)) }]));
  say(table(['case', 'wall median', 'CPU median'], cases.map((c) => [c.name, fmtMs(stats[c.name].wall.median), fmtMs(stats[c.name].cpu.median)])));
  const [a, b] = cases.map((c) => stats[c.name]);
  const ratio = b.cpu.median / a.cpu.median;
  say(`ratio linked / unlinked: ${fmtRatio(ratio)} CPU, ${fmtRatio(b.wall.median / a.wall.median)} wall`);
  verdicts.push({ name: 'CLI: plan + 10 linked reports vs 10 unlinked (CPU)', figure: `${fmtRatio(ratio)} (${fmtMs(b.cpu.median)} vs ${fmtMs(a.cpu.median)})`, target: `≤ ${TARGETS.linkedVsUnlinked}×`, ok: ratio <= TARGETS.linkedVsUnlinked });
  results.links = { runs: plan.cliRuns, stats, ratio };

  note(`server: the plan and 10 linked reports open, ${plan.edits} edits in one report, then one edit of the plan`);
  const planFile = path.join(cases[1].dir, 'basic-plan-2017.md');
  const reports = Array.from({ length: 10 }, (_, i) => ({ file: path.join(cases[1].dir, `report-${i}.md`), text: reportText }));
  const r = await measureServer({
    serverBin: SERVER,
    workspace: cases[1].dir,
    file: reports[0].file,
    text: reportText,
    edits: plan.edits,
    settings: { debounceMs: 0 },
    others: [{ file: planFile, text: planText }, ...reports.slice(1)],
    linkedEdit: { file: planFile, text: planText.replace('shall be strengthened', 'shall be considered') },
  });
  const s = summary(r.latencies);
  say(`edit → publish in a linked report: p50 ${fmtMs(s.median)}, p95 ${fmtMs(s.p95)}; a plan edit refreshed all 10 reports in ${fmtMs(r.refreshMs)}`);
  verdicts.push({ name: 'server p95 with the plan and 10 reports open', figure: fmtMs(s.p95), target: `≤ ${TARGETS.linkedServerP95Ms} ms`, ok: s.p95 <= TARGETS.linkedServerP95Ms });
  verdicts.push({ name: 'a plan edit refreshes 10 open reports', figure: fmtMs(r.refreshMs), target: `≤ ${TARGETS.planRefreshMs} ms`, ok: r.refreshMs <= TARGETS.planRefreshMs });
  results.links.server = { latency: s, refreshMs: r.refreshMs };
}

// ---------------------------------------------------------------------------------------------------------------
// 6. A Japanese report of the same size
// ---------------------------------------------------------------------------------------------------------------

async function benchJapanese() {
  say('\n== 6. A Japanese report of the same size against the English one (interleaved, medians) ==');
  const engine = await loadEngine(REPO);
  const jaText = japaneseReport(reportText, engine.core);
  const shape = (text) => {
    const doc = engine.core.buildPlan(text);
    const count = (kind) => doc.blocks().filter((b) => b.kind === kind).length;
    return `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${text.length} characters, ${doc.sections.length} sections, ${doc.measures().length} measures, ${count('status-entry')} status entries, ${count('repeat-mention')} repeat mentions`;
  };
  say(`Japanese report (generated): ${shape(jaText)}\nEnglish report:              ${shape(reportText)}`);
  const r = lintTimes([reportText, jaText], engine, plan.warm);
  const [en, ja] = [0, 1].map((k) => ({ wall: summary(r.wall[k]), cpu: summary(r.cpu[k]) }));
  const dir = path.join(tmp, 'ja');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'en.md'), reportText);
  writeFileSync(path.join(dir, 'ja.md'), jaText);
  const cli = { en: [], ja: [] };
  for (let i = 0; i < plan.cliRuns; i++)
    for (const k of ['en', 'ja']) {
      const out = path.join(tmp, `ja-${k}.out`);
      const run = await timedNode([CLI, `${k}.md`], { cwd: dir, scratch: tmp, outFile: out });
      checkRun(`plan-lint ${k}.md`, run, out);
      cli[k].push(run);
    }
  const cliStats = Object.fromEntries(Object.entries(cli).map(([k, runs]) => [k, { wall: summary(runs.map((x) => x.wallMs)), cpu: summary(runs.map((x) => x.cpuMs)) }]));
  say(table(
    ['report', 'in process: wall median', 'CPU median', 'messages', 'CLI: wall median', 'CPU median'],
    [
      ['English (seeds/fy2018-status-report.md)', fmtMs(en.wall.median), fmtMs(en.cpu.median), String(r.messages[0]), fmtMs(cliStats.en.wall.median), fmtMs(cliStats.en.cpu.median)],
      ['Japanese, same size', fmtMs(ja.wall.median), fmtMs(ja.cpu.median), String(r.messages[1]), fmtMs(cliStats.ja.wall.median), fmtMs(cliStats.ja.cpu.median)],
    ],
  ));
  const ratio = ja.cpu.median / en.cpu.median;
  const cliRatio = cliStats.ja.cpu.median / cliStats.en.cpu.median;
  say(`ratio Japanese / English: ${fmtRatio(ratio)} in process (CPU), ${fmtRatio(cliRatio)} through the CLI (CPU)`);
  verdicts.push({ name: 'Japanese report of the same size vs English (warm lint, CPU)', figure: `${fmtRatio(ratio)} (${fmtMs(ja.cpu.median)} vs ${fmtMs(en.cpu.median)})`, target: `≤ ${TARGETS.japaneseVsEnglish}×`, ok: ratio <= TARGETS.japaneseVsEnglish });
  results.japanese = { bytes: Buffer.byteLength(jaText), characters: jaText.length, inProcess: { en, ja, ratio, messages: r.messages }, cli: { ...cliStats, ratio: cliRatio } };
}

// ---------------------------------------------------------------------------------------------------------------

const started = performance.now();
let failed = false;
try {
  if (opts.sections.has('cli')) await benchCli();
  if (opts.sections.has('inprocess')) await benchInProcess();
  if (opts.sections.has('server')) await benchServer();
  if (opts.sections.has('scaling')) await benchScaling();
  if (opts.sections.has('links')) await benchLinks();
  if (opts.sections.has('ja')) await benchJapanese();
} catch (error) {
  failed = true;
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  else say(`\n(temporary files kept in ${tmp})`);
}
machine.loadavgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));

say('\n== Targets ==');
say(table(['target', 'figure', 'goal', 'result'], verdicts.map((v) => [v.name, v.figure, v.target, verdict(v.ok)])));
say(`\nload average at end: ${machine.loadavgEnd.join(' ')}; bench took ${fmtMs(performance.now() - started)}`);
results.verdicts = verdicts;
results.durationMs = performance.now() - started;

if (opts.json) {
  const replacer = (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
  writeFileSync(path.resolve(opts.json), `${JSON.stringify(results, replacer, 2)}\n`);
  say(`figures written to ${opts.json}`);
}
process.exitCode = failed ? 1 : 0;
