/** LintMessage → LSP Diagnostic. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Fix, LintMessage, Range as PlanRange } from '@plan-lint/core';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import type { Diagnostic, DiagnosticRelatedInformation, TextEdit } from 'vscode-languageserver';
import type { PositionMapper } from './positions.js';

export const SOURCE = 'plan-lint';

/** One fix or suggestion, already in LSP coordinates. */
export interface ActionEdit {
  title: string;
  edits: TextEdit[];
}

/** What a diagnostic carries for the code actions (kept in `Diagnostic.data`). */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the diagnostic was computed for. */
  version: number;
  fix?: ActionEdit;
  suggestions?: ActionEdit[];
  measureId?: string;
}

export interface DiagnosticOptions {
  /** The client shows related information (else it is folded into the message). */
  relatedInformation: boolean;
  /** The client understands diagnostic tags. */
  tags: boolean;
  /** The client understands codeDescription. */
  codeDescription: boolean;
}

export const ALL_DIAGNOSTIC_FEATURES: DiagnosticOptions = { relatedInformation: true, tags: true, codeDescription: true };

export function toSeverity(severity: LintMessage['severity']): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

export function toActionEdit(fix: Fix, positions: PositionMapper): ActionEdit {
  return {
    title: fix.description,
    edits: fix.edits.map((e) => ({ range: positions.toRange(e.range), newText: e.text })),
  };
}

export function toDiagnostic(
  message: LintMessage,
  uri: string,
  version: number,
  positions: PositionMapper,
  options: DiagnosticOptions = ALL_DIAGNOSTIC_FEATURES,
): Diagnostic {
  const data: DiagnosticData = { ruleId: message.ruleId, version };
  if (message.fix) data.fix = toActionEdit(message.fix, positions);
  if (message.suggestions?.length) data.suggestions = message.suggestions.map((s) => toActionEdit(s, positions));
  if (message.measureId) data.measureId = message.measureId;

  let text = message.message;
  const diagnostic: Diagnostic = {
    range: positions.toRange(message.range),
    severity: toSeverity(message.severity),
    code: message.ruleId,
    source: SOURCE,
    message: text,
    data,
  };
  if (message.url && options.codeDescription) diagnostic.codeDescription = { href: message.url };
  if (message.related?.length) {
    if (options.relatedInformation) {
      diagnostic.relatedInformation = message.related.map(
        (r): DiagnosticRelatedInformation => ({
          // A location in a linked document (the plan): its own coordinates, no byte order mark shift of this one.
          location: r.filePath !== undefined ? { uri: pathToFileURL(r.filePath).href, range: plainRange(r.range) } : { uri, range: positions.toRange(r.range) },
          message: r.message,
        }),
      );
    } else {
      text += message.related
        .map((r) => `\n${r.message} (${r.filePath !== undefined ? `${path.basename(r.filePath)}, ` : ''}line ${r.range.start.line})`)
        .join('');
      diagnostic.message = text;
    }
  }
  if (message.tags?.length && options.tags) {
    diagnostic.tags = message.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  return diagnostic;
}

/** A model range as an LSP range (columns are UTF-16 units in both). */
function plainRange(range: PlanRange): Diagnostic['range'] {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && typeof (value as { ruleId?: unknown }).ruleId === 'string';
}
