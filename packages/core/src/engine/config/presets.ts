/** The presets (`plan-lint:recommended`, `plan-lint:strict`) and how layers of rule settings combine. */
import type { AnyRule, RuleSetting, Severity } from '../../types.js';
import type { PresetName } from '../config-schema.js';

export const presets: Readonly<Record<PresetName, (rules: readonly AnyRule[]) => Record<string, Severity>>> = {
  'plan-lint:recommended': (rules) =>
    Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.recommended ? r.meta.defaultSeverity : 'off'])),
  'plan-lint:strict': (rules) =>
    Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.defaultSeverity === 'info' ? 'info' : 'error'])),
};

export type RuleState = Record<string, { severity: Severity; options: Record<string, unknown> }>;

/** Every rule off, without options: the state layers of settings start from. */
export function allRulesOff(rules: readonly AnyRule[]): RuleState {
  const state: RuleState = {};
  for (const rule of rules) state[rule.meta.id] = { severity: 'off', options: {} };
  return state;
}

/** Applies one layer of settings; a bare severity keeps the options of an earlier layer. */
export function applySettings(state: RuleState, settings: Record<string, RuleSetting | Severity> | undefined): void {
  for (const [id, setting] of Object.entries(settings ?? {})) {
    const current = state[id] ?? { severity: 'off' as Severity, options: {} };
    if (typeof setting === 'string') state[id] = { severity: setting, options: current.options };
    else state[id] = { severity: setting[0], options: setting.length > 1 && setting[1] ? { ...setting[1] } : current.options };
  }
}
