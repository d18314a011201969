/**
 * The JSON Schema of `.plan-lint.json`, generated from the rules' option schemas.
 * `schema/config.schema.json` is this schema serialised by `configSchemaJson(rules)`
 * (scripts/gen-config-schema.mjs writes it; tests/config-schema.test.ts fails when it is stale).
 */
import type { AnyRule, JsonSchema } from '../types.js';
import { SEVERITIES } from './severity.js';
import { PROFILE_LANGUAGES } from '../profile.js';
import { LOCALES } from '../messages.js';

export const PRESET_NAMES = ['plan-lint:recommended', 'plan-lint:strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Top-level keys of a config file. */
export const CONFIG_KEYS = [
  '$schema',
  'extends',
  'rules',
  'registry',
  'ignores',
  'overrides',
  'noInlineConfig',
  'reportUnusedDisableDirectives',
  'lang',
  'locale',
] as const;

/** The keys of one entry of `overrides`. */
export const OVERRIDE_KEYS = ['files', 'rules', 'plan', 'previous', 'lang', 'locale'] as const;


function ruleSettingSchema(rule: AnyRule): JsonSchema {
  const m = rule.meta;
  const options: JsonSchema = { ...m.schema };
  return {
    description: `${m.description.en} (default: ${m.defaultSeverity}${m.recommended ? ', recommended' : ''})`,
    oneOf: [
      { $ref: '#/definitions/severity' },
      {
        type: 'array',
        items: [{ $ref: '#/definitions/severity' }, options],
        minItems: 1,
        maxItems: 2,
        additionalItems: false,
      },
    ],
  };
}

function rulesSchema(rules: readonly AnyRule[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) properties[rule.meta.id] = ruleSettingSchema(rule);
  return {
    description: 'Rule settings: "off" | "info" | "warn" | "error", or [severity, options].',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

/** The configuration schema (draft-07) for the given rules. */
export function buildConfigSchema(rules: readonly AnyRule[]): JsonSchema {
  const stringOrStrings = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'plan-lint configuration (.plan-lint.json / .plan-lint.jsonc)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description:
          'Presets applied before "rules". Without "extends" the file extends "plan-lint:recommended"; "extends": [] starts with every rule off.',
        oneOf: [
          { $ref: '#/definitions/preset' },
          { type: 'array', items: { $ref: '#/definitions/preset' } },
        ],
      },
      rules: { $ref: '#/definitions/rules' },
      registry: {
        description: 'Extra ministry registry JSON files (schema/registry.schema.json), relative to this file.',
        ...stringOrStrings,
      },
      ignores: {
        description: 'Globs of drafts not to lint, relative to this file. A pattern without "/" matches at any depth; "dir/" ignores a folder.',
        type: 'array',
        items: { type: 'string' },
      },
      overrides: {
        description: 'Rule settings, plan and previous report for some files; later entries win.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: stringOrStrings,
            rules: { $ref: '#/definitions/rules' },
            plan: { description: "The plan these status reports report on, relative to the configuration file (a report's own 'plan:' wins).", type: 'string', minLength: 1 },
            previous: {
              description: "Their previous fiscal year's report, relative to the configuration file (a report's own 'previous:' wins).",
              type: 'string',
              minLength: 1,
            },
            lang: { description: 'The language these files are written in when their front matter names none.', $ref: '#/definitions/lang' },
            locale: { description: "The language of these files' messages (default: each draft's language).", $ref: '#/definitions/locale' },
          },
        },
      },
      noInlineConfig: { description: 'Ignore <!-- plan-lint-disable --> comments.', type: 'boolean' },
      reportUnusedDisableDirectives: {
        description: 'Severity of "unused-disable-directive" (default "warn").',
        $ref: '#/definitions/severity',
      },
      lang: {
        description: 'The language drafts are written in when their front matter names none (seeds/profiles/<lang>.json; default "en").',
        $ref: '#/definitions/lang',
      },
      locale: {
        description: "The language of the messages: \"en\" or \"ja\" (default: each draft's language; the command line's --locale wins).",
        $ref: '#/definitions/locale',
      },
    },
    definitions: {
      lang: { type: 'string', enum: [...PROFILE_LANGUAGES] },
      locale: { type: 'string', enum: [...LOCALES] },
      severity: { type: 'string', enum: [...SEVERITIES] },
      preset: { type: 'string', enum: [...PRESET_NAMES] },
      rules: rulesSchema(rules),
    },
  };
}

/** The committed form of the schema: two-space JSON with a final newline. */
export function configSchemaJson(rules: readonly AnyRule[]): string {
  return `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n`;
}
