/**
 * Per-document configuration: the same `.plan-lint.json` / `.plan-lint.jsonc` as
 * the CLI (found upward from the draft, through the engine's config API), with
 * the editor's `planLint.rules` on top. Never throws: a bad configuration
 * becomes a `problem` that the service reports as one diagnostic.
 */
import path from 'node:path';
import { clearConfigCache, ConfigError, resolveConfig, resolveConfigForFile, validateRuleSettings } from '@plan-lint/core';
import type { AnyRule, RuleSetting } from '@plan-lint/core';
import type { LintSetup } from './service.js';

export interface DocumentSetup extends LintSetup {
  /** The config file used, if any (absolute). */
  configFile?: string;
  /** The draft matches the config's `ignores`: no diagnostics. */
  ignored: boolean;
}

export const SETTINGS_LABEL = "the editor setting 'planLint.rules'";

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

  /** The setup for a draft at `filePath` (undefined for an untitled buffer). */
  resolve(filePath: string | undefined, overrideRules: Record<string, RuleSetting>): DocumentSetup {
    const rules = this.rules;
    let overrides: Record<string, RuleSetting> | undefined;
    if (Object.keys(overrideRules).length > 0) {
      try {
        overrides = validateRuleSettings(overrideRules, rules, SETTINGS_LABEL);
      } catch (error) {
        return { config: resolveConfig(undefined, undefined, { rules }), rules, ignored: false, problem: describe(error) };
      }
    }
    const base = filePath ?? (this.fallbackDir() ? path.join(this.fallbackDir() as string, 'untitled.md') : undefined);
    try {
      if (base === undefined) {
        return { config: resolveConfig(undefined, undefined, overrides ? { rules, overrideRules: overrides } : { rules }), rules, ignored: false };
      }
      const resolved = resolveConfigForFile(base, overrides ? { rules, overrideRules: overrides } : { rules });
      const out: DocumentSetup = { config: resolved.config, rules, ignored: filePath !== undefined && resolved.ignored };
      if (resolved.configFile) out.configFile = resolved.configFile;
      return out;
    } catch (error) {
      return { config: resolveConfig(undefined, undefined, { rules }), rules, ignored: false, problem: describe(error) };
    }
  }

  /** A config or registry file changed (or everything, without a path). */
  changed(filePath?: string): void {
    clearConfigCache(filePath);
  }
}
