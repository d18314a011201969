/**
 * Validation of a parsed configuration value and of rule settings, with messages a drafter can act on.
 * The JSON Schema (validators.ts) is the contract; the checks here come first only to make its errors readable.
 */
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import type { AnyRule, ConfigFile, JsonSchema, RuleSetting } from '../../types.js';
import { CONFIG_KEYS, OVERRIDE_KEYS, PRESET_NAMES } from '../config-schema.js';
import { PROFILE_LANGUAGES } from '../../profile.js';
import { isLocale, LOCALES } from '../../messages.js';
import { isPlainObject } from '../run.js';
import { isSeverity, SEVERITIES } from '../severity.js';
import { didYouMean } from '../suggest.js';
import { fail, quoteList, suggestion, typeName, type Where } from './errors.js';
import { configValidator, optionValidator } from './validators.js';

/** "maxDistance", "names[2]", "a.b" from an ajv instancePath "/maxDistance", "/names/2", "/a/b". */
function optionPath(instancePath: string): string {
  let out = '';
  for (const part of instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out;
}

function describeOptionError(error: ErrorObject, schema: JsonSchema): string {
  const at = optionPath(error.instancePath);
  const subject = at === '' ? 'the options' : `'${at}'`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params['additionalProperty']);
      const props = isPlainObject(schema['properties']) && at === '' ? Object.keys(schema['properties']) : [];
      return `unknown option '${at === '' ? extra : `${at}.${extra}`}'${suggestion(extra, props, props.length ? `; known options: ${props.join(', ')}` : '')}`;
    }
    case 'enum':
      return `${subject} must be one of ${quoteList(((params['allowedValues'] as unknown[]) ?? []).map(String))}`;
    case 'type':
      return `${subject} must be ${String(params['type'])}`;
    case 'required':
      return `option '${at === '' ? String(params['missingProperty']) : `${at}.${String(params['missingProperty'])}`}' is required`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

/** One rule's setting: a severity or [severity, options], options checked against the rule's schema. */
function checkRuleSetting(id: string, setting: unknown, rule: AnyRule, where: Where, loc: (string | number)[], inText: string): void {
  const severity: unknown = Array.isArray(setting) ? setting[0] : setting;
  if (Array.isArray(setting) && (setting.length < 1 || setting.length > 2))
    fail(where, `Invalid setting for rule '${id}' ${inText}: expected [severity] or [severity, options], not ${setting.length} items`, loc);
  if (!Array.isArray(setting) && typeof setting !== 'string')
    fail(where, `Invalid setting for rule '${id}' ${inText}: expected a severity (${quoteList(SEVERITIES)}) or [severity, options], not ${typeName(setting)}`, loc);
  if (!isSeverity(severity)) {
    const shown = typeof severity === 'string' ? `'${severity}'` : JSON.stringify(severity);
    const hint = typeof severity === 'string' ? didYouMean(severity, SEVERITIES) : undefined;
    fail(where, `Invalid severity ${shown} for rule '${id}' ${inText}; expected ${quoteList(SEVERITIES)}${hint ? ` (did you mean '${hint}'?)` : ''}`, Array.isArray(setting) ? [...loc, 0] : loc);
  }
  if (Array.isArray(setting) && setting.length === 2) {
    const options: unknown = setting[1];
    if (!isPlainObject(options)) fail(where, `Invalid options for rule '${id}' ${inText}: options must be an object, not ${typeName(options)}`, [...loc, 1]);
    const validate = optionValidator(rule);
    if (!validate(options)) {
      const errors = validate.errors ?? [];
      const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
      const detail = first ? describeOptionError(first, rule.meta.schema ?? {}) : 'invalid';
      const sub = first ? first.instancePath.split('/').slice(1) : [];
      fail(where, `Invalid options for rule '${id}' ${inText}: ${detail}`, [...loc, 1, ...sub]);
    }
  }
}

function checkRuleSettings(
  settings: unknown,
  rules: readonly AnyRule[],
  where: Where,
  location: (string | number)[],
  inText: string,
): void {
  const ruleIds = rules.map((r) => r.meta.id);
  if (!isPlainObject(settings)) fail(where, `'rules' ${inText} must be an object of rule settings, not ${typeName(settings)}`, location);
  for (const [id, setting] of Object.entries(settings)) {
    const loc = [...location, id];
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) fail(where, `Unknown rule '${id}' ${inText}${suggestion(id, ruleIds)}`, loc, true);
    checkRuleSetting(id, setting, rule, where, loc, inText);
  }
}

function checkStrings(value: unknown, where: Where, key: string, inText: string, allowSingle: boolean): void {
  if (allowSingle && typeof value === 'string') return;
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string'))
    fail(where, `'${key}' ${inText} must be ${allowSingle ? 'a string or a list of strings' : 'a list of strings'}, not ${typeName(value)}`, key.split('.'));
}

function checkExtends(ext: unknown, where: Where, inText: string): void {
  const list: unknown[] = Array.isArray(ext) ? ext : [ext];
  list.forEach((name, i) => {
    const loc = Array.isArray(ext) ? ['extends', i] : ['extends'];
    if (typeof name !== 'string') fail(where, `'extends' ${inText} must name presets (${quoteList(PRESET_NAMES)}), not ${typeName(name)}`, loc);
    if (!(PRESET_NAMES as readonly string[]).includes(name))
      fail(where, `Unknown preset '${name}' in 'extends' of ${where.label}${suggestion(name, PRESET_NAMES, `; expected ${quoteList(PRESET_NAMES)}`)}`, loc);
  });
}

/** A language setting: one of the shipped profiles. */
function checkLang(value: unknown, where: Where, location: (string | number)[], inText: string): void {
  if (typeof value === 'string' && PROFILE_LANGUAGES.includes(value)) return;
  const shown = typeof value === 'string' ? `'${value}'` : typeName(value);
  fail(where, `'lang' ${inText} must be ${quoteList(PROFILE_LANGUAGES)}, not ${shown}`, location);
}

/** A messages language setting: one of the locales messages are written in. */
function checkLocale(value: unknown, where: Where, location: (string | number)[], inText: string): void {
  if (isLocale(value)) return;
  const shown = typeof value === 'string' ? `'${value}'` : typeName(value);
  fail(where, `'locale' ${inText} must be ${quoteList(LOCALES)}, not ${shown}`, location);
}

function checkOverrides(overrides: unknown, rules: readonly AnyRule[], where: Where, inText: string): void {
  if (!Array.isArray(overrides)) fail(where, `'overrides' ${inText} must be a list of { "files", "rules" } objects, not ${typeName(overrides)}`, ['overrides']);
  overrides.forEach((o: unknown, i) => {
    const oin = `in overrides[${i}] of ${where.label}`;
    if (!isPlainObject(o)) fail(where, `overrides[${i}] ${inText} must be an object with "files" and "rules", not ${typeName(o)}`, ['overrides', i]);
    for (const key of Object.keys(o))
      if (!(OVERRIDE_KEYS as readonly string[]).includes(key))
        fail(where, `Unknown key '${key}' ${oin}${suggestion(key, OVERRIDE_KEYS, `; allowed keys: ${OVERRIDE_KEYS.join(', ')}`)}`, ['overrides', i, key], true);
    if (!('files' in o)) fail(where, `overrides[${i}] ${inText} needs "files" (a glob or a list of globs)`, ['overrides', i]);
    const files = o['files'];
    if (!(typeof files === 'string' || (Array.isArray(files) && files.every((f) => typeof f === 'string'))))
      fail(where, `'files' ${oin} must be a glob or a list of globs, not ${typeName(files)}`, ['overrides', i, 'files']);
    if ('rules' in o) checkRuleSettings(o['rules'], rules, where, ['overrides', i, 'rules'], oin);
    for (const key of ['plan', 'previous'] as const) {
      const value = o[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '' || path.isAbsolute(value)))
        fail(where, `'${key}' ${oin} must be a path relative to the configuration file, not ${typeof value === 'string' && value.trim() !== '' ? 'an absolute path' : typeName(value)}`, ['overrides', i, key]);
    }
    if ('lang' in o) checkLang(o['lang'], where, ['overrides', i, 'lang'], oin);
    if ('locale' in o) checkLocale(o['locale'], where, ['overrides', i, 'locale'], oin);
  });
}

/** The JSON Schema check, after the readable checks above found nothing. */
function checkSchema(value: Record<string, unknown>, rules: readonly AnyRule[], where: Where, inText: string): void {
  const validateConfigSchema = configValidator(rules);
  if (!validateConfigSchema(value)) {
    const e = validateConfigSchema.errors?.[0];
    const at = e ? optionPath(e.instancePath) : '';
    fail(where, `Invalid configuration ${inText}: ${at ? `'${at}' ` : ''}${e?.message ?? 'does not match the schema'}`, e ? e.instancePath.split('/').slice(1) : []);
  }
}

/** Validates a parsed config value; `where` locates errors (and gives line:column when the JSON tree is known). */
export function validateWith(value: unknown, rules: readonly AnyRule[], where: Where): ConfigFile {
  const inText = `in ${where.label}`;
  if (!isPlainObject(value)) fail(where, `${where.label} must contain a JSON object, not ${typeName(value)}`, []);
  for (const key of Object.keys(value)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key))
      fail(where, `Unknown key '${key}' ${inText}${suggestion(key, CONFIG_KEYS, `; allowed keys: ${CONFIG_KEYS.join(', ')}`)}`, [key], true);
  }
  if ('$schema' in value && typeof value['$schema'] !== 'string') fail(where, `'$schema' ${inText} must be a string`, ['$schema']);
  if ('extends' in value) checkExtends(value['extends'], where, inText);
  if ('rules' in value) checkRuleSettings(value['rules'], rules, where, ['rules'], inText);
  if ('registry' in value) checkStrings(value['registry'], where, 'registry', inText, true);
  if ('ignores' in value) checkStrings(value['ignores'], where, 'ignores', inText, false);
  if ('noInlineConfig' in value && typeof value['noInlineConfig'] !== 'boolean')
    fail(where, `'noInlineConfig' ${inText} must be true or false, not ${typeName(value['noInlineConfig'])}`, ['noInlineConfig']);
  if ('reportUnusedDisableDirectives' in value && !isSeverity(value['reportUnusedDisableDirectives'])) {
    const v = value['reportUnusedDisableDirectives'];
    fail(where, `Invalid severity ${typeName(v)} for 'reportUnusedDisableDirectives' ${inText}; expected ${quoteList(SEVERITIES)}`, ['reportUnusedDisableDirectives']);
  }
  if ('overrides' in value) checkOverrides(value['overrides'], rules, where, inText);
  if ('lang' in value) checkLang(value['lang'], where, ['lang'], inText);
  if ('locale' in value) checkLocale(value['locale'], where, ['locale'], inText);
  checkSchema(value, rules, where, inText);
  return value as ConfigFile;
}

/** Validates a parsed config value; throws ConfigError. `label` names it in messages (a file name). */
export function validateConfig(value: unknown, rules: readonly AnyRule[], label = 'the configuration'): ConfigFile {
  return validateWith(value, rules, { label });
}

/** Validates rule settings such as CLI `--rule` values; throws ConfigError ("Unknown rule 'x' in --rule; ..."). */
export function validateRuleSettings(settings: unknown, rules: readonly AnyRule[], label = '--rule'): Record<string, RuleSetting> {
  checkRuleSettings(settings, rules, { label }, [], `in ${label}`);
  return settings as Record<string, RuleSetting>;
}
