/**
 * The lint service of a worker thread (see pool.ts): resolves each draft's config the way the main thread
 * does and lints it with runLintTask. Apart from worker.ts so that the bundle can hold it without loading
 * node:worker_threads at every start (the bundle's worker entry passes the port in).
 */
import type { MessagePort } from 'node:worker_threads';
import * as core from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { runLintTask } from './lint-task.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './pool.js';

export function isWorkerSetup(data: unknown): data is WorkerSetup {
  return typeof data === 'object' && data !== null && (data as { planLintWorker?: unknown }).planLintWorker === true;
}

/**
 * Serves lint requests on `port` until the pool terminates the thread. `note` (e.g. how long loading the
 * bundle took) goes back with the first reply, for --debug. Returns false (and serves nothing) without a setup.
 */
export function serveLintRequests(port: MessagePort | null | undefined, data: unknown, note?: string): boolean {
  if (!port || !isWorkerSetup(data)) return false;
  const setup = data;
  let pendingNote = note;
  // One linker for the worker's life, which is the run's: each linked document is read once per thread.
  const linker = core.createLinker();
  port.on('message', (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      const { config } = core.resolveConfigForFile(request.task.filePath, { ...setup.resolve, rules });
      reply = { id: request.id, outcome: runLintTask(core, rules, config, request.task, linker) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: request.id, error: { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) } };
    }
    if (pendingNote !== undefined) {
      reply.note = pendingNote;
      pendingNote = undefined;
    }
    port.postMessage(reply);
  });
  return true;
}
