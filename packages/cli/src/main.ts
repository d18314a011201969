/**
 * The plan-lint command line. `main(argv)` returns the exit code:
 *   0  no errors (and warnings within --max-warnings)
 *   1  errors, or more warnings than --max-warnings
 *   2  bad usage, invalid config, unreadable or unmatched path, internal error
 * Problems of kind 2 are one line on stderr ("plan-lint: ..."); a stack trace only with --debug.
 *
 * A run, step by step (one module each): arguments (args.ts) → commands that lint nothing (commands.ts) →
 * configuration per draft and ignores (file-configs.ts) → the drafts (inputs.ts) → linting and fixing
 * (lint-inputs.ts) → writing fixes (fix-files.ts) → exit code and report (report.ts).
 */
import path from 'node:path';
import { helpText, parseArgs, USAGE, UsageError } from './args.js';
import { explain, init, listRules, printConfig, type RulesModule } from './commands.js';
import { cacheFileOf, LintCache } from './cache.js';
import { checkConfigFile, FileConfigs, ignoreCheck, resolveOptionsOf } from './file-configs.js';
import { finishFixing } from './fix-files.js';
import { readInputs } from './inputs.js';
import { defaultIo, now, runContext, type CliIo, type RunContext } from './io.js';
import { lintInputs, LintThreads } from './lint-inputs.js';
import { exitCodeOf, writeReport } from './report.js';
import { version } from './version.js';

export { parseArgs, UsageError } from './args.js';
export { version } from './version.js';
export type { CliIo } from './io.js';

type Core = typeof import('@plan-lint/core');

/** What the loader found at start-up (how long loading the bundle took), reported by --debug. */
const startupNotes: string[] = [];
/** For the bundle's loader (bin/plan-lint.js): a line for --debug about how the command started. */
export function noteStartup(note: string): void {
  startupNotes.push(note);
}

async function loadRules(): Promise<RulesModule> {
  return import('@plan-lint/rules');
}

/** Run plan-lint with the given arguments; resolves to the exit code. Never rejects. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const cleanups: (() => void)[] = [];
  try {
    return await run(argv, io, cleanups);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
      io.stderr.write(`plan-lint: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`plan-lint: internal error: ${message.replace(/\s*\n\s*/g, ' ')}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}

async function run(argv: readonly string[], io: CliIo, cleanups: (() => void)[]): Promise<number> {
  const started = now();
  const options = parseArgs(argv);
  const context = runContext(options, io, started);
  for (const note of startupNotes) context.debugLog(note);
  if (options.help) {
    io.stdout.write(helpText(version()) + '\n');
    return 0;
  }
  if (options.version) {
    io.stdout.write(`v${version()}\n`);
    return 0;
  }
  if (options.init) return init(io);

  const [core, rulesModule] = await Promise.all([import('@plan-lint/core') as Promise<Core>, loadRules()]);
  const { rules } = rulesModule;
  context.debugLog(`loaded ${rules.length} rules in ${context.elapsed().toFixed(0)} ms`);
  if (options.listRules) return listRules(io, rules, options.locale);
  if (options.explain !== undefined) return explain(io, core, rulesModule, options.explain, options.locale);

  const configs = new FileConfigs(core, rules, resolveOptionsOf(options, io.cwd));
  const threads = new LintThreads(io.env, configs);
  cleanups.push(() => threads.dispose());
  await checkConfigFile(options, io.cwd);
  if (options.printConfig !== undefined) return printConfig(io, configs.for(path.resolve(io.cwd, options.printConfig)));
  if (!options.stdin && options.patterns.length === 0) {
    io.stderr.write(
      `${USAGE}\n\nplan-lint: no files given; name the drafts to lint (e.g. 'plan-lint seeds/' or 'plan-lint .'). Run 'plan-lint --help' for the options.\n`,
    );
    return 2;
  }
  return lintAndReport(context, core, rulesModule, configs, threads);
}

async function lintAndReport(run: RunContext, core: Core, rulesModule: RulesModule, configs: FileConfigs, threads: LintThreads): Promise<number> {
  const { rules } = rulesModule;
  const { options, io, debugLog } = run;
  const isIgnored = ignoreCheck(options, io.cwd, configs);
  // The cache keeps no plan model, which the HTML report needs; standard input is never cached.
  const cache = options.cache && !options.stdin && options.format !== 'html' ? await LintCache.open(await cacheFileOf(options.cacheLocation, io.cwd), run) : undefined;
  // The HTML report keeps every plan model and is made in this thread: no workers for it. With a cache, most
  // drafts usually need no linting: workers start only for those that do.
  const read = await readInputs(run, isIgnored, (files) => {
    if (options.format !== 'html' && !cache) threads.prestart(files);
  });
  const { inputs } = read;
  const { results, fixed } = await lintInputs(run, core, rules, configs, threads, inputs, cache);
  await cache?.save(run);
  const failures = read.failures + (await finishFixing(run, inputs, fixed));
  debugLog(`linted ${results.length} file(s) in ${run.elapsed().toFixed(0)} ms`);
  const exitCode = exitCodeOf(run, results, failures);
  await writeReport(run, core, rulesModule, results, exitCode);
  debugLog(`${core.runtimeCompileCount()} JSON schema(s) compiled at run time (in this thread)`);
  debugLog(`done in ${run.elapsed().toFixed(0)} ms, exit code ${exitCode}`);
  return exitCode;
}
