/**
 * Linting many drafts on a bounded pool of worker threads (worker.ts). Each worker takes the next draft
 * when it has answered the previous one; outcomes come back in input order whatever order they finish in.
 * A worker that fails (throws outside a lint, runs out of memory, exits) fails the whole run.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ResolveOptions } from '@plan-lint/core';
import type { LintOutcome, LintTask } from './lint-task.js';

/** More drafts than this are linted on worker threads. */
export const POOL_THRESHOLD = 8;
/** At most this many workers. */
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

export type WorkerReply =
  | { id: number; outcome: LintOutcome; error?: undefined }
  | { id: number; error: { name: string; message: string; stack?: string }; outcome?: undefined };

let workerScript: URL = new URL('./worker.js', import.meta.url);

/** The script the workers run (the bundle points it at its own worker entry). */
export function setWorkerScript(url: URL): void {
  workerScript = url;
}

/**
 * How many workers to use for `files` drafts: none (lint in this thread) up to POOL_THRESHOLD drafts,
 * else min(files, available parallelism, MAX_WORKERS). PLAN_LINT_WORKERS=n caps it (0 or 1: no pool).
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

/**
 * Lints `tasks` on `size` workers. `onOutcome(i, outcome)` is called in input order (i = 0, 1, 2, ...) as soon
 * as every draft before it is done, so that a caller can report progress and drop what it no longer needs.
 */
export async function lintOnPool(
  tasks: readonly LintTask[],
  setup: WorkerSetup,
  size: number,
  onOutcome: (index: number, outcome: LintOutcome) => void,
): Promise<void> {
  // Loaded here, not at start-up: a run on one thread never needs it.
  const { Worker } = await import('node:worker_threads');
  return new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const waiting = new Map<number, LintOutcome>();
    let next = 0;
    let delivered = 0;
    let finished = false;

    const stop = (): void => {
      finished = true;
      for (const w of workers) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (finished) return;
      stop();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      if (next >= tasks.length) return;
      const id = next++;
      const request: WorkerRequest = { id, task: tasks[id] as LintTask };
      worker.postMessage(request);
    };

    for (let i = 0; i < Math.min(size, tasks.length); i++) {
      // No node options of the parent's: some are refused in a worker (--input-type, V8 flags given explicitly);
      // V8 flags are process-wide and apply to the workers anyway.
      const worker = new Worker(workerScript, { workerData: setup, execArgv: [], stdout: false, stderr: false });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (finished) return;
        if (reply.error) {
          fail(new WorkerError(reply.error.name, reply.error.message, reply.error.stack));
          return;
        }
        waiting.set(reply.id, reply.outcome);
        feed(worker);
        while (waiting.has(delivered)) {
          const outcome = waiting.get(delivered) as LintOutcome;
          waiting.delete(delivered);
          try {
            onOutcome(delivered, outcome);
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          delivered++;
        }
        if (delivered === tasks.length) {
          stop();
          resolve();
        }
      });
      worker.on('error', (error: Error) => fail(new Error(`a lint worker failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!finished) fail(new Error(`a lint worker stopped unexpectedly (exit code ${code})`));
      });
      feed(worker);
    }
    if (tasks.length === 0) resolve();
  });
}
