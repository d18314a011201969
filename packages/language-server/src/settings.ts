/** Editor settings (`planLint.*`), read leniently: a wrong value falls back to its default. */
import type { RuleSetting, Severity } from '@plan-lint/core';

export type RunMode = 'onType' | 'onSave';

export interface PlanLintSettings {
  /** Lint at all. */
  enable: boolean;
  /** Lint while typing (debounced) or only when the file is saved. */
  run: RunMode;
  /** Quiet period after the last edit before linting, in milliseconds. */
  debounceMs: number;
  /** Rule settings over the `.plan-lint.json` ones ("off", "warn", ["error", {...}]). */
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_SETTINGS: PlanLintSettings = Object.freeze({
  enable: true,
  run: 'onType',
  debounceMs: 200,
  rules: {},
}) as PlanLintSettings;

const SEVERITIES: readonly Severity[] = ['off', 'info', 'warn', 'error'];

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function isRuleSetting(value: unknown): value is RuleSetting {
  if (isSeverity(value)) return true;
  if (!Array.isArray(value) || value.length < 1 || value.length > 2 || !isSeverity(value[0])) return false;
  return value.length === 1 || (typeof value[1] === 'object' && value[1] !== null && !Array.isArray(value[1]));
}

/** Settings from `workspace/configuration` (section planLint) or `didChangeConfiguration` (`{ planLint: {...} }`). */
export function normalizeSettings(raw: unknown): PlanLintSettings {
  const out: PlanLintSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (typeof r['enable'] === 'boolean') out.enable = r['enable'];
  if (r['run'] === 'onType' || r['run'] === 'onSave') out.run = r['run'];
  const debounce = r['debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce)) out.debounceMs = Math.max(0, Math.min(10_000, Math.round(debounce)));
  const rules = r['rules'];
  if (typeof rules === 'object' && rules !== null && !Array.isArray(rules)) {
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      if (isRuleSetting(setting)) out.rules[id] = setting;
    }
  }
  return out;
}
