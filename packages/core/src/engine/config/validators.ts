/**
 * The ajv validators of the configuration schema and of each rule's options, made on first use only: no
 * config file, no config-schema validator; options given to a rule, that rule's options validator. They
 * come from the build (ajv standalone code, see assets.ts) when the schema is the one the build saw, else
 * ajv compiles them.
 */
import type { ValidateFunction } from 'ajv';
import { schemaValidator } from '../../assets.js';
import type { AnyRule } from '../../types.js';
import { buildConfigSchema } from '../config-schema.js';
import { ConfigError } from './errors.js';

const configValidators = new WeakMap<readonly AnyRule[], ValidateFunction>();
const optionValidators = new WeakMap<AnyRule, ValidateFunction>();

export function configValidator(rules: readonly AnyRule[]): ValidateFunction {
  let v = configValidators.get(rules);
  if (!v) {
    try {
      v = schemaValidator('config', buildConfigSchema(rules));
    } catch (error) {
      // The config schema holds every rule's options schema: name the rule whose schema is invalid.
      for (const rule of rules) optionValidator(rule);
      throw error;
    }
    configValidators.set(rules, v);
  }
  return v;
}

export function optionValidator(rule: AnyRule): ValidateFunction {
  let v = optionValidators.get(rule);
  if (!v) {
    try {
      v = schemaValidator(`rule:${rule.meta.id}`, rule.meta.schema ?? {});
    } catch (error) {
      throw new ConfigError(`Rule '${rule.meta.id}' has an invalid options schema: ${(error as Error).message}`);
    }
    optionValidators.set(rule, v);
  }
  return v;
}
