import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnyRule, Rule, RuleMeta } from '@plan-lint/core';
import {
  ConfigError,
  clearConfigCache,
  createConfig,
  findConfigFile,
  loadConfigFile,
  parseConfigText,
  presets,
  resolveConfigForFile,
  validateRuleSettings,
} from '@plan-lint/core';

function rule(meta: Partial<RuleMeta> & { id: string }): AnyRule {
  const r: Rule = {
    meta: {
      description: `test rule ${meta.id}`,
      defaultSeverity: 'error',
      recommended: true,
      fixable: false,
      hasSuggestions: false,
      schema: { type: 'object', additionalProperties: false, properties: {} },
      defaultOptions: {},
      appliesTo: ['plan', 'status-report'],
      docs: `${meta.id}.md`,
      ...meta,
    },
    check() {},
  };
  return r as AnyRule;
}

const RULES: readonly AnyRule[] = [
  rule({
    id: 'ministry-known',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxDistance: { type: 'integer', minimum: 0 }, style: { enum: ['short', 'long'] } },
    },
    defaultOptions: { maxDistance: 2 },
  }),
  rule({ id: 'numbering', defaultSeverity: 'warn', recommended: false }),
  rule({ id: 'date-year-inferred', defaultSeverity: 'info' }),
  rule({ id: 'status-coverage', defaultSeverity: 'warn' }),
];

const root = mkdtempSync(path.join(tmpdir(), 'plan-lint-config-'));
let n = 0;
/** A fresh project directory with the given files. */
function project(files: Record<string, string | object>): string {
  const dir = path.join(root, `p${n++}`);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const severities = (c: { rules: Record<string, { severity: string }> }) =>
  Object.fromEntries(Object.entries(c.rules).map(([k, v]) => [k, v.severity]));

beforeEach(() => clearConfigCache());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('presets', () => {
  it('recommended turns on recommended rules at their default severity', () => {
    expect(presets['plan-lint:recommended'](RULES)).toEqual({
      'ministry-known': 'error',
      numbering: 'off',
      'date-year-inferred': 'info',
      'status-coverage': 'warn',
    });
  });
  it('strict turns every rule on as error, keeping info rules at info', () => {
    expect(presets['plan-lint:strict'](RULES)).toEqual({
      'ministry-known': 'error',
      numbering: 'error',
      'date-year-inferred': 'info',
      'status-coverage': 'error',
    });
  });
});

describe('discovery and resolution', () => {
  it('uses plan-lint:recommended when no config file exists', () => {
    const dir = project({ 'draft.md': '' });
    const r = resolveConfigForFile(path.join(dir, 'draft.md'), { rules: RULES, noConfigLookup: true });
    expect(r.configFile).toBeUndefined();
    expect(r.ignored).toBe(false);
    expect(severities(r.config)).toEqual(presets['plan-lint:recommended'](RULES));
    expect(r.config.reportUnusedDisableDirectives).toBe('warn');
    expect(r.config.noInlineConfig).toBe(false);
    expect(r.config.registry.byAbbreviation('NPA')?.name).toBe('National Police Agency');
  });

  it('finds the nearest config file upward; nearer wins', () => {
    const dir = project({
      '.plan-lint.json': { rules: { numbering: 'error' } },
      'a/b/.plan-lint.jsonc': '{ "rules": { "numbering": "info" } }',
      'a/b/c/draft.md': '',
      'a/other/draft.md': '',
    });
    expect(findConfigFile(path.join(dir, 'a/b/c'))).toBe(path.join(dir, 'a/b/.plan-lint.jsonc'));
    expect(findConfigFile(path.join(dir, 'a/other'))).toBe(path.join(dir, '.plan-lint.json'));
    const deep = resolveConfigForFile(path.join(dir, 'a/b/c/draft.md'), { rules: RULES });
    expect(deep.configFile).toBe(path.join(dir, 'a/b/.plan-lint.jsonc'));
    expect(deep.config.rules['numbering']?.severity).toBe('info');
    const other = resolveConfigForFile('a/other/draft.md', { rules: RULES, cwd: dir });
    expect(other.config.rules['numbering']?.severity).toBe('error');
  });

  it('a config without extends builds on recommended; "extends": [] starts from all off', () => {
    const dir = project({ 'x/.plan-lint.json': { rules: { numbering: 'warn' } }, 'y/.plan-lint.json': { extends: [], rules: { numbering: 'warn' } } });
    const x = resolveConfigForFile(path.join(dir, 'x/d.md'), { rules: RULES });
    expect(severities(x.config)).toEqual({ 'ministry-known': 'error', numbering: 'warn', 'date-year-inferred': 'info', 'status-coverage': 'warn' });
    const y = resolveConfigForFile(path.join(dir, 'y/d.md'), { rules: RULES });
    expect(severities(y.config)).toEqual({ 'ministry-known': 'off', numbering: 'warn', 'date-year-inferred': 'off', 'status-coverage': 'off' });
  });

  it('extends strict, then rules win', () => {
    const dir = project({ '.plan-lint.json': { extends: 'plan-lint:strict', rules: { 'status-coverage': 'off' } } });
    const r = resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES });
    expect(severities(r.config)).toEqual({ 'ministry-known': 'error', numbering: 'error', 'date-year-inferred': 'info', 'status-coverage': 'off' });
  });

  it('keeps options when a later layer gives only a severity; [severity, options] replaces them', () => {
    const dir = project({
      '.plan-lint.json': {
        rules: { 'ministry-known': ['warn', { maxDistance: 1 }] },
        overrides: [
          { files: 'reports/*.md', rules: { 'ministry-known': 'error' } },
          { files: ['reports/2019*.md'], rules: { 'ministry-known': ['info', { style: 'long' }] } },
        ],
      },
    });
    const base = resolveConfigForFile(path.join(dir, 'plan.md'), { rules: RULES });
    expect(base.config.rules['ministry-known']).toEqual({ severity: 'warn', options: { maxDistance: 1 } });
    const report = resolveConfigForFile(path.join(dir, 'reports/2018.md'), { rules: RULES });
    expect(report.config.rules['ministry-known']).toEqual({ severity: 'error', options: { maxDistance: 1 } });
    const later = resolveConfigForFile(path.join(dir, 'reports/2019.md'), { rules: RULES });
    expect(later.config.rules['ministry-known']).toEqual({ severity: 'info', options: { style: 'long' } });
  });

  it('override globs are relative to the config file, not the cwd', () => {
    const dir = project({ 'proj/.plan-lint.json': { overrides: [{ files: 'drafts/**', rules: { numbering: 'error' } }] } });
    const inside = resolveConfigForFile('drafts/a.md', { rules: RULES, cwd: path.join(dir, 'proj') });
    expect(inside.config.rules['numbering']?.severity).toBe('error');
    const fromAbove = resolveConfigForFile('proj/drafts/a.md', { rules: RULES, cwd: dir });
    expect(fromAbove.config.rules['numbering']?.severity).toBe('error');
    const notDrafts = resolveConfigForFile('proj/final/a.md', { rules: RULES, cwd: dir });
    expect(notDrafts.config.rules['numbering']?.severity).toBe('off');
  });

  it('ignores: globs, bare names at any depth, folders', () => {
    const dir = project({ '.plan-lint.json': { ignores: ['*.draft.md', 'archive/', 'vendor', 'sub/only-here.md'] } });
    const ignored = (f: string) => resolveConfigForFile(path.join(dir, f), { rules: RULES }).ignored;
    expect(ignored('a.draft.md')).toBe(true);
    expect(ignored('deep/b.draft.md')).toBe(true);
    expect(ignored('archive/old.md')).toBe(true);
    expect(ignored('x/vendor/y/z.md')).toBe(true);
    expect(ignored('sub/only-here.md')).toBe(true);
    expect(ignored('other/sub/only-here.md')).toBe(false);
    expect(ignored('report.md')).toBe(false);
  });

  it('an explicit config path is used instead of the search', () => {
    const dir = project({ '.plan-lint.json': { rules: { numbering: 'error' } }, 'ci/strict.jsonc': '{ "extends": "plan-lint:strict", /* all */ }' });
    const r = resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES, configPath: 'ci/strict.jsonc', cwd: dir });
    expect(r.configFile).toBe(path.join(dir, 'ci/strict.jsonc'));
    expect(r.config.rules['status-coverage']?.severity).toBe('error');
  });

  it('CLI settings win over the file and are validated', () => {
    const dir = project({ '.plan-lint.json': { rules: { numbering: 'error' }, noInlineConfig: false } });
    const r = resolveConfigForFile(path.join(dir, 'd.md'), {
      rules: RULES,
      overrideRules: { numbering: 'off' },
      noInlineConfig: true,
      reportUnusedDisableDirectives: 'error',
    });
    expect(r.config.rules['numbering']?.severity).toBe('off');
    expect(r.config.noInlineConfig).toBe(true);
    expect(r.config.reportUnusedDisableDirectives).toBe('error');
    const e = configError(() => resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES, overrideRules: { numbring: 'off' } }));
    expect(e.message).toBe("Unknown rule 'numbring' in --rule; did you mean 'numbering'?");
  });

  it('noInlineConfig and reportUnusedDisableDirectives come from the file', () => {
    const dir = project({ '.plan-lint.json': { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } });
    const r = resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES });
    expect(r.config.noInlineConfig).toBe(true);
    expect(r.config.reportUnusedDisableDirectives).toBe('off');
  });

  it('JSONC: comments and trailing commas in .jsonc, not in .json', () => {
    const text = '{\n  // project settings\n  "rules": { "numbering": "warn", },\n}\n';
    const dir = project({ 'a/.plan-lint.jsonc': text, 'b/.plan-lint.json': text });
    expect(resolveConfigForFile(path.join(dir, 'a/d.md'), { rules: RULES }).config.rules['numbering']?.severity).toBe('warn');
    const e = configError(() => resolveConfigForFile(path.join(dir, 'b/d.md'), { rules: RULES }));
    expect(e.message).toMatch(/^Invalid JSON in .*b[/\\]\.plan-lint\.json at 2:3: comments are not allowed in JSON \(use a \.plan-lint\.jsonc file/);
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  it('caches a loaded file until it changes or the cache is cleared', () => {
    const dir = project({ '.plan-lint.json': { rules: { numbering: 'warn' } } });
    const file = path.join(dir, '.plan-lint.json');
    const first = loadConfigFile(file, RULES);
    expect(loadConfigFile(file, RULES)).toBe(first);
    writeFileSync(file, JSON.stringify({ rules: { numbering: 'error', 'ministry-known': 'off' } }));
    clearConfigCache(file);
    expect(loadConfigFile(file, RULES).data.rules).toEqual({ numbering: 'error', 'ministry-known': 'off' });
  });

  it('clearConfigCache(path) makes a newly created config file visible', () => {
    const dir = project({ 'sub/d.md': '' });
    expect(resolveConfigForFile(path.join(dir, 'sub/d.md'), { rules: RULES }).configFile).not.toBe(path.join(dir, '.plan-lint.json'));
    writeFileSync(path.join(dir, '.plan-lint.json'), '{}');
    clearConfigCache(path.join(dir, '.plan-lint.json'));
    expect(resolveConfigForFile(path.join(dir, 'sub/d.md'), { rules: RULES }).configFile).toBe(path.join(dir, '.plan-lint.json'));
  });
});

describe('extra registries', () => {
  const cfa = {
    id: 'cfa',
    name: 'Children and Families Agency',
    abbreviations: ['CFA'],
    nameJa: 'こども家庭庁',
    validFrom: '2023-04-01',
  };
  it('extends the built-in registry with bodies from files relative to the config', () => {
    const dir = project({
      'conf/.plan-lint.json': { registry: '../data/extra.json' },
      'data/extra.json': { version: 'test', bodies: [cfa] },
    });
    const r = resolveConfigForFile(path.join(dir, 'conf/d.md'), { rules: RULES });
    expect(r.config.registry.byAbbreviation('CFA')?.name).toBe('Children and Families Agency');
    expect(r.config.registry.byAbbreviation('NPA')).toBeDefined();
  });
  it('rejects an invalid registry file naming it and the config', () => {
    const dir = project({ '.plan-lint.json': { registry: ['bad.json'] }, 'bad.json': { version: 'x', bodies: [{ id: 'cfa' }] } });
    const e = configError(() => resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES }));
    expect(e.message).toMatch(/^Invalid registry file .*bad\.json \(listed in .*\.plan-lint\.json\): .*required property/);
  });
  it('reports a missing registry file', () => {
    const dir = project({ '.plan-lint.json': { registry: 'nope.json' } });
    const e = configError(() => resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES }));
    expect(e.message).toMatch(/^Cannot read registry file .*nope\.json: file not found$/);
  });
});

describe('validation errors', () => {
  const parse = (text: string, label = '.plan-lint.json') => parseConfigText(text, RULES, { label });
  const message = (text: string, label?: string) => configError(() => parse(text, label)).message;

  it('unknown rule with did-you-mean and position', () => {
    const e = configError(() => parse('{\n  "rules": {\n    "ministry-knwn": "error"\n  }\n}'));
    expect(e.message).toBe("Unknown rule 'ministry-knwn' in .plan-lint.json; did you mean 'ministry-known'?");
    expect(e.key).toBe('rules.ministry-knwn');
    expect([e.line, e.column]).toEqual([3, 5]);
  });
  it('unknown rule in overrides', () => {
    expect(message('{"overrides":[{"files":"*.md","rules":{"numberin":"off"}}]}')).toBe(
      "Unknown rule 'numberin' in overrides[0] of .plan-lint.json; did you mean 'numbering'?",
    );
  });
  it('unknown rule with nothing close says so without a guess', () => {
    expect(message('{"rules":{"spelling":"off"}}')).toBe("Unknown rule 'spelling' in .plan-lint.json");
  });
  it('invalid options name the option and the expected type', () => {
    expect(message('{"rules":{"ministry-known":["warn",{"maxDistance":1.5}]}}')).toBe(
      "Invalid options for rule 'ministry-known' in .plan-lint.json: 'maxDistance' must be integer",
    );
    expect(message('{"rules":{"ministry-known":["warn",{"maxDistanse":1}]}}')).toBe(
      "Invalid options for rule 'ministry-known' in .plan-lint.json: unknown option 'maxDistanse'; did you mean 'maxDistance'?",
    );
    expect(message('{"rules":{"ministry-known":["warn",{"style":"medium"}]}}')).toBe(
      'Invalid options for rule \'ministry-known\' in .plan-lint.json: \'style\' must be one of "short" or "long"',
    );
    expect(message('{"rules":{"ministry-known":["warn",3]}}')).toBe(
      "Invalid options for rule 'ministry-known' in .plan-lint.json: options must be an object, not number 3",
    );
  });
  it('invalid severity with did-you-mean', () => {
    expect(message('{"rules":{"numbering":"warning"}}')).toBe(
      'Invalid severity \'warning\' for rule \'numbering\' in .plan-lint.json; expected "off", "info", "warn" or "error" (did you mean \'warn\'?)',
    );
    expect(message('{"rules":{"numbering":[2]}}')).toMatch(/^Invalid severity 2 for rule 'numbering'/);
    expect(message('{"rules":{"numbering":true}}')).toMatch(/^Invalid setting for rule 'numbering' in \.plan-lint\.json: expected a severity/);
  });
  it('unknown top-level key', () => {
    expect(message('{"rule":{}}')).toBe("Unknown key 'rule' in .plan-lint.json; did you mean 'rules'?");
    expect(message('{"plugins":[]}')).toMatch(/^Unknown key 'plugins' in \.plan-lint\.json; allowed keys: \$schema, extends, rules/);
  });
  it('unknown preset', () => {
    expect(message('{"extends":"plan-lint:recomended"}')).toBe(
      "Unknown preset 'plan-lint:recomended' in 'extends' of .plan-lint.json; did you mean 'plan-lint:recommended'?",
    );
  });
  it('wrong types of other keys', () => {
    expect(message('{"ignores":"*.md"}')).toBe("'ignores' in .plan-lint.json must be a list of strings, not the string \"*.md\"");
    expect(message('{"noInlineConfig":"yes"}')).toMatch(/^'noInlineConfig' in \.plan-lint\.json must be true or false/);
    expect(message('{"overrides":[{"rules":{}}]}')).toBe('overrides[0] in .plan-lint.json needs "files" (a glob or a list of globs)');
    expect(message('[]')).toBe('.plan-lint.json must contain a JSON object, not an array');
  });
  it('invalid JSON with line:column', () => {
    const e = configError(() => parse('{\n  "rules": {\n    "numbering": "warn"\n    "ministry-known": "off"\n  }\n}'));
    expect(e.message).toBe("Invalid JSON in .plan-lint.json at 4:5: expected ','");
    expect(message('')).toBe('Invalid JSON in .plan-lint.json at 1:1: the file is empty (write {} for the defaults)');
    expect(message('{"rules":{},}')).toMatch(/trailing commas are allowed only in \.jsonc files/);
    expect(parseConfigText('{"rules":{},}', RULES, { label: '.plan-lint.jsonc' })).toEqual({ rules: {} });
  });
  it('an unreadable config file', () => {
    const e = configError(() => loadConfigFile(path.join(root, 'missing', '.plan-lint.json'), RULES));
    expect(e.message).toMatch(/^Cannot read config file .*missing[/\\]\.plan-lint\.json: file not found$/);
  });
  it('errors name the file relative to the working directory', () => {
    const dir = project({ '.plan-lint.json': { rules: { numbring: 'off' } } });
    const e = configError(() => resolveConfigForFile(path.join(dir, 'd.md'), { rules: RULES }));
    expect(e.message).toContain(path.relative(process.cwd(), path.join(dir, '.plan-lint.json')) === path.join(dir, '.plan-lint.json') ? dir : '.plan-lint.json');
    expect(e.filePath).toBe(path.join(dir, '.plan-lint.json'));
  });
  it('validateRuleSettings and createConfig', () => {
    expect(() => validateRuleSettings({ numbering: 'error' }, RULES)).not.toThrow();
    const c = createConfig({ rules: RULES, settings: { 'ministry-known': ['warn', { maxDistance: 0 }] } });
    expect(severities(c)).toEqual({ 'ministry-known': 'warn', numbering: 'off', 'date-year-inferred': 'off', 'status-coverage': 'off' });
    expect(c.rules['ministry-known']?.options).toEqual({ maxDistance: 0 });
    expect(configError(() => createConfig({ rules: RULES, settings: { x: 'off' } })).message).toBe("Unknown rule 'x' in settings");
  });
});
