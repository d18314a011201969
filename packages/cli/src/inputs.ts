/** The drafts of a run: standard input, or the files the patterns name, read and decoded. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from './args.js';
import { discoverFiles } from './files.js';
import { errnoReason, type RunContext } from './io.js';
import { decodeText } from './safe-io.js';

export interface Input {
  /** Absolute path (standard input: the --stdin-filename, resolved, or "<stdin>" in the current directory). */
  filePath: string;
  /** The name in messages: relative to the current directory, or "<stdin>". */
  displayName: string;
  /** Where the configuration is looked up from (standard input without a name: the current directory). */
  configPath: string;
  /** The path the formatters show: `filePath`, or "<stdin>" for standard input without a name. */
  reportedPath: string;
  text: string;
  fromStdin: boolean;
  /** The bytes read (files only, with --fix): a fix is written only if the file still holds them. */
  original?: Buffer;
  validUtf8?: boolean;
}

export interface Inputs {
  inputs: Input[];
  /** Files that could not be read as text (one line on stderr each): exit code 2. */
  failures: number;
}

type IsIgnored = (absolute: string, isDirectory: boolean) => boolean;

/** `onDiscovered(n)`: the files are known, about to be read (the worker pool can start booting). */
export async function readInputs(run: RunContext, isIgnored: IsIgnored, onDiscovered: (files: number) => void): Promise<Inputs> {
  return run.options.stdin ? readStdin(run, isIgnored) : readFiles(run, isIgnored, onDiscovered);
}

async function readStdin({ options, io, debugLog }: RunContext, isIgnored: IsIgnored): Promise<Inputs> {
  const text = await io.readStdin();
  if (text.includes('\0')) throw new UsageError('The standard input is not text (it contains NUL bytes); plan-lint reads UTF-8 Markdown.');
  const name = options.stdinFilename;
  if (name === undefined) {
    const filePath = path.join(io.cwd, '<stdin>');
    const configPath = path.join(io.cwd, 'stdin.md');
    return { inputs: [{ filePath, displayName: '<stdin>', configPath, reportedPath: '<stdin>', text, fromStdin: true }], failures: 0 };
  }
  const filePath = path.resolve(io.cwd, name);
  if (isIgnored(filePath, false)) {
    debugLog(`${name} is ignored; nothing linted`);
    return { inputs: [], failures: 0 };
  }
  return { inputs: [{ filePath, displayName: name, configPath: filePath, reportedPath: filePath, text, fromStdin: true }], failures: 0 };
}

async function readFiles(run: RunContext, isIgnored: IsIgnored, onDiscovered: (files: number) => void): Promise<Inputs> {
  const { options, io, debugLog } = run;
  const discovery = await discoverFiles(options.patterns, {
    cwd: io.cwd,
    isIgnored,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
  });
  for (const warning of discovery.warnings) io.stderr.write(`plan-lint: warning: ${warning}\n`);
  debugLog(`${discovery.files.length} file(s) to lint (${run.elapsed().toFixed(0)} ms)`);
  onDiscovered(discovery.files.length);
  const inputs: Input[] = [];
  let failures = 0;
  for (const file of discovery.files) {
    const input = await readFile(run, file);
    if (input) inputs.push(input);
    else failures++;
  }
  return { inputs, failures };
}

/** One draft from disk; undefined (after a line on stderr) when it is not a text file. */
async function readFile({ options, io }: RunContext, file: string): Promise<Input | undefined> {
  const shownName = path.relative(io.cwd, file) || file;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read '${shownName}': ${errnoReason(error)}.`);
  }
  const decoded = decodeText(bytes);
  if (decoded.binary) {
    io.stderr.write(`plan-lint: '${shownName}' is not a text file (it contains NUL bytes); not linted.\n`);
    return undefined;
  }
  if (!decoded.validUtf8) {
    io.stderr.write(`plan-lint: warning: '${shownName}' is not valid UTF-8; invalid bytes are read as U+FFFD${options.fix ? ' and fixes are not written to it' : ''}.\n`);
  }
  return {
    filePath: file,
    displayName: path.relative(io.cwd, file),
    configPath: file,
    reportedPath: file,
    text: decoded.text,
    fromStdin: false,
    // The bytes are kept only to check, before writing a fix, that the file still holds them.
    ...(options.fix ? { original: bytes } : {}),
    validUtf8: decoded.validUtf8,
  };
}
