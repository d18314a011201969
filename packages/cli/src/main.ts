/**
 * The plan-lint command line. `main(argv)` returns the exit code:
 *   0  no errors (and warnings within --max-warnings)
 *   1  errors, or more warnings than --max-warnings
 *   2  bad usage, invalid config, unreadable or unmatched path, internal error
 * Problems of kind 2 are one line on stderr ("plan-lint: ..."); a stack trace only with --debug.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyRule, ResolveOptions, ResolvedConfig, RuleMeta } from '@plan-lint/core';
import { helpText, parseArgs, USAGE, UsageError } from './args.js';
import { writeFileAtomic } from './atomic.js';
import { decodeText, writeFixes } from './safe-io.js';
import { shouldColor } from './colors.js';
import { discoverFiles } from './files.js';
import { IgnoreMatcher } from './ignore.js';
import { didYouMeanSuffix } from './suggest.js';
import { runLintTask, type LintOutcome, type LintTask } from './lint-task.js';
import { lintOnPool, poolSize, startWorkers, type StartedWorkers, type WorkerSetup } from './pool.js';
import type { CliResult, FormatContext } from './types.js';

export { parseArgs, UsageError } from './args.js';

type Core = typeof import('@plan-lint/core');

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
}

const PROGRESS_THRESHOLD = 20;

/** What the loader found at start-up (how long loading the bundle took), reported by --debug. */
const startupNotes: string[] = [];
/** For the bundle's loader (bin/plan-lint.js): a line for --debug about how the command started. */
export function noteStartup(note: string): void {
  startupNotes.push(note);
}

/** Milliseconds since an arbitrary start (process.hrtime: `performance` would load perf_hooks at every start). */
function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function defaultIo(): CliIo {
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

let cachedVersion: string | undefined;
/** This package's version (its package.json, beside dist/ where both dist/main.js and the bundle are). */
export function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

type RulesModule = typeof import('@plan-lint/rules');

async function loadRules(): Promise<RulesModule> {
  return import('@plan-lint/rules');
}

function ruleMetaMap(rules: readonly AnyRule[]): Map<string, RuleMeta> {
  return new Map(rules.map((r) => [r.meta.id, r.meta]));
}

function errnoReason(error: unknown): string {
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

/** Run plan-lint with the given arguments; resolves to the exit code. Never rejects. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const cleanups: (() => void)[] = [];
  try {
    return await run(argv, io, cleanups);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
      io.stderr.write(`plan-lint: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`plan-lint: internal error: ${message.replace(/\s*\n\s*/g, ' ')}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}

async function run(argv: readonly string[], io: CliIo, cleanups: (() => void)[]): Promise<number> {
  const started = now();
  const options = parseArgs(argv);
  const debugLog = (s: string): void => {
    if (options.debug) io.stderr.write(`plan-lint: debug: ${s}\n`);
  };
  for (const note of startupNotes) debugLog(note);
  if (options.help) {
    io.stdout.write(helpText(version()) + '\n');
    return 0;
  }
  if (options.version) {
    io.stdout.write(`v${version()}\n`);
    return 0;
  }
  if (options.init) return init(io);

  const [core, rulesModule] = await Promise.all([import('@plan-lint/core') as Promise<Core>, loadRules()]);
  const { rules, rulesById } = rulesModule;
  debugLog(`loaded ${rules.length} rules in ${(now() - started).toFixed(0)} ms`);

  if (options.listRules) return listRules(io, rules);
  if (options.explain !== undefined) return explain(io, core, rulesModule, options.explain);

  const overrideRules = options.ruleOverrides.length
    ? Object.fromEntries(options.ruleOverrides.map((o) => [o.id, o.severity]))
    : undefined;
  // Plain data, so that worker threads resolve each draft's config the same way.
  const resolveOptions: Omit<ResolveOptions, 'rules'> = {
    cwd: io.cwd,
    ...(options.config !== undefined ? { configPath: options.config } : {}),
    ...(overrideRules ? { overrideRules } : {}),
    ...(options.inlineConfig ? {} : { noInlineConfig: true }),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: options.reportUnusedDisableDirectives } : {}),
  };
  const resolveFor = (filePath: string) => core.resolveConfigForFile(filePath, { ...resolveOptions, rules });
  // The worker pool, for many drafts. This thread lints too (one worker fewer to start and warm up);
  // PLAN_LINT_POOL_LOCAL=0 leaves it idle. PLAN_LINT_WORKER_YOUNG_MB=n: the workers' young generation.
  const poolLocal = io.env['PLAN_LINT_POOL_LOCAL'] !== '0';
  const youngMb = Number(io.env['PLAN_LINT_WORKER_YOUNG_MB'] ?? '');
  const workerOptions = youngMb > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : undefined;
  const workerSetup: WorkerSetup = { planLintWorker: true, resolve: resolveOptions };
  let prestarted: Promise<StartedWorkers> | undefined;
  cleanups.push(() => void prestarted?.then((started) => started.dispose()).catch(() => undefined));

  if (options.config !== undefined) {
    const configPath = path.resolve(io.cwd, options.config);
    try {
      await fs.access(configPath);
    } catch (error) {
      throw new UsageError(`Cannot read the config file '${options.config}': ${errnoReason(error)}.`);
    }
  }

  if (options.printConfig !== undefined) {
    const file = path.resolve(io.cwd, options.printConfig);
    const resolved = resolveFor(file);
    io.stdout.write(JSON.stringify(printableConfig(resolved.config, resolved.configFile, resolved.ignored), null, 2) + '\n');
    return 0;
  }

  if (!options.stdin && options.patterns.length === 0) {
    io.stderr.write(
      `${USAGE}\n\nplan-lint: no files given; name the drafts to lint (e.g. 'plan-lint seeds/' or 'plan-lint .'). Run 'plan-lint --help' for the options.\n`,
    );
    return 2;
  }

  // ---- configuration per file (cached) and ignores ----
  const configs = new Map<string, ReturnType<typeof resolveFor>>();
  const configFor = (file: string): ReturnType<typeof resolveFor> => {
    let resolved = configs.get(file);
    if (!resolved) {
      resolved = resolveFor(file);
      configs.set(file, resolved);
    }
    return resolved;
  };
  const ignoreFiles = IgnoreMatcher.discover(io.cwd, options.ignore && options.ignorePath === undefined);
  if (options.ignore && options.ignorePath !== undefined) {
    try {
      ignoreFiles.addFile(path.resolve(io.cwd, options.ignorePath));
    } catch (error) {
      throw new UsageError(`Cannot read the ignore file '${options.ignorePath}': ${errnoReason(error)}.`);
    }
  }
  const isIgnored = (absolute: string, isDirectory: boolean): boolean => {
    if (ignoreFiles.ignores(absolute, isDirectory)) return true;
    if (!options.ignore || isDirectory) return false;
    return configFor(absolute).ignored;
  };

  // ---- inputs ----
  interface Input {
    filePath: string;
    displayName: string;
    text: string;
    fromStdin: boolean;
    /** The bytes read (files only): a fix is written only if the file still holds them. */
    original?: Buffer;
    validUtf8?: boolean;
  }
  const inputs: Input[] = [];
  /** Files that could not be linted or fixed (one line on stderr each): exit code 2. */
  let inputFailures = 0;
  if (options.stdin) {
    const text = await io.readStdin();
    if (text.includes('\0')) throw new UsageError('The standard input is not text (it contains NUL bytes); plan-lint reads UTF-8 Markdown.');
    const filePath = options.stdinFilename !== undefined ? path.resolve(io.cwd, options.stdinFilename) : path.join(io.cwd, '<stdin>');
    if (options.stdinFilename !== undefined && isIgnored(filePath, false)) {
      debugLog(`${options.stdinFilename} is ignored; nothing linted`);
    } else {
      inputs.push({ filePath, displayName: options.stdinFilename ?? '<stdin>', text, fromStdin: true });
    }
  } else {
    const discovery = await discoverFiles(options.patterns, {
      cwd: io.cwd,
      isIgnored,
      errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    });
    for (const warning of discovery.warnings) io.stderr.write(`plan-lint: warning: ${warning}\n`);
    debugLog(`${discovery.files.length} file(s) to lint (${(now() - started).toFixed(0)} ms)`);
    // Many drafts: the workers start now and boot while this thread reads the drafts.
    const threads = options.format === 'html' ? 0 : poolSize(discovery.files.length, io.env);
    if (threads > 0) prestarted = startWorkers(poolLocal ? threads - 1 : threads, workerSetup, workerOptions);
    for (const file of discovery.files) {
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch (error) {
        throw new UsageError(`Cannot read '${path.relative(io.cwd, file) || file}': ${errnoReason(error)}.`);
      }
      const shownName = path.relative(io.cwd, file) || file;
      const decoded = decodeText(bytes);
      if (decoded.binary) {
        io.stderr.write(`plan-lint: '${shownName}' is not a text file (it contains NUL bytes); not linted.\n`);
        inputFailures++;
        continue;
      }
      if (!decoded.validUtf8) {
        io.stderr.write(`plan-lint: warning: '${shownName}' is not valid UTF-8; invalid bytes are read as U+FFFD${options.fix ? ' and fixes are not written to it' : ''}.\n`);
      }
      // The bytes are kept only to check, before writing a fix, that the file still holds them.
      inputs.push({ filePath: file, displayName: path.relative(io.cwd, file), text: decoded.text, fromStdin: false, ...(options.fix ? { original: bytes } : {}), validUtf8: decoded.validUtf8 });
    }
  }

  // ---- lint (and fix): many drafts on worker threads, else here; results in input order either way ----
  const fixing = options.fix || options.fixDryRun;
  // Only the HTML report reads the plan model; the other formats get results without it (less memory).
  const keepDocument = options.format === 'html';
  const workers = options.stdin || keepDocument ? 0 : poolSize(inputs.length, io.env);
  const showProgress = inputs.length > PROGRESS_THRESHOLD && io.stderr.isTTY === true && !options.debug;
  const progress = (i: number): void => {
    if (showProgress) io.stderr.write(`\r\u001b[Kplan-lint: ${i + 1}/${inputs.length} ${truncate(inputs[i]?.displayName ?? '', 60)}`);
  };
  const configOfInput = (input: Input): ReturnType<typeof resolveFor> =>
    input.fromStdin && options.stdinFilename === undefined ? resolveStdinConfig(resolveFor, io.cwd) : configFor(input.filePath);
  const taskOf = (input: Input): LintTask => ({ filePath: input.filePath, text: input.text, fix: fixing, keepDocument });
  const results: CliResult[] = [];
  const outputs: (string | undefined)[] = [];
  const accept = (i: number, outcome: LintOutcome): void => {
    const input = inputs[i] as Input;
    const cliResult: CliResult = {
      ...outcome.result,
      source: outcome.result.source ?? input.text,
      filePath: input.fromStdin && options.stdinFilename === undefined ? '<stdin>' : input.filePath,
      registry: configOfInput(input).config.registry,
    };
    if (options.fixDryRun && outcome.output !== undefined) cliResult.output = outcome.output;
    results[i] = cliResult;
    outputs[i] = outcome.output;
  };
  if (workers > 0) {
    // Config errors surface here, before any draft is linted, exactly as in a run on one thread.
    for (const input of inputs) configOfInput(input);
    debugLog(
      `linting ${inputs.length} file(s) on ${workers} worker threads` +
        (poolLocal ? ` (this thread and ${workers - 1} worker${workers === 2 ? '' : 's'})` : '') +
        `, ${(now() - started).toFixed(0)} ms after start`,
    );
    await lintOnPool(
      inputs.map(taskOf),
      workerSetup,
      workers,
      (i, outcome) => {
        progress(i);
        accept(i, outcome);
      },
      {
        onNote: (note) => debugLog(`worker: ${note}`),
        ...(poolLocal ? { local: (task: LintTask) => runLintTask(core, rules, configFor(task.filePath).config, task) } : {}),
        ...(workerOptions ? { workerOptions } : {}),
        ...(prestarted ? { started: await prestarted } : {}),
      },
    );
  } else {
    for (const [i, input] of inputs.entries()) {
      progress(i);
      accept(i, runLintTask(core, rules, configOfInput(input).config, taskOf(input)));
    }
  }
  if (showProgress) io.stderr.write('\r\u001b[K');
  let written = 0;
  if (options.fix) {
    for (const [i, input] of inputs.entries()) {
      const output = outputs[i];
      if (output === undefined || input.fromStdin) continue;
      const problem =
        input.validUtf8 === false
          ? 'it is not valid UTF-8 (writing would replace the invalid bytes); nothing was written'
          : await writeFixes(input.filePath, output, input.original);
      if (problem === undefined) written++;
      else {
        io.stderr.write(`plan-lint: '${input.displayName || input.filePath}' was not fixed: ${problem}.\n`);
        inputFailures++;
      }
    }
    debugLog(`fixed ${written} file(s)`);
  }
  debugLog(`linted ${results.length} file(s) in ${(now() - started).toFixed(0)} ms`);

  // ---- exit code (warnings are counted before --quiet hides them) ----
  const errorCount = results.reduce((n, r) => n + r.errorCount, 0);
  const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warningCount > options.maxWarnings;
  const exitCode = inputFailures > 0 ? 2 : errorCount > 0 || tooManyWarnings ? 1 : 0;

  const shown = options.quiet ? results.map(errorsOnly) : results;

  // ---- report ----
  const { loadFormatter } = await import('./formatters/index.js');
  const formatter = await loadFormatter(options.format);
  const toFile = options.outputFile !== undefined;
  const context: FormatContext = {
    cwd: io.cwd,
    color: toFile ? options.color === true : shouldColor(options.color, io.env, io.stdout.isTTY === true),
    rules: ruleMetaMap(rules),
    ruleDocs: (id) => rulesModule.readRuleDocs(id),
    ruleUrl: (id) => core.ruleDocsUrl(id),
    version: version(),
    exitCode,
    now: new Date(),
  };
  const report = formatter(shown, context);
  if (options.outputFile !== undefined) {
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, report);
    } catch (error) {
      throw new UsageError(`Cannot write the report to '${options.outputFile}': ${errnoReason(error)}.`);
    }
  } else if (report !== '') {
    io.stdout.write(report);
  }
  if (tooManyWarnings) {
    io.stderr.write(`plan-lint found too many warnings (maximum: ${options.maxWarnings}, found: ${warningCount}).\n`);
  }
  debugLog(`${core.runtimeCompileCount()} JSON schema(s) compiled at run time (in this thread)`);
  debugLog(`done in ${(now() - started).toFixed(0)} ms, exit code ${exitCode}`);
  return exitCode;
}

/** stdin without a file name: the config found from the current directory. */
function resolveStdinConfig<T>(resolveFor: (file: string) => T, cwd: string): T {
  return resolveFor(path.join(cwd, 'stdin.md'));
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `\u2026${s.slice(s.length - n + 1)}`;
}

function errorsOnly(result: CliResult): CliResult {
  const messages = result.messages.filter((m) => m.severity === 'error');
  return {
    ...result,
    messages,
    suppressedMessages: result.suppressedMessages.filter((m) => m.severity === 'error'),
    warningCount: 0,
    infoCount: 0,
    fixableWarningCount: 0,
  };
}

function printableConfig(config: ResolvedConfig, configFile: string | undefined, ignored: boolean): Record<string, unknown> {
  return {
    configFile: configFile ?? null,
    ignored,
    rules: Object.fromEntries(
      Object.entries(config.rules)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, r]) => [id, Object.keys(r.options).length > 0 ? [r.severity, r.options] : r.severity]),
    ),
    noInlineConfig: config.noInlineConfig,
    reportUnusedDisableDirectives: config.reportUnusedDisableDirectives,
    registry: config.registry.bodies.map((b) => ({ id: b.id, abbreviation: b.abbreviations[0] ?? null, name: b.name })),
  };
}

function listRules(io: CliIo, rules: readonly AnyRule[]): number {
  const header = ['RULE', 'DEFAULT', 'FIXABLE', 'RECOMMENDED', 'DESCRIPTION'];
  const rows = rules.map((r) => [
    r.meta.id,
    r.meta.defaultSeverity,
    r.meta.fixable ? 'yes' : r.meta.hasSuggestions ? 'suggest' : '-',
    r.meta.recommended ? 'yes' : '-',
    r.meta.description,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').replace(/\s+$/, '');
  io.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
  if (rules.length === 0) io.stderr.write('plan-lint: warning: no rules are installed.\n');
  return 0;
}

function explain(io: CliIo, core: Core, { rulesById, readRuleDocs, ruleDocsFile }: RulesModule, id: string): number {
  const engineIds = core.ENGINE_MESSAGE_IDS as readonly string[];
  if (!rulesById.has(id) && !engineIds.includes(id)) {
    throw new UsageError(`Unknown rule '${id}'.${didYouMeanSuffix(id, [...rulesById.keys(), ...engineIds])} Run 'plan-lint --list-rules' to see them all.`);
  }
  const docs = readRuleDocs(id);
  if (docs === undefined) {
    const meta = rulesById.get(id)?.meta;
    io.stdout.write(`# ${id}\n\n${meta?.description ?? ''}\n\n(No documentation file found at ${String(ruleDocsFile(id))}; online: ${core.ruleDocsUrl(id)}.)\n`);
    return 0;
  }
  io.stdout.write(docs.endsWith('\n') ? docs : docs + '\n');
  return 0;
}

async function init(io: CliIo): Promise<number> {
  const { CONFIG_FILE_NAMES, assetUrl } = await import('@plan-lint/core');
  for (const name of CONFIG_FILE_NAMES) {
    try {
      await fs.access(path.join(io.cwd, name));
      throw new UsageError(`${name} already exists in ${io.cwd}; not overwriting it.`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
    }
  }
  const schemaFile = fileURLToPath(assetUrl('schema/config.schema.json'));
  let schemaRef = path.relative(io.cwd, schemaFile).split(path.sep).join('/');
  if (!schemaRef.startsWith('.')) schemaRef = `./${schemaRef}`;
  const config = {
    $schema: schemaRef,
    extends: 'plan-lint:recommended',
    rules: {},
  };
  const target = path.join(io.cwd, '.plan-lint.json');
  try {
    await fs.writeFile(target, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
  } catch (error) {
    throw new UsageError(`Cannot write ${target}: ${errnoReason(error)}.`);
  }
  io.stdout.write(`Wrote .plan-lint.json (extends plan-lint:recommended). Edit "rules" to change severities; see 'plan-lint --list-rules'.\n`);
  return 0;
}
