/**
 * Editor settings (`planLint.*`), read leniently: a wrong value falls back to its default, a bad rule setting is
 * left out (and described in `problems`) while the valid rest applies.
 */
import { ConfigError, isLocale, validateRuleSettings } from '@plan-lint/core';
import type { AnyRule, Locale, RuleSetting } from '@plan-lint/core';

export type RunMode = 'onType' | 'onSave';

/** `planLint.locale`: the language of the messages and hovers; "auto" is each draft's language. */
export type LocaleSetting = 'auto' | Locale;

export interface PlanLintSettings {
  /** Lint at all. */
  enable: boolean;
  /** Lint while typing (debounced) or only when the file is saved. */
  run: RunMode;
  /** Quiet period after the last edit before linting, in milliseconds. */
  debounceMs: number;
  /** Rule settings over the `.plan-lint.json` ones ("off", "warn", ["error", {...}]); only valid ones. */
  rules: Record<string, RuleSetting>;
  /** The language of the messages; absent: the client's (its `initialize` locale), when messages are written in it. */
  locale?: LocaleSetting;
  /** What was wrong with the settings as given, one sentence each (the entries named are ignored). */
  problems: string[];
}

export const DEFAULT_SETTINGS: PlanLintSettings = Object.freeze({
  enable: true,
  run: 'onType',
  debounceMs: 200,
  rules: {},
  problems: [],
}) as PlanLintSettings;

export const SETTINGS_LABEL = "the editor setting 'planLint.rules'";

/** The valid entries of `planLint.rules`; each invalid one becomes a problem and is left out. */
function readRuleSettings(raw: unknown, rules: readonly AnyRule[], problems: string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${SETTINGS_LABEL} must be an object of rule settings such as { "ministry-known": "warn" }; it is ignored.`);
    return out;
  }
  for (const [id, setting] of Object.entries(raw as Record<string, unknown>)) {
    try {
      Object.assign(out, validateRuleSettings({ [id]: setting }, rules, SETTINGS_LABEL));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(`${error.message}. This entry is ignored; the other settings apply.`);
    }
  }
  return out;
}

/**
 * Settings from `workspace/configuration` (section planLint) or `didChangeConfiguration` (`{ planLint: {...} }`).
 * `rules` are the rules the server runs: rule settings are checked against them.
 */
export function normalizeSettings(raw: unknown, rules: readonly AnyRule[]): PlanLintSettings {
  const out: PlanLintSettings = { ...DEFAULT_SETTINGS, rules: {}, problems: [] };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (typeof r['enable'] === 'boolean') out.enable = r['enable'];
  if (r['run'] === 'onType' || r['run'] === 'onSave') out.run = r['run'];
  const debounce = r['debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce)) out.debounceMs = Math.max(0, Math.min(10_000, Math.round(debounce)));
  out.rules = readRuleSettings(r['rules'], rules, out.problems);
  const locale = r['locale'];
  if (locale === 'auto' || isLocale(locale)) out.locale = locale;
  else if (locale !== undefined && locale !== null)
    out.problems.push(`the editor setting 'planLint.locale' must be "auto", "en" or "ja", not ${JSON.stringify(locale)}; it is ignored.`);
  return out;
}

/**
 * The locale a draft is linted in: the setting's language, else (no setting) the client's; undefined ("auto", or a
 * client language messages are not written in) leaves it to the configuration and the draft's language.
 */
export function lintLocaleOf(settings: PlanLintSettings, clientLocale: Locale | undefined): Locale | undefined {
  if (settings.locale === 'auto') return undefined;
  return settings.locale ?? clientLocale;
}
