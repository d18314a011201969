/** Which configuration applies to each draft (resolved once per file) and which drafts are ignored. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AnyRule, ResolvedFileConfig, ResolveOptions } from '@plan-lint/core';
import { UsageError, type CliOptions } from './args.js';
import { errnoReason } from './io.js';
import { IgnoreMatcher } from './ignore.js';

type Core = typeof import('@plan-lint/core');

/** What the command line says about configuration, as plain data (worker threads resolve with it too). */
export function resolveOptionsOf(options: CliOptions, cwd: string): Omit<ResolveOptions, 'rules'> {
  const overrideRules = options.ruleOverrides.length
    ? Object.fromEntries(options.ruleOverrides.map((o) => [o.id, o.severity]))
    : undefined;
  return {
    cwd,
    ...(options.config !== undefined ? { configPath: options.config } : {}),
    ...(overrideRules ? { overrideRules } : {}),
    ...(options.inlineConfig ? {} : { noInlineConfig: true }),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: options.reportUnusedDisableDirectives } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  };
}

export class FileConfigs {
  private readonly cache = new Map<string, ResolvedFileConfig>();

  constructor(
    private readonly core: Core,
    private readonly rules: readonly AnyRule[],
    readonly resolveOptions: Omit<ResolveOptions, 'rules'>,
  ) {}

  /** The configuration of a draft (throws ConfigError for a bad config file). */
  for(filePath: string): ResolvedFileConfig {
    let resolved = this.cache.get(filePath);
    if (!resolved) {
      resolved = this.core.resolveConfigForFile(filePath, { ...this.resolveOptions, rules: this.rules });
      this.cache.set(filePath, resolved);
    }
    return resolved;
  }
}

/** --config FILE must be readable (checked before anything is linted). */
export async function checkConfigFile(options: CliOptions, cwd: string): Promise<void> {
  if (options.config === undefined) return;
  try {
    await fs.access(path.resolve(cwd, options.config));
  } catch (error) {
    throw new UsageError(`Cannot read the config file '${options.config}': ${errnoReason(error)}.`);
  }
}

/**
 * Whether a path is ignored: .plan-lintignore files (or --ignore-path), then, for files, the config's
 * `ignores`. --no-ignore turns both off.
 */
export function ignoreCheck(options: CliOptions, cwd: string, configs: FileConfigs): (absolute: string, isDirectory: boolean) => boolean {
  const ignoreFiles = IgnoreMatcher.discover(cwd, options.ignore && options.ignorePath === undefined);
  if (options.ignore && options.ignorePath !== undefined) {
    try {
      ignoreFiles.addFile(path.resolve(cwd, options.ignorePath));
    } catch (error) {
      throw new UsageError(`Cannot read the ignore file '${options.ignorePath}': ${errnoReason(error)}.`);
    }
  }
  return (absolute, isDirectory) => {
    if (ignoreFiles.ignores(absolute, isDirectory)) return true;
    if (!options.ignore || isDirectory) return false;
    return configs.for(absolute).ignored;
  };
}
