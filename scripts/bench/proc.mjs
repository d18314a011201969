// Whole-process timing of a Node.js command: wall time (measured here), user and system CPU time and peak
// memory (maxRSS) from GNU time (`/usr/bin/time -f`) when present, else from `process.resourceUsage()` written by
// a preloaded hook in the child (scripts/bench/rusage-hook.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rusage-hook.mjs');

/** Whether GNU time can be used (it exists and understands -f/-o); PLAN_LINT_BENCH_NO_GNU_TIME=1 forces the fallback. */
export const hasGnuTime = (() => {
  if (process.env.PLAN_LINT_BENCH_NO_GNU_TIME === '1' || !existsSync(GNU_TIME)) return false;
  try {
    const r = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
    return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop() ?? '');
  } catch {
    return false;
  }
})();

/**
 * @typedef {{ wallMs: number, userMs: number, sysMs: number, cpuMs: number, maxRssKb: number, code: number | null,
 *             signal: string | null, timedOut: boolean }} RunResult
 */

/**
 * Runs `node ...nodeArgs` in `cwd`; stdout and stderr go to `outFile` (or are discarded).
 * @param {string[]} nodeArgs
 * @param {{ cwd: string, scratch: string, outFile?: string, timeoutMs?: number, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<RunResult>}
 */
export function timedNode(nodeArgs, options) {
  const { cwd, scratch, outFile, timeoutMs = 600_000 } = options;
  const usageFile = path.join(scratch, `rusage-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const env = { ...process.env, ...options.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  let command;
  let args;
  if (hasGnuTime) {
    command = GNU_TIME;
    args = ['-f', '%e %U %S %M', '-o', usageFile, process.execPath, ...nodeArgs];
  } else {
    command = process.execPath;
    args = ['--import', pathToFileURL(HOOK).href, ...nodeArgs];
    env.PLAN_LINT_BENCH_RUSAGE = usageFile;
  }
  const out = outFile ? openSync(outFile, 'w') : 'ignore';
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL'); // the process group this call started (time + node)
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      if (typeof out === 'number') closeSync(out);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      if (typeof out === 'number') closeSync(out);
      let userMs = Number.NaN;
      let sysMs = Number.NaN;
      let maxRssKb = Number.NaN;
      try {
        const text = readFileSync(usageFile, 'utf8').trim();
        if (hasGnuTime) {
          // The last line holds the figures ("Command exited with non-zero status 1" may come first).
          const last = text.split('\n').pop() ?? '';
          const [, u, s, m] = last.split(/\s+/).map(Number);
          userMs = u * 1000;
          sysMs = s * 1000;
          maxRssKb = m;
        } else {
          const r = JSON.parse(text);
          userMs = r.userCPUTime / 1000;
          sysMs = r.systemCPUTime / 1000;
          maxRssKb = r.maxRSS;
        }
      } catch {
        /* killed before it could write */
      }
      rmSync(usageFile, { force: true });
      resolve({ wallMs, userMs, sysMs, cpuMs: userMs + sysMs, maxRssKb, code, signal, timedOut });
    });
  });
}
