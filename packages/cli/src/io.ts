/** How the command talks to the outside: its streams, --debug notes, and errno codes in words. */
import type { CliOptions } from './args.js';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
}

export function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Milliseconds since an arbitrary start (process.hrtime: `performance` would load perf_hooks at every start). */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Why a file operation failed, in words ("no such file"). */
export function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** One run of the command, as its steps see it. */
export interface RunContext {
  options: CliOptions;
  io: CliIo;
  /** A line on stderr with --debug, else nothing. */
  debugLog(s: string): void;
  /** Milliseconds since the run started. */
  elapsed(): number;
}

export function runContext(options: CliOptions, io: CliIo, started: number): RunContext {
  return {
    options,
    io,
    debugLog: (s) => {
      if (options.debug) io.stderr.write(`plan-lint: debug: ${s}\n`);
    },
    elapsed: () => now() - started,
  };
}
