import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, configSchemaJson, ConfigError, parseConfigText, presets } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';

const committedPath = fileURLToPath(new URL('../schema/config.schema.json', import.meta.url));

describe('schema/config.schema.json', () => {
  it('is the schema generated from the current rules (run: npm run build && node scripts/gen-config-schema.mjs)', () => {
    const committed = readFileSync(committedPath, 'utf8');
    expect(committed).toBe(configSchemaJson(rules));
  });

  it('compiles with ajv and lists every rule', () => {
    const schema = buildConfigSchema(rules);
    const validate = new Ajv({ strict: false }).compile(schema);
    const definitions = schema['definitions'] as { rules: { properties: Record<string, unknown> } };
    expect(Object.keys(definitions.rules.properties).sort()).toEqual(rules.map((r) => r.meta.id).sort());
    expect(validate({ extends: 'plan-lint:strict', rules: presets['plan-lint:recommended'](rules) })).toBe(true);
    expect(validate({ rules: { 'no-such-rule': 'off' } })).toBe(false);
  });

  it("accepts every rule's default options and rejects an unknown option", () => {
    for (const rule of rules) {
      const settings = { rules: { [rule.meta.id]: ['warn', rule.meta.defaultOptions] } };
      expect(() => parseConfigText(JSON.stringify(settings), rules, { label: '.plan-lint.json' }), rule.meta.id).not.toThrow();
      const additional = (rule.meta.schema as { additionalProperties?: unknown }).additionalProperties;
      if (additional === false) {
        const bad = { rules: { [rule.meta.id]: ['warn', { ...rule.meta.defaultOptions, noSuchOption: 1 }] } };
        expect(() => parseConfigText(JSON.stringify(bad), rules, { label: '.plan-lint.json' })).toThrow(ConfigError);
      }
    }
  });
});
