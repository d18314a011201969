/** Programmatic API of the plan-lint command line. */
export { main, version, type CliIo } from './main.js';
export { parseArgs, helpText, UsageError, FORMATS, type CliOptions, type FormatName } from './args.js';
export { discoverFiles, globBase, isGlob } from './files.js';
export { IgnoreMatcher, parseIgnorePatterns, IGNORE_FILE } from './ignore.js';
export { writeFileAtomic } from './atomic.js';
export { loadFormatter } from './formatters/index.js';
export type { CliResult, FormatContext, Formatter } from './types.js';
