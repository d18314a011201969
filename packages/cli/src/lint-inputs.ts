/**
 * Linting (and fixing) the inputs: many drafts on worker threads, else in this thread; results in input
 * order either way.
 */
import type { AnyRule, CachingLinker } from '@plan-lint/core';
import { cacheKey, type LintCache } from './cache.js';
import type { FileConfigs } from './file-configs.js';
import type { Input } from './inputs.js';
import type { RunContext } from './io.js';
import { runLintTask, type LintOutcome, type LintTask } from './lint-task.js';
import { lintOnPool, poolSize, startWorkers, type StartedWorkers, type WorkerOptions, type WorkerSetup } from './pool.js';
import type { CliResult } from './types.js';
import { version } from './version.js';

type Core = typeof import('@plan-lint/core');

const PROGRESS_THRESHOLD = 20;

/**
 * The threads of a run. This thread lints too (one worker fewer to start and warm up); PLAN_LINT_POOL_LOCAL=0
 * leaves it idle. PLAN_LINT_WORKER_YOUNG_MB=n: the workers' young generation.
 */
export class LintThreads {
  readonly local: boolean;
  readonly setup: WorkerSetup;
  readonly workerOptions: WorkerOptions | undefined;
  private prestarted: Promise<StartedWorkers> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    configs: FileConfigs,
  ) {
    this.local = env['PLAN_LINT_POOL_LOCAL'] !== '0';
    const youngMb = Number(env['PLAN_LINT_WORKER_YOUNG_MB'] ?? '');
    this.workerOptions = youngMb > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : undefined;
    this.setup = { planLintWorker: true, resolve: configs.resolveOptions };
  }

  /** Many drafts: the workers start now and boot while this thread reads the drafts. */
  prestart(files: number): void {
    const threads = poolSize(files, this.env);
    if (threads > 0) this.prestarted = startWorkers(this.local ? threads - 1 : threads, this.setup, this.workerOptions);
  }

  started(): Promise<StartedWorkers> | undefined {
    return this.prestarted;
  }

  /** Ends the workers started ahead and not used. */
  dispose(): void {
    void this.prestarted?.then((started) => started.dispose()).catch(() => undefined);
  }
}

/** What fixing changed in one input: its new text and how many fixes of each rule made it. */
export interface FixedText {
  output: string;
  fixedByRule: Record<string, number>;
}

export interface Linted {
  results: CliResult[];
  /** For each input, what fixing changed (undefined: nothing, or not fixing). */
  fixed: (FixedText | undefined)[];
}

/**
 * Lints the inputs; with `cache`, only those whose cached result does not match (the others take it, and
 * the cache takes the new results).
 */
export async function lintInputs(
  run: RunContext,
  core: Core,
  rules: readonly AnyRule[],
  configs: FileConfigs,
  threads: LintThreads,
  inputs: readonly Input[],
  cache?: LintCache,
): Promise<Linted> {
  const { options, io, debugLog } = run;
  const fixing = options.fix || options.fixDryRun;
  // Only the HTML report reads the plan model; the other formats get results without it (less memory).
  const keepDocument = options.format === 'html';
  const showProgress = inputs.length > PROGRESS_THRESHOLD && io.stderr.isTTY === true && !options.debug;
  const progress = (i: number): void => {
    if (showProgress) io.stderr.write(`\r\u001b[Kplan-lint: ${i + 1}/${inputs.length} ${truncate(inputs[i]?.displayName ?? '', 60)}`);
  };
  const taskOf = (input: Input): LintTask => ({ filePath: input.filePath, text: input.text, fix: fixing, keepDocument });
  const linted: Linted = { results: [], fixed: [] };
  const linker = core.createLinker();
  const accept = (i: number, outcome: LintOutcome): void => {
    const input = inputs[i] as Input;
    const cliResult: CliResult = {
      ...outcome.result,
      source: outcome.result.source ?? input.text,
      filePath: input.reportedPath,
      registry: configs.for(input.configPath).config.registry,
    };
    if (options.fixDryRun && outcome.output !== undefined) cliResult.output = outcome.output;
    linted.results[i] = cliResult;
    linted.fixed[i] = outcome.output !== undefined ? { output: outcome.output, fixedByRule: outcome.fixedByRule ?? {} } : undefined;
  };
  const { pending, keys } = cache ? takeCached(run, configs, inputs, cache, accept, linker) : { pending: [...inputs.keys()], keys: [] };
  const acceptLinted = (i: number, outcome: LintOutcome): void => {
    progress(i);
    accept(i, outcome);
    const key = keys[i];
    if (cache && key !== undefined) cache.set((inputs[i] as Input).filePath, key, outcome);
  };
  const workers = options.stdin || keepDocument ? 0 : poolSize(pending.length, io.env);
  if (workers > 0) {
    // Config errors surface here, before any draft is linted, exactly as in a run on one thread.
    for (const input of inputs) configs.for(input.configPath);
    debugLog(
      `linting ${pending.length} file(s) on ${workers} worker threads` +
        (threads.local ? ` (this thread and ${workers - 1} worker${workers === 2 ? '' : 's'})` : '') +
        `, ${run.elapsed().toFixed(0)} ms after start`,
    );
    const started = threads.started();
    const tasks = pending.map((i) => taskOf(inputs[i] as Input));
    await lintOnPool(tasks, threads.setup, workers, (j, outcome) => acceptLinted(pending[j] as number, outcome), {
      onNote: (note) => debugLog(`worker: ${note}`),
      ...(threads.local ? { local: (task: LintTask) => runLintTask(core, rules, configs.for(task.filePath).config, task, linker) } : {}),
      ...(threads.workerOptions ? { workerOptions: threads.workerOptions } : {}),
      ...(started ? { started: await started } : {}),
    });
  } else {
    for (const i of pending) {
      const input = inputs[i] as Input;
      progress(i);
      acceptLinted(i, runLintTask(core, rules, configs.for(input.configPath).config, taskOf(input), linker));
    }
  }
  if (showProgress) io.stderr.write('\r\u001b[K');
  return linted;
}

/**
 * Accepts the cached result of every input whose key matches; returns the others (`pending`, input indexes)
 * and every input's key.
 */
function takeCached(
  run: RunContext,
  configs: FileConfigs,
  inputs: readonly Input[],
  cache: LintCache,
  accept: (i: number, outcome: LintOutcome) => void,
  linker: CachingLinker,
): { pending: number[]; keys: (string | undefined)[] } {
  const fixing = run.options.fix || run.options.fixDryRun;
  const pending: number[] = [];
  const keys = inputs.map((input) => {
    if (input.fromStdin) return undefined;
    const { config } = configs.for(input.configPath);
    // The plan and previous report it names: a change in them changes its result.
    return cacheKey(version(), input.filePath, input.text, config, linker.dependencies(input.text, input.filePath, config));
  });
  for (const [i, input] of inputs.entries()) {
    const key = keys[i];
    const hit = key !== undefined ? cache.get(input.filePath, key, fixing) : undefined;
    if (hit) accept(i, { result: hit });
    else pending.push(i);
  }
  run.debugLog(`cache ${cache.file}: ${inputs.length - pending.length} of ${inputs.length} file(s) unchanged`);
  return { pending, keys };
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `\u2026${s.slice(s.length - n + 1)}`;
}
