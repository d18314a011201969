/**
 * A lint worker thread (see pool.ts) run from the compiled modules: `dist/worker.js`. The bundle's workers
 * run `dist/plan-lint-worker.cjs` instead (scripts/build.mjs); both serve with worker-serve.ts.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { serveLintRequests } from './worker-serve.js';

/** Serves lint requests on the parent port until the pool terminates the thread. */
export function startWorker(): void {
  serveLintRequests(parentPort, workerData);
}

if (!isMainThread) startWorker();
