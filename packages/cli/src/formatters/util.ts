import path from 'node:path';
import type { Locale, MessageSeverity } from '@plan-lint/core';
import type { CliResult } from '../types.js';

/** The path to show for a result: relative to cwd when inside it (POSIX separators), else absolute. */
export function displayPath(filePath: string, cwd: string): string {
  if (filePath.startsWith('<')) return filePath;
  const relative = path.relative(cwd, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return filePath.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}

const SEVERITY_WORDS: Record<Locale, Record<MessageSeverity, string>> = {
  en: { error: 'error', warning: 'warning', info: 'info' },
  ja: { error: 'エラー', warning: '警告', info: '情報' },
};

/** A message's severity as a report writes it: "warning" / 警告. */
export function severityLabel(severity: MessageSeverity, locale: Locale): string {
  return SEVERITY_WORDS[locale][severity];
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fixableErrors: number;
  fixableWarnings: number;
  suppressed: number;
  files: number;
  filesWithProblems: number;
}

export function totals(results: readonly CliResult[]): Totals {
  const t: Totals = { errors: 0, warnings: 0, infos: 0, fixableErrors: 0, fixableWarnings: 0, suppressed: 0, files: results.length, filesWithProblems: 0 };
  for (const r of results) {
    t.errors += r.errorCount;
    t.warnings += r.warningCount;
    t.infos += r.infoCount;
    t.fixableErrors += r.fixableErrorCount;
    t.fixableWarnings += r.fixableWarningCount;
    t.suppressed += r.suppressedMessages.length;
    if (r.messages.length > 0) t.filesWithProblems++;
  }
  return t;
}

export function fixToSingleEdit(
  edits: readonly { range: { start: { offset: number }; end: { offset: number } }; text: string }[] | undefined,
  source: string,
): { range: [number, number]; text: string } | undefined {
  if (!edits || edits.length === 0) return undefined;
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const first = sorted[0];
  if (!first) return undefined;
  if (sorted.length === 1) return { range: [first.range.start.offset, first.range.end.offset], text: first.text };
  const start = first.range.start.offset;
  let end = start;
  let text = '';
  for (const edit of sorted) {
    if (edit.range.start.offset < end) return undefined; // overlapping edits: not representable
    text += source.slice(end, edit.range.start.offset) + edit.text;
    end = edit.range.end.offset;
  }
  return { range: [start, end], text };
}

/** "1-(ii)" → 1 */
export function sectionOfMeasureId(id: string | undefined): number | undefined {
  const m = id ? /^(\d+)-/.exec(id) : null;
  return m ? Number(m[1]) : undefined;
}
