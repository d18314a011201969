/** How the command talks to the outside: its streams, --debug notes, and errno codes in words. */
import type { CliOptions } from './args.js';

/**
 * Where output goes. `write` may return a promise of the write's outcome (an Error, or nothing when written):
 * the report's writer waits for it, to know whether the report reached standard output.
 */
export interface OutputStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  readStdin(): Promise<string>;
}

/**
 * A process stream whose reader may go away (`plan-lint ... | head`): the EPIPE that follows is not an
 * error of the run. The stream counts as closed from then on and later writes are dropped, so that nothing
 * is thrown (no unhandled 'error' event, no stack trace). Each write resolves to its error, if any.
 */
function guardedStream(stream: NodeJS.WriteStream): OutputStream {
  let closed = false;
  stream.on('error', () => {
    closed = true;
  });
  return {
    write: (s: string) =>
      closed
        ? Promise.resolve(undefined)
        : new Promise<Error | undefined>((resolve) => {
            stream.write(s, (error) => resolve(error ?? undefined));
          }),
    get isTTY() {
      return stream.isTTY;
    },
  };
}

/** Whether a write's outcome (see OutputStream) is a failure other than a reader that went away. */
export function writeFailure(outcome: unknown): Error | undefined {
  if (!(outcome instanceof Error)) return undefined;
  return (outcome as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : outcome;
}

export function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: guardedStream(process.stdout),
    stderr: guardedStream(process.stderr),
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
    case 'ENOSPC':
      return 'no space left on the device';
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
