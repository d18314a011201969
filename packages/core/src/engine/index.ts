/** The plan-lint engine: running rules, inline directives, fixes and configuration. */
export { lint, lintAndFix, type LintAndFixResult } from './lint.js';
export { lintDocument, mergeOptions, compareMessages, documentLocale } from './run.js';
export { applyFixes, dominantEol, type ApplyFixesResult } from './fixes.js';
export { ruleDocsUrl, docsBaseUrl, DOCS_BASE_URL, ENGINE_MESSAGE_IDS, type EngineMessageId } from './docs.js';
export { didYouMean, didYouMeanSuffix, editDistance } from './suggest.js';
export { SEVERITIES, isSeverity, toMessageSeverity } from './severity.js';
export {
  ConfigError,
  CONFIG_FILE_NAMES,
  clearConfigCache,
  createConfig,
  findConfigFile,
  isIgnored,
  loadConfig,
  loadConfigFile,
  parseConfigText,
  presets,
  resolveConfig,
  resolveConfigForFile,
  validateConfig,
  validateRuleSettings,
  type CreateConfigOptions,
  type LoadedConfig,
  type ResolveConfigOptions,
  type ResolvedFileConfig,
  type ResolveOptions,
} from './config/index.js';
export { buildConfigSchema, configSchemaJson, CONFIG_KEYS, PRESET_NAMES, type PresetName } from './config-schema.js';
