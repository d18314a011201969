import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsBaseUrl, sayIn } from '@plan-lint/core';
import type { LintMessage, Locale, Range, Severity } from '@plan-lint/core';
import type { CliResult, FormatContext, Formatter } from '../types.js';

type Level = 'error' | 'warning' | 'note' | 'none';

function messageLevel(severity: LintMessage['severity']): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function configuredLevel(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : severity === 'info' ? 'note' : 'none';
}

function region(range: Range): Record<string, number> {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

interface Artifact {
  uri: string;
  uriBaseId?: string;
}

function artifactFor(filePath: string, cwd: string): Artifact {
  if (filePath.startsWith('<')) return { uri: encodeURI(filePath.replace(/[<>]/g, '')) };
  const relative = path.relative(cwd, filePath);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(filePath).href };
}

function firstParagraph(markdown: string | undefined): string | undefined {
  if (!markdown) return undefined;
  const paragraphs = markdown
    .replace(/^---[\s\S]*?\n---\n/, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#') && !p.startsWith('|') && !p.startsWith('```'));
  return paragraphs[0]?.replace(/\s*\n\s*/g, ' ');
}

function sarifRules(results: readonly CliResult[], context: FormatContext) {
  const ids = [...context.rules.keys()];
  for (const r of results) {
    for (const m of [...r.messages, ...r.suppressedMessages]) if (!ids.includes(m.ruleId)) ids.push(m.ruleId);
  }
  const descriptors = ids.map((id) => {
    const meta = context.rules.get(id);
    const docs = context.ruleDocs(id);
    const description = meta?.description[context.locale] ?? engineDescription(id, context.locale);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, ch: string) => ch.toUpperCase()),
      shortDescription: { text: description },
      fullDescription: { text: firstParagraph(docs) ?? description },
      helpUri: context.ruleUrl(id),
      help: { text: description, markdown: docs ?? description },
      defaultConfiguration: { level: configuredLevel(meta?.defaultSeverity ?? 'error'), enabled: (meta?.defaultSeverity ?? 'error') !== 'off' },
      properties: meta ? { recommended: meta.recommended, fixable: meta.fixable, tags: ['plan-lint'] } : { tags: ['plan-lint', 'engine'] },
    };
  });
  return { ids, descriptors };
}

/** What the engine's own message ids report, in the report's locale. */
function engineDescription(id: string, locale: Locale): string {
  const say = sayIn(locale);
  switch (id) {
    case 'parse':
      return say(
        'The draft could be read only in part (a structural problem the model builder found).',
        '原稿の一部しか読み取れなかったこと（原稿の構造を読み取る際に見つかった問題）。',
      );
    case 'unused-disable-directive':
      return say('A plan-lint-disable comment that silences nothing.', '「plan-lint-disable」のコメントが何も抑止していないこと。');
    case 'unknown-rule-in-directive':
      return say('A plan-lint-disable comment names a rule that does not exist.', '「plan-lint-disable」のコメントが、存在しないルールを指定していること。');
    case 'rule-crash':
      return say('A rule failed on this draft; its findings are missing.', 'ルールがこの原稿の処理中に異常終了し、その指摘が欠けていること。');
    default:
      return say(`Messages of '${id}'.`, `「${id}」のメッセージ。`);
  }
}

/** SARIF 2.1.0 for GitHub code scanning and other viewers. */
const sarif: Formatter = (results, context) => {
  const { ids, descriptors } = sarifRules(results, context);
  const sarifResults: Record<string, unknown>[] = [];
  for (const result of results) {
    const artifact = artifactFor(result.filePath, context.cwd);
    const convert = (m: LintMessage, suppressed: boolean): Record<string, unknown> => {
      const out: Record<string, unknown> = {
        ruleId: m.ruleId,
        ruleIndex: ids.indexOf(m.ruleId),
        level: messageLevel(m.severity),
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(m.range) } }],
      };
      if (m.related && m.related.length > 0) {
        out['relatedLocations'] = m.related.map((r, i) => ({
          id: i + 1,
          message: { text: r.message },
          physicalLocation: { artifactLocation: r.filePath !== undefined ? artifactFor(r.filePath, context.cwd) : artifact, region: region(r.range) },
        }));
      }
      const fixes = [m.fix, ...(m.suggestions ?? [])].filter((f): f is NonNullable<typeof f> => f !== undefined);
      if (fixes.length > 0) {
        out['fixes'] = fixes.map((f) => ({
          description: { text: f.description },
          artifactChanges: [
            {
              artifactLocation: artifact,
              replacements: f.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.text } })),
            },
          ],
        }));
      }
      if (suppressed) {
        const suppression: Record<string, unknown> = { kind: 'inSource' };
        if (m.suppressed?.reason) suppression['justification'] = m.suppressed.reason;
        out['suppressions'] = [suppression];
      }
      if (m.measureId) out['properties'] = { measureId: m.measureId };
      return out;
    };
    for (const m of result.messages) sarifResults.push(convert(m, false));
    for (const m of result.suppressedMessages) sarifResults.push(convert(m, true));
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plan-lint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: docsBaseUrl(),
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd + path.sep).href } },
        artifacts: results.map((r) => ({ location: artifactFor(r.filePath, context.cwd) })),
        results: sarifResults,
        invocations: [{ executionSuccessful: context.exitCode < 2, exitCode: context.exitCode }],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};


export default sarif;
