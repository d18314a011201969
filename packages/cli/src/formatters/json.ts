import type { LintMessage } from '@plan-lint/core';
import type { CliResult, Formatter } from '../types.js';
import { fixToSingleEdit } from './util.js';

/** ESLint's numeric severities; info is 0 (shown, never fails a run). */
export function numericSeverity(severity: LintMessage['severity']): 0 | 1 | 2 {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}

function jsonMessage(message: LintMessage, source: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: message.ruleId,
    severity: numericSeverity(message.severity),
    message: message.message,
    line: message.range.start.line,
    column: message.range.start.column,
    endLine: message.range.end.line,
    endColumn: message.range.end.column,
  };
  if (message.fatal) out['fatal'] = true;
  if (message.measureId) out['measureId'] = message.measureId;
  // The rule's page on the documentation site (not in ESLint's format; consumers ignore what they do not know).
  if (message.url) out['url'] = message.url;
  const fix = fixToSingleEdit(message.fix?.edits, source);
  if (fix) out['fix'] = fix;
  const suggestions = (message.suggestions ?? [])
    .map((s) => ({ desc: s.description, fix: fixToSingleEdit(s.edits, source) }))
    .filter((s) => s.fix !== undefined);
  if (suggestions.length > 0) out['suggestions'] = suggestions;
  if (message.related && message.related.length > 0) {
    out['related'] = message.related.map((r) => ({
      ...(r.filePath !== undefined ? { filePath: r.filePath } : {}),
      message: r.message,
      line: r.range.start.line,
      column: r.range.start.column,
      endLine: r.range.end.line,
      endColumn: r.range.end.column,
    }));
  }
  if (message.suppressed) {
    out['suppressions'] = [{ kind: 'directive', justification: message.suppressed.reason ?? '' }];
  }
  return out;
}

export function jsonResult(result: CliResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    filePath: result.filePath,
    messages: result.messages.map((m) => jsonMessage(m, result.source)),
    suppressedMessages: result.suppressedMessages.map((m) => jsonMessage(m, result.source)),
    errorCount: result.errorCount,
    fatalErrorCount: result.messages.filter((m) => m.fatal).length,
    warningCount: result.warningCount,
    infoCount: result.infoCount,
    fixableErrorCount: result.fixableErrorCount,
    fixableWarningCount: result.fixableWarningCount,
    usedDeprecatedRules: [],
  };
  if (result.output !== undefined) out['output'] = result.output;
  else if (result.messages.length > 0) out['source'] = result.source;
  return out;
}

/** ESLint's json format: an array with one object per file. */
const json: Formatter = (results) => JSON.stringify(results.map(jsonResult)) + '\n';

export default json;
