/**
 * Per-document configuration: the same `.plan-lint.json` / `.plan-lint.jsonc` as
 * the CLI (found upward from the draft, through the engine's config API), with
 * the editor's `planLint.rules` on top. Never throws: a bad configuration
 * becomes a `problem` that the service reports as one diagnostic.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clearConfigCache, ConfigError, findConfigFile, loadConfigFile, parseConfigText, resolveConfig, resolveConfigForFile } from '@plan-lint/core';
import type { AnyRule, RuleSetting } from '@plan-lint/core';
import { configCandidates } from './config-watch.js';
import type { LintSetup } from './service.js';

export interface DocumentSetup extends LintSetup {
  /** The config file used, if any (absolute). */
  configFile?: string;
  /** The draft matches the config's `ignores`: no diagnostics. */
  ignored: boolean;
  /** The files whose change can change this setup: candidate config files, the registry files named. */
  dependencies: string[];
}

function describe(error: unknown): { message: string; file?: string } {
  if (error instanceof ConfigError) {
    const out: { message: string; file?: string } = { message: error.message };
    if (error.filePath) out.file = error.filePath;
    return out;
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export class ConfigurationResolver {
  constructor(
    readonly rules: readonly AnyRule[],
    /** Where to look for a config for documents without a path (untitled buffers). */
    private readonly fallbackDir: () => string | undefined = () => undefined,
  ) {}

  /** The setup for a draft at `filePath` (undefined for an untitled buffer); `overrideRules` are valid settings. */
  resolve(filePath: string | undefined, overrideRules: Record<string, RuleSetting>): DocumentSetup {
    const rules = this.rules;
    const options = Object.keys(overrideRules).length > 0 ? { rules, overrideRules } : { rules };
    const fallback = this.fallbackDir();
    const base = filePath ?? (fallback !== undefined ? path.join(fallback, 'untitled.md') : undefined);
    if (base === undefined) return { config: resolveConfig(undefined, undefined, options), rules, ignored: false, dependencies: [] };
    const dependencies = configCandidates(path.dirname(base));
    try {
      const resolved = resolveConfigForFile(base, options);
      const out: DocumentSetup = { config: resolved.config, rules, ignored: filePath !== undefined && resolved.ignored, dependencies };
      if (resolved.configFile) {
        out.configFile = resolved.configFile;
        dependencies.push(...loadConfigFile(resolved.configFile, rules).registryFiles);
      }
      return out;
    } catch (error) {
      const problem = describe(error);
      if (problem.file !== undefined) dependencies.push(problem.file);
      dependencies.push(...this.registryFilesNamed(path.dirname(base)));
      return { config: resolveConfig(undefined, undefined, { rules }), rules, ignored: false, problem, dependencies };
    }
  }

  /**
   * The registry files the config for `dir` names, when the config itself reads but loading it failed (a registry
   * file is missing or invalid): creating or fixing one of them must be noticed too.
   */
  private registryFilesNamed(dir: string): string[] {
    const configFile = findConfigFile(dir);
    if (configFile === undefined) return [];
    try {
      const { registry } = parseConfigText(readFileSync(configFile, 'utf8'), this.rules, { filePath: configFile });
      const named = registry === undefined ? [] : Array.isArray(registry) ? registry : [registry];
      return named.map((file) => path.resolve(path.dirname(configFile), file));
    } catch {
      return [];
    }
  }

  /** A config or registry file changed (or everything, without a path). */
  changed(filePath?: string): void {
    clearConfigCache(filePath);
  }
}
