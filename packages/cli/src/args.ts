import { isLocale, LOCALES, type Locale, type Severity } from '@plan-lint/core';
import { didYouMeanSuffix } from './suggest.js';

/** A problem with how plan-lint was called, a config it cannot use, or a path it cannot read: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warn', 'error'];

export interface CliOptions {
  patterns: string[];
  help: boolean;
  version: boolean;
  format: FormatName;
  outputFile?: string;
  config?: string;
  fix: boolean;
  fixDryRun: boolean;
  cache: boolean;
  cacheLocation?: string;
  stdin: boolean;
  stdinFilename?: string;
  printConfig?: string;
  listRules: boolean;
  explain?: string;
  init: boolean;
  quiet: boolean;
  maxWarnings: number;
  reportUnusedDisableDirectives?: Severity;
  inlineConfig: boolean;
  errorOnUnmatchedPattern: boolean;
  ignore: boolean;
  ignorePath?: string;
  color?: boolean;
  debug: boolean;
  /** --rule id:severity overrides, in order. */
  ruleOverrides: { id: string; severity: Severity }[];
  /** --locale: the language of the messages and the report (absent: each draft's). */
  locale?: Locale;
}

type Kind = 'flag' | 'value' | 'optional-value';

interface OptionSpec {
  name: string;
  short?: string;
  kind: Kind;
  /** Placeholder for the value in help. */
  arg?: string;
  help: string;
  apply(options: CliOptions, value: string | undefined): void;
}

function parseSeverity(value: string, option: string): Severity {
  const normalized = value === 'warning' ? 'warn' : value === '0' ? 'off' : value === '1' ? 'warn' : value === '2' ? 'error' : value;
  if ((SEVERITIES as readonly string[]).includes(normalized)) return normalized as Severity;
  throw new UsageError(`${option} expects a severity (off, info, warn or error), not '${value}'.${didYouMeanSuffix(value, SEVERITIES)}`);
}

const SPECS: OptionSpec[] = [
  { name: 'help', short: 'h', kind: 'flag', help: 'Show this help and exit', apply: (o) => (o.help = true) },
  { name: 'version', short: 'v', kind: 'flag', help: 'Print the version and exit', apply: (o) => (o.version = true) },
  {
    name: 'format',
    short: 'f',
    kind: 'value',
    arg: 'NAME',
    help: `Output format: ${FORMATS.join(', ')} (default: stylish)`,
    apply: (o, v = '') => {
      if (!(FORMATS as readonly string[]).includes(v)) {
        throw new UsageError(`Unknown format '${v}'; use one of ${FORMATS.join(', ')}.${didYouMeanSuffix(v, FORMATS)}`);
      }
      o.format = v as FormatName;
    },
  },
  { name: 'output-file', short: 'o', kind: 'value', arg: 'FILE', help: 'Write the report to FILE instead of stdout', apply: (o, v) => (o.outputFile = v) },
  { name: 'config', short: 'c', kind: 'value', arg: 'FILE', help: 'Use this config file instead of looking for .plan-lint.json(c)', apply: (o, v) => (o.config = v) },
  { name: 'fix', kind: 'flag', help: 'Fix what can be fixed automatically and write the files', apply: (o) => (o.fix = true) },
  { name: 'fix-dry-run', kind: 'flag', help: 'Compute fixes but write nothing (the json format includes the fixed "output")', apply: (o) => (o.fixDryRun = true) },
  { name: 'cache', kind: 'flag', help: 'Reuse the results of drafts unchanged since the last run (same config, same plan-lint)', apply: (o) => (o.cache = true) },
  { name: 'cache-location', kind: 'value', arg: 'PATH', help: 'The cache file, or a directory for it (default: ./.plan-lint-cache)', apply: (o, v) => (o.cacheLocation = v) },
  { name: 'stdin', kind: 'flag', help: "Lint the text read from standard input (same as the file name '-')", apply: (o) => (o.stdin = true) },
  { name: 'stdin-filename', kind: 'value', arg: 'FILE', help: 'File name to use for standard input (config lookup, reports)', apply: (o, v) => (o.stdinFilename = v) },
  { name: 'rule', kind: 'value', arg: 'ID:SEVERITY', help: "Override a rule's severity, e.g. --rule ministry-known:warn (repeatable)", apply: (o, v = '') => {
      const colon = v.lastIndexOf(':');
      if (colon <= 0) throw new UsageError(`--rule expects 'rule-id:severity' (for example 'ministry-known:warn'), not '${v}'.`);
      o.ruleOverrides.push({ id: v.slice(0, colon).trim(), severity: parseSeverity(v.slice(colon + 1).trim(), '--rule') });
    } },
  {
    name: 'locale',
    kind: 'value',
    arg: 'LANG',
    help: `Language of the messages and the report: ${LOCALES.join(' or ')} (default: each draft's language)`,
    apply: (o, v = '') => {
      if (!isLocale(v)) throw new UsageError(`--locale expects ${LOCALES.join(' or ')}, not '${v}'.${didYouMeanSuffix(v, LOCALES)}`);
      o.locale = v;
    },
  },
  { name: 'quiet', short: 'q', kind: 'flag', help: 'Report errors only', apply: (o) => (o.quiet = true) },
  {
    name: 'max-warnings',
    kind: 'value',
    arg: 'N',
    help: 'Exit with code 1 when there are more than N warnings',
    apply: (o, v = '') => {
      if (!/^-?\d+$/.test(v)) throw new UsageError(`--max-warnings expects a whole number, not '${v}'.`);
      o.maxWarnings = Number(v);
    },
  },
  {
    name: 'report-unused-disable-directives',
    kind: 'optional-value',
    arg: 'SEVERITY',
    help: 'Report disable comments that silence nothing (default severity: error)',
    apply: (o, v) => (o.reportUnusedDisableDirectives = v === undefined ? 'error' : parseSeverity(v, '--report-unused-disable-directives')),
  },
  { name: 'no-inline-config', kind: 'flag', help: 'Ignore <!-- plan-lint-disable ... --> comments', apply: (o) => (o.inlineConfig = false) },
  { name: 'no-error-on-unmatched-pattern', kind: 'flag', help: 'Do not fail when a path or glob matches no file', apply: (o) => (o.errorOnUnmatchedPattern = false) },
  { name: 'no-ignore', kind: 'flag', help: "Disable .plan-lintignore and the config's ignores", apply: (o) => (o.ignore = false) },
  { name: 'ignore-path', kind: 'value', arg: 'FILE', help: 'Use FILE as the ignore file (instead of .plan-lintignore files)', apply: (o, v) => (o.ignorePath = v) },
  { name: 'print-config', kind: 'value', arg: 'FILE', help: 'Print the configuration that applies to FILE as JSON', apply: (o, v) => (o.printConfig = v) },
  { name: 'list-rules', kind: 'flag', help: 'List the rules with their defaults', apply: (o) => (o.listRules = true) },
  { name: 'explain', kind: 'value', arg: 'RULE', help: "Print a rule's documentation", apply: (o, v) => (o.explain = v) },
  { name: 'init', kind: 'flag', help: 'Write a starter .plan-lint.json in the current directory', apply: (o) => (o.init = true) },
  { name: 'color', kind: 'flag', help: 'Force colored output', apply: (o) => (o.color = true) },
  { name: 'no-color', kind: 'flag', help: 'Disable colored output', apply: (o) => (o.color = false) },
  { name: 'debug', kind: 'flag', help: 'Print timings and stack traces of internal errors', apply: (o) => (o.debug = true) },
];

export function defaultOptions(): CliOptions {
  return {
    patterns: [],
    help: false,
    version: false,
    format: 'stylish',
    fix: false,
    fixDryRun: false,
    cache: false,
    stdin: false,
    listRules: false,
    init: false,
    quiet: false,
    maxWarnings: -1,
    inlineConfig: true,
    errorOnUnmatchedPattern: true,
    ignore: true,
    debug: false,
    ruleOverrides: [],
  };
}

const byName = new Map(SPECS.map((s) => [s.name, s]));
const byShort = new Map(SPECS.filter((s) => s.short).map((s) => [s.short as string, s]));
const allNames = SPECS.flatMap((s) => [`--${s.name}`, ...(s.short ? [`-${s.short}`] : [])]);

/** Parse the command line; throws UsageError for unknown options and missing or bad values. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options = defaultOptions();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      options.patterns.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let written = arg;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) inline = arg.slice(eq + 1);
      written = `--${name}`;
      spec = byName.get(name);
    } else {
      const short = arg.slice(1, 2);
      spec = byShort.get(short);
      written = `-${short}`;
      if (arg.length > 2) inline = arg.slice(2).replace(/^=/, '');
      if (spec && spec.kind === 'flag' && inline !== undefined) spec = undefined; // "-qx": not a known option
      if (!spec) written = arg;
    }
    if (!spec) {
      throw new UsageError(`Unknown option '${written}'.${didYouMeanSuffix(written, allNames)} Run 'plan-lint --help' for the list of options.`);
    }
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`Option '${written}' takes no value.`);
      spec.apply(options, undefined);
    } else if (spec.kind === 'value') {
      let value = inline;
      if (value === undefined) {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('-') && next !== '-' && spec.name !== 'max-warnings')) {
          throw new UsageError(`Option '${written}' needs a value (${spec.arg ?? 'VALUE'}).`);
        }
        value = next;
        i++;
      }
      spec.apply(options, value);
    } else {
      let value = inline;
      const next = argv[i + 1];
      if (value === undefined && next !== undefined && /^(off|info|warn|warning|error|0|1|2)$/.test(next)) {
        value = next;
        i++;
      }
      spec.apply(options, value);
    }
  }
  // "-" names standard input, as in ESLint: `plan-lint - < draft.md` is `plan-lint --stdin < draft.md`.
  if (options.patterns.includes('-')) {
    if (options.patterns.length > 1) {
      throw new UsageError(`'-' reads the text from standard input; do not also name files (${options.patterns.filter((p) => p !== '-').join(', ')}).`);
    }
    options.patterns = [];
    options.stdin = true;
  }
  if (options.stdinFilename !== undefined && !options.stdin) {
    throw new UsageError("--stdin-filename is only meaningful with --stdin (or '-').");
  }
  if (options.stdin && options.patterns.length > 0) {
    throw new UsageError(`--stdin reads the text from standard input; do not also name files (${options.patterns.join(', ')}).`);
  }
  if (options.cacheLocation !== undefined && !options.cache) {
    throw new UsageError('--cache-location is only meaningful with --cache.');
  }
  if (options.fix && options.fixDryRun) {
    throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  }
  if (options.fix && options.stdin) {
    throw new UsageError('--fix cannot write to standard input; use --fix-dry-run with --stdin to get the fixed text.');
  }
  return options;
}

export const USAGE = 'Usage: plan-lint [options] <file | directory | glob> ...\n       plan-lint [--stdin-filename FILE] [options] - < draft.md';

export function helpText(version: string): string {
  const rows = SPECS.map((s) => {
    const names = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.arg ? (s.kind === 'optional-value' ? ` [${s.arg}]` : ` ${s.arg}`) : ''}`;
    return [names, s.help] as const;
  });
  const width = Math.min(34, Math.max(...rows.map(([n]) => n.length))) + 2;
  return [
    `plan-lint ${version}: lint Basic Plan drafts and implementation-status reports (Markdown)`,
    '',
    'Usage: plan-lint [options] <file | directory | glob> ...',
    '       plan-lint [--stdin-filename FILE] [options] - < draft.md   (or --stdin)',
    '',
    'A directory means every *.md and *.markdown file below it. .plan-lintignore files and the',
    "config's \"ignores\" are respected; node_modules and .git are always skipped.",
    '',
    'Options:',
    ...rows.map(([n, h]) => (n.length < width - 1 ? `  ${n.padEnd(width)}${h}` : `  ${n}\n  ${' '.repeat(width)}${h}`)),
    '',
    'Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many',
    'warnings, 2 bad usage, invalid config, unreadable or unmatched path, a report that',
    'cannot be written, internal error. A reader that stops early (plan-lint ... | head)',
    'is not an error: the code is still that of the findings.',
    '',
    'Examples:',
    '  plan-lint seeds/',
    "  plan-lint --fix 'drafts/**/*.md'",
    '  plan-lint -f sarif -o plan-lint.sarif .',
    '  plan-lint -f html -o report.html drafts/fy2024-status.md',
    '  plan-lint --locale ja drafts/',
  ].join('\n');
}
