/**
 * Linting many drafts on a bounded pool of threads: worker threads (worker.ts, or the bundle's
 * plan-lint-worker.cjs) and, with `local`, this thread between their messages. Each worker has up to two
 * drafts in flight while many remain (one near the end); outcomes come back in input order whatever order
 * they finish in. A worker that fails (throws outside a lint, runs out of memory, exits) fails the whole run.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ResolveOptions } from '@plan-lint/core';
import type { LintOutcome, LintTask } from './lint-task.js';

/** More drafts than this are linted on worker threads. */
export const POOL_THRESHOLD = 8;
/** At most this many lint threads. */
export const MAX_WORKERS = 4;

export interface WorkerSetup {
  planLintWorker: true;
  /** What the main thread passes to resolveConfigForFile, less the rules (each worker loads its own). */
  resolve: Omit<ResolveOptions, 'rules'>;
}

export interface WorkerRequest {
  id: number;
  task: LintTask;
}

export type WorkerReply = (
  | { id: number; outcome: LintOutcome; error?: undefined }
  | { id: number; error: { name: string; message: string; stack?: string }; outcome?: undefined }
) & {
  /** With a worker's first reply: how it started (e.g. how long loading the bundle took), for --debug. */
  note?: string;
};

let workerScript: URL = new URL('./worker.js', import.meta.url);

/** The script the workers run (the bundle points it at its own worker entry). */
export function setWorkerScript(url: URL): void {
  workerScript = url;
}

/**
 * How many threads lint `files` drafts: 0 (no pool: this thread alone) up to POOL_THRESHOLD drafts, else
 * min(files, available parallelism, MAX_WORKERS). PLAN_LINT_WORKERS=n caps it (0 or 1: no pool). With
 * lintOnPool's `local`, this thread is one of them.
 */
export function poolSize(files: number, env: NodeJS.ProcessEnv): number {
  if (files <= POOL_THRESHOLD) return 0;
  let size = Math.min(files, availableParallelism(), MAX_WORKERS);
  const cap = env['PLAN_LINT_WORKERS'];
  if (cap !== undefined && /^\d+$/.test(cap.trim())) size = Math.min(files, Number(cap.trim()));
  return size >= 2 ? size : 0;
}

/** An error raised in a worker, with the worker's name and message (a ConfigError stays one). */
class WorkerError extends Error {
  constructor(name: string, message: string, stack?: string) {
    super(message);
    this.name = name;
    if (stack !== undefined) this.stack = stack;
  }
}

export interface PoolOptions {
  /**
   * Lint in this thread too: `local(task)` lints one draft here, between the workers' messages. This thread
   * is then one of the `size` lint threads (size − 1 workers): on a machine with few cores it saves a worker
   * (its start-up, its heap and its cold JIT) and lints while the workers start.
   */
  local?: (task: LintTask) => LintOutcome;
  /** A worker's note about its start-up (its first reply carries it), for --debug. */
  onNote?: (note: string) => void;
  /** Options for each worker (resource limits); tests and experiments. */
  workerOptions?: WorkerOptions;
  /** Workers started ahead (startWorkers), used before any other is started; those not needed are ended. */
  started?: StartedWorkers;
}

export interface WorkerOptions {
  resourceLimits?: { maxYoungGenerationSizeMb?: number; maxOldGenerationSizeMb?: number };
}

/**
 * Workers started before their drafts are known (startWorkers): they boot (Node, the bundle) while the main
 * thread reads the drafts. Unreferenced until lintOnPool takes them, so that they never keep the process
 * alive; an error or exit meanwhile is kept and fails the lintOnPool that takes them.
 */
export interface StartedWorkers {
  /** Those not taken yet. */
  readonly workers: readonly Worker[];
  /** The first failure of any of them before lintOnPool took them. */
  failure: () => Error | undefined;
  /** Hands over up to `count` of them (referenced again, without the early listeners) and ends the others. */
  take: (count: number) => Worker[];
  /** Ends them all (when no pool is needed after all, or the run fails); take(0). */
  dispose: () => void;
}

/** The errors a run ends with when a worker fails or stops (the same before and after the pool adopts it). */
const workerFailed = (error: Error): Error => new Error(`a lint worker failed: ${error.message}`);
const workerExited = (code: number): Error => new Error(`a lint worker stopped unexpectedly (exit code ${code})`);

function newWorker(WorkerClass: typeof Worker, setup: WorkerSetup, options: WorkerOptions | undefined): Worker {
  // No node options of the parent's: some are refused in a worker (--input-type, V8 flags given explicitly);
  // V8 flags are process-wide and apply to the workers anyway.
  return new WorkerClass(workerScript, {
    workerData: setup,
    execArgv: [],
    stdout: false,
    stderr: false,
    ...(options?.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
}

/** Starts `count` workers ahead of lintOnPool (see StartedWorkers). */
export async function startWorkers(count: number, setup: WorkerSetup, options?: WorkerOptions): Promise<StartedWorkers> {
  const { Worker: WorkerClass } = await import('node:worker_threads');
  let failure: Error | undefined;
  const workers: Worker[] = [];
  const early = {
    error: (error: Error): void => {
      failure ??= workerFailed(error);
    },
    exit: (code: number): void => {
      failure ??= workerExited(code);
    },
  };
  for (let i = 0; i < count; i++) {
    const worker = newWorker(WorkerClass, setup, options);
    worker.unref();
    worker.on('error', early.error);
    worker.on('exit', early.exit);
    workers.push(worker);
  }
  const take = (count: number): Worker[] => {
    const taken = workers.splice(0, count);
    for (const w of taken) {
      w.off('error', early.error);
      w.off('exit', early.exit);
      w.ref();
    }
    for (const w of workers.splice(0)) {
      w.off('exit', early.exit);
      void w.terminate();
    }
    return taken;
  };
  return { workers, failure: () => failure, take, dispose: () => void take(0) };
}

/** Drafts in flight per worker while many remain: a worker has its next draft when it finishes one. */
const DEPTH = 2;

/**
 * Lints `tasks` on `size` threads: `size` workers, or this thread and `size − 1` workers with `options.local`.
 * `onOutcome(i, outcome)` is called in input order (i = 0, 1, 2, ...) as soon as every draft before it is
 * done, so that a caller can report progress and drop what it no longer needs.
 */
export async function lintOnPool(
  tasks: readonly LintTask[],
  setup: WorkerSetup,
  size: number,
  onOutcome: (index: number, outcome: LintOutcome) => void,
  options: PoolOptions = {},
): Promise<void> {
  const { local, onNote, started } = options;
  const workerCount = Math.min(local ? size - 1 : size, tasks.length);
  // Loaded here, not at start-up: a run on one thread never needs it.
  const { Worker: WorkerClass } = workerCount > 0 ? await import('node:worker_threads') : { Worker: undefined };
  const early = started?.failure();
  // Those started ahead first (the others are ended); then new ones if more are needed.
  const adopted = started ? started.take(workerCount) : [];
  if (early) {
    for (const w of adopted) void w.terminate();
    throw early;
  }
  return new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const waiting = new Map<number, LintOutcome>();
    const inFlight = new Map<Worker, number>();
    let next = 0;
    let delivered = 0;
    let finished = false;

    const stop = (): void => {
      finished = true;
      for (const w of workers) void w.terminate();
    };
    const fail = (error: unknown): void => {
      if (finished) return;
      stop();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const done = (id: number, outcome: LintOutcome): void => {
      waiting.set(id, outcome);
      while (waiting.has(delivered)) {
        const ready = waiting.get(delivered) as LintOutcome;
        waiting.delete(delivered);
        try {
          onOutcome(delivered, ready);
        } catch (error) {
          fail(error);
          return;
        }
        delivered++;
      }
      if (delivered === tasks.length && !finished) {
        stop();
        resolve();
      }
    };
    /** Sends a worker drafts up to DEPTH in flight (1 near the end, so that no thread waits on another's queue). */
    const feed = (worker: Worker): void => {
      const threads = workerCount + (local ? 1 : 0);
      for (;;) {
        const busy = inFlight.get(worker) ?? 0;
        const depth = tasks.length - next > DEPTH * threads ? DEPTH : 1;
        if (next >= tasks.length || busy >= depth) return;
        const id = next++;
        inFlight.set(worker, busy + 1);
        const request: WorkerRequest = { id, task: tasks[id] as LintTask };
        worker.postMessage(request);
      }
    };

    for (let i = 0; i < workerCount && WorkerClass; i++) {
      const worker = adopted[i] ?? newWorker(WorkerClass, setup, options.workerOptions);
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (finished) return;
        if (reply.note !== undefined) onNote?.(reply.note);
        if (reply.error) {
          fail(new WorkerError(reply.error.name, reply.error.message, reply.error.stack));
          return;
        }
        inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
        feed(worker);
        done(reply.id, reply.outcome);
      });
      worker.on('error', (error: Error) => fail(workerFailed(error)));
      worker.on('exit', (code) => {
        if (!finished) fail(workerExited(code));
      });
      feed(worker);
    }
    if (local) {
      // One draft at a time, then back to the event loop: the workers' replies are taken (and they are fed)
      // between two drafts linted here.
      const step = (): void => {
        if (finished || next >= tasks.length) return;
        const id = next++;
        let outcome: LintOutcome;
        try {
          outcome = local(tasks[id] as LintTask);
        } catch (error) {
          fail(error);
          return;
        }
        done(id, outcome);
        setImmediate(step);
      };
      setImmediate(step);
    }
    if (tasks.length === 0) resolve();
  });
}
