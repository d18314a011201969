/** The effective configuration of a draft: presets, the file's rules, its overrides, then the caller's. */
import path from 'node:path';
import type { AnyRule, ConfigFile, Registry, ResolvedConfig, RuleSetting, Severity } from '../../types.js';
import type { Locale } from '../../messages.js';
import { PRESET_NAMES, type PresetName } from '../config-schema.js';
import { findConfigFile } from './discover.js';
import { ConfigError, suggestion } from './errors.js';
import { isIgnored, matchesAny, relativeTo } from './globs.js';
import { builtinRegistry, loadConfigFile, type LoadedConfig } from './load.js';
import { allRulesOff, applySettings, presets } from './presets.js';
import { validateRuleSettings } from './validate.js';

export interface ResolveOptions {
  rules: readonly AnyRule[];
  /** Explicit config file (relative to cwd); no upward search then. */
  configPath?: string;
  /** Base of relative paths; default process.cwd(). */
  cwd?: string;
  /** Settings over everything else (CLI `--rule`); validated, errors name "--rule". */
  overrideRules?: Record<string, RuleSetting>;
  /** Force noInlineConfig on (CLI `--no-inline-config`). */
  noInlineConfig?: boolean;
  /** Overrides the file's reportUnusedDisableDirectives. */
  reportUnusedDisableDirectives?: Severity;
  /** Do not search for a config file (CLI `--no-config-lookup`): recommended preset unless configPath. */
  noConfigLookup?: boolean;
  /** The language of the messages, over the file's `locale` (CLI `--locale`). */
  locale?: Locale;
}

export interface ResolvedFileConfig {
  config: ResolvedConfig;
  /** Absolute path of the config file used, if any. */
  configFile?: string;
  /** True when the file matches the config's `ignores`. */
  ignored: boolean;
}

export interface ResolveConfigOptions {
  rules: readonly AnyRule[];
  cwd?: string;
  overrideRules?: Record<string, RuleSetting>;
  noInlineConfig?: boolean;
  reportUnusedDisableDirectives?: Severity;
  locale?: Locale;
}

function presetList(ext: string | string[] | undefined): PresetName[] {
  if (ext === undefined) return ['plan-lint:recommended'];
  return (Array.isArray(ext) ? ext : [ext]) as PresetName[];
}

/** The effective config for a file from a loaded config file (or none: recommended). Pure apart from `cwd`. */
export function resolveConfig(loaded: LoadedConfig | undefined, filePath: string | undefined, options: ResolveConfigOptions): ResolvedConfig {
  const { rules } = options;
  const data: ConfigFile = loaded?.data ?? {};
  const state = allRulesOff(rules);
  for (const name of presetList(data.extends)) applySettings(state, presets[name](rules));
  applySettings(state, data.rules);
  const links: NonNullable<ResolvedConfig['links']> = {};
  if (loaded) links.root = loaded.dir;
  let lang = data.lang;
  let locale = data.locale;
  if (loaded && filePath !== undefined) {
    const rel = relativeTo(loaded.dir, filePath, options.cwd ?? process.cwd());
    if (rel !== undefined)
      for (const o of data.overrides ?? []) {
        if (!matchesAny(rel, Array.isArray(o.files) ? o.files : [o.files], false)) continue;
        applySettings(state, o.rules);
        if (o.plan !== undefined) links.plan = path.resolve(loaded.dir, o.plan);
        if (o.previous !== undefined) links.previous = path.resolve(loaded.dir, o.previous);
        if (o.lang !== undefined) lang = o.lang;
        if (o.locale !== undefined) locale = o.locale;
      }
  }
  if (options.overrideRules) applySettings(state, validateRuleSettings(options.overrideRules, rules, '--rule'));
  if (options.locale !== undefined) locale = options.locale;
  return {
    rules: state,
    registry: loaded?.registry ?? builtinRegistry(),
    noInlineConfig: options.noInlineConfig === true || data.noInlineConfig === true,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ?? data.reportUnusedDisableDirectives ?? 'warn',
    ...(loaded ? { links } : {}),
    ...(lang !== undefined ? { lang } : {}),
    ...(locale !== undefined ? { locale } : {}),
  };
}

/** The config file that applies to a draft: the explicit one, else the nearest one upward (unless lookup is off). */
function configFileFor(filePath: string, options: ResolveOptions, cwd: string): LoadedConfig | undefined {
  if (options.configPath !== undefined) return loadConfigFile(path.resolve(cwd, options.configPath), options.rules);
  if (options.noConfigLookup) return undefined;
  const found = findConfigFile(path.dirname(path.resolve(cwd, filePath)));
  return found ? loadConfigFile(found, options.rules) : undefined;
}

/** The config for one draft: finds (or takes) the config file, applies overrides, checks ignores. */
export function resolveConfigForFile(filePath: string, options: ResolveOptions): ResolvedFileConfig {
  const cwd = options.cwd ?? process.cwd();
  const loaded = configFileFor(filePath, options, cwd);
  const resolveOptions: ResolveConfigOptions = { rules: options.rules, cwd };
  if (options.overrideRules) resolveOptions.overrideRules = options.overrideRules;
  if (options.noInlineConfig !== undefined) resolveOptions.noInlineConfig = options.noInlineConfig;
  if (options.reportUnusedDisableDirectives !== undefined) resolveOptions.reportUnusedDisableDirectives = options.reportUnusedDisableDirectives;
  if (options.locale !== undefined) resolveOptions.locale = options.locale;
  const config = resolveConfig(loaded, filePath, resolveOptions);
  const result: ResolvedFileConfig = { config, ignored: loaded ? isIgnored(loaded, filePath, cwd) : false };
  if (loaded) result.configFile = loaded.path;
  return result;
}

export interface CreateConfigOptions {
  rules: readonly AnyRule[];
  /** Rule settings (validated; errors name "settings"). */
  settings?: Record<string, RuleSetting>;
  /** Presets applied first; default none (every rule off). */
  extends?: PresetName | PresetName[];
  registry?: Registry;
  noInlineConfig?: boolean;
  reportUnusedDisableDirectives?: Severity;
}

/** A ResolvedConfig without any file: every rule off unless `extends`/`settings` turn it on. */
export function createConfig(options: CreateConfigOptions): ResolvedConfig {
  const { rules } = options;
  const state = allRulesOff(rules);
  const ext = options.extends === undefined ? [] : Array.isArray(options.extends) ? options.extends : [options.extends];
  for (const name of ext) {
    const preset = presets[name];
    if (!preset) throw new ConfigError(`Unknown preset '${String(name)}'${suggestion(String(name), PRESET_NAMES)}`);
    applySettings(state, preset(rules));
  }
  if (options.settings) applySettings(state, validateRuleSettings(options.settings, rules, 'settings'));
  return {
    rules: state,
    registry: options.registry ?? builtinRegistry(),
    noInlineConfig: options.noInlineConfig === true,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives ?? 'warn',
  };
}
