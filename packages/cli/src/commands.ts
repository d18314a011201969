/** The commands that lint nothing: --list-rules, --explain, --print-config, --init. Each returns the exit code. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyRule, Locale, ResolvedFileConfig, Severity } from '@plan-lint/core';
import { displayWidth } from './colors.js';
import { UsageError } from './args.js';
import { errnoReason, type CliIo } from './io.js';
import { didYouMeanSuffix } from './suggest.js';

type Core = typeof import('@plan-lint/core');
export type RulesModule = typeof import('@plan-lint/rules');

/** The words of --list-rules in each locale: the header, the severities and the yes/suggest marks. */
const LIST_WORDS = {
  en: {
    header: ['RULE', 'DEFAULT', 'FIXABLE', 'RECOMMENDED', 'DESCRIPTION'],
    severity: { off: 'off', info: 'info', warn: 'warn', error: 'error' },
    yes: 'yes',
    suggest: 'suggest',
  },
  ja: {
    header: ['ルール', '重大度', '修正', '推奨', '確認すること'],
    severity: { off: '無効', info: '情報', warn: '警告', error: 'エラー' },
    yes: 'あり',
    suggest: '提案',
  },
} as const satisfies Record<Locale, { header: readonly string[]; severity: Record<Severity, string>; yes: string; suggest: string }>;

/** --list-rules: every rule with its defaults and what it checks, in the locale asked for. */
export function listRules(io: CliIo, rules: readonly AnyRule[], locale: Locale = 'en'): number {
  const words = LIST_WORDS[locale];
  const rows = rules.map((r) => [
    r.meta.id,
    words.severity[r.meta.defaultSeverity],
    r.meta.fixable ? words.yes : r.meta.hasSuggestions ? words.suggest : '-',
    r.meta.recommended ? words.yes : '-',
    r.meta.description[locale],
  ]);
  const table = [[...words.header], ...rows];
  const widths = words.header.map((_, i) => Math.max(...table.map((row) => displayWidth(row[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - displayWidth(c)))).join('  ').replace(/\s+$/, '');
  io.stdout.write(table.map(line).join('\n') + '\n');
  if (rules.length === 0) io.stderr.write('plan-lint: warning: no rules are installed.\n');
  return 0;
}

/** --explain RULE: the rule's documentation page in the locale asked for (every rule has one in each locale). */
export function explain(io: CliIo, core: Core, { rulesById, readRuleDocs, ruleDocsFile }: RulesModule, id: string, locale: Locale = 'en'): number {
  const engineIds = core.ENGINE_MESSAGE_IDS as readonly string[];
  if (!rulesById.has(id) && !engineIds.includes(id)) {
    throw new UsageError(`Unknown rule '${id}'.${didYouMeanSuffix(id, [...rulesById.keys(), ...engineIds])} Run 'plan-lint --list-rules' to see them all.`);
  }
  const docs = readRuleDocs(id, locale);
  if (docs === undefined) {
    const meta = rulesById.get(id)?.meta;
    io.stdout.write(`# ${id}\n\n${meta?.description[locale] ?? ''}\n\n(No documentation file found at ${String(ruleDocsFile(id))}; online: ${core.ruleDocsUrl(id)}.)\n`);
    return 0;
  }
  io.stdout.write(docs.endsWith('\n') ? docs : docs + '\n');
  return 0;
}

/** --print-config FILE: the configuration that applies to the file, as JSON. */
export function printConfig(io: CliIo, resolved: ResolvedFileConfig): number {
  const { config, configFile, ignored } = resolved;
  const printable = {
    configFile: configFile ?? null,
    ignored,
    rules: Object.fromEntries(
      Object.entries(config.rules)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([id, r]) => [id, Object.keys(r.options).length > 0 ? [r.severity, r.options] : r.severity]),
    ),
    noInlineConfig: config.noInlineConfig,
    reportUnusedDisableDirectives: config.reportUnusedDisableDirectives,
    lang: config.lang ?? 'en',
    ...(config.locale !== undefined ? { locale: config.locale } : {}),
    registry: config.registry.bodies.map((b) => ({ id: b.id, abbreviation: b.abbreviations[0] ?? null, name: b.name })),
  };
  io.stdout.write(JSON.stringify(printable, null, 2) + '\n');
  return 0;
}

export async function init(io: CliIo): Promise<number> {
  const { CONFIG_FILE_NAMES, assetUrl } = await import('@plan-lint/core');
  for (const name of CONFIG_FILE_NAMES) {
    try {
      await fs.access(path.join(io.cwd, name));
      throw new UsageError(`${name} already exists in ${io.cwd}; not overwriting it.`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
    }
  }
  const schemaFile = fileURLToPath(assetUrl('schema/config.schema.json'));
  let schemaRef = path.relative(io.cwd, schemaFile).split(path.sep).join('/');
  if (!schemaRef.startsWith('.')) schemaRef = `./${schemaRef}`;
  const config = {
    $schema: schemaRef,
    extends: 'plan-lint:recommended',
    rules: {},
  };
  const target = path.join(io.cwd, '.plan-lint.json');
  try {
    await fs.writeFile(target, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
  } catch (error) {
    throw new UsageError(`Cannot write ${target}: ${errnoReason(error)}.`);
  }
  io.stdout.write(`Wrote .plan-lint.json (extends plan-lint:recommended). Edit "rules" to change severities; see 'plan-lint --list-rules'.\n`);
  return 0;
}
