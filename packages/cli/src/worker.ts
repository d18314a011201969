/**
 * A lint worker thread (see pool.ts): resolves each draft's config the way the main thread does and lints
 * it with runLintTask. Loaded as `dist/worker.js`, or as the bundle's `dist/plan-lint-worker.mjs`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as core from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { runLintTask } from './lint-task.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './pool.js';

function isSetup(data: unknown): data is WorkerSetup {
  return typeof data === 'object' && data !== null && (data as { planLintWorker?: unknown }).planLintWorker === true;
}

/** Serves lint requests on the parent port until the pool terminates the thread. */
export function startWorker(): void {
  const port = parentPort;
  if (!port || !isSetup(workerData)) return;
  const setup = workerData;
  port.on('message', (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      const { config } = core.resolveConfigForFile(request.task.filePath, { ...setup.resolve, rules });
      reply = { id: request.id, outcome: runLintTask(core, rules, config, request.task) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: request.id, error: { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) } };
    }
    port.postMessage(reply);
  });
}

if (!isMainThread && isSetup(workerData)) startWorker();
