/**
 * The plan-lint language service: a pure layer over the engine that takes a
 * document's text and its configuration and answers each LSP feature. It holds
 * no connection, so it is tested without one; server.ts wires it to LSP.
 */
import { lint, lintAndFix, LineIndex, ruleDocsUrl } from '@plan-lint/core';
import type { AnyRule, LintMessage, LintResult, PlanDocument, ResolvedConfig } from '@plan-lint/core';
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { ALL_DIAGNOSTIC_FEATURES, isDiagnosticData, SOURCE, toActionEdit, toDiagnostic } from './diagnostics.js';
import type { ActionEdit, DiagnosticData, DiagnosticOptions } from './diagnostics.js';
import type { NavigationInput } from './navigation.js';
import { PositionMapper, sameRange } from './positions.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.plan-lint`;

/** Engine messages that a disable comment cannot (or should not) silence. */
const NOT_DISABLEABLE = new Set(['rule-crash', 'unused-disable-directive', 'unknown-rule-in-directive']);

export interface DocumentInput {
  uri: string;
  version: number;
  text: string;
  /** File system path, for configuration overrides and messages. */
  filePath?: string;
}

/** A configuration problem: the file cannot be read or is invalid. The document is then not linted. */
export interface ConfigProblem {
  message: string;
  /** The configuration file at fault. */
  file?: string;
}

export interface LintSetup {
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  /** When set, the one diagnostic of every document is this problem. */
  problem?: ConfigProblem;
}

function configProblemMessage(problem: ConfigProblem): LintMessage {
  const at = { line: 1, column: 1, offset: 0 };
  return {
    ruleId: 'config',
    severity: 'error',
    message: problem.message,
    range: { start: at, end: at },
    url: '',
    fatal: true,
  };
}

/** One linted version of one document. */
export class Analysis {
  readonly positions: PositionMapper;
  readonly result: LintResult;
  private fixAllCache: { edit: TextEdit | null } | undefined;

  constructor(
    readonly input: DocumentInput,
    readonly setup: LintSetup,
    /** What lints of this document's earlier versions left to reuse: results are the same, only faster. */
    private readonly reuse: DocumentReuse = {},
  ) {
    this.positions = new PositionMapper(input.text);
    const options = this.lintOptions();
    let result: LintResult;
    try {
      result = lint(input.text, options);
    } catch (error) {
      // The engine promises not to throw; the server must survive even if it does.
      result = lint(input.text, { ...options, rules: [] });
      result.messages.unshift({
        ruleId: 'rule-crash',
        severity: 'error',
        message: `plan-lint failed on this draft: ${error instanceof Error ? error.message : String(error)}`,
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        url: ruleDocsUrl('rule-crash'),
        fatal: true,
      });
    }
    if (setup.problem) {
      result = { ...result, messages: [configProblemMessage(setup.problem)], suppressedMessages: [], errorCount: 1, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
    }
    this.result = result;
  }

  get uri(): string {
    return this.input.uri;
  }

  get version(): number {
    return this.input.version;
  }

  get document(): PlanDocument {
    return this.result.document;
  }

  get messages(): readonly LintMessage[] {
    return this.result.messages;
  }

  navigation(): NavigationInput {
    // Bodies named as the document names them (Japanese names and short forms in a Japanese draft).
    const registry = this.setup.config.registry.inLanguage(this.document.profile.registryNames);
    return { uri: this.uri, document: this.document, positions: this.positions, registry };
  }

  private lintOptions() {
    return {
      config: this.setup.config,
      rules: this.setup.problem ? [] : this.setup.rules,
      ...(this.input.filePath ? { filePath: this.input.filePath } : {}),
      ...(this.reuse.ruleMemo ? { ruleMemo: this.reuse.ruleMemo } : {}),
    };
  }

  diagnostics(options: DiagnosticOptions = ALL_DIAGNOSTIC_FEATURES): Diagnostic[] {
    return this.messages.map((m) => toDiagnostic(m, this.uri, this.version, this.positions, options));
  }

  /** The lint message a client diagnostic stands for (matched by rule id and range). */
  messageFor(diagnostic: Diagnostic): LintMessage | undefined {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : isDiagnosticData(diagnostic.data) ? diagnostic.data.ruleId : undefined;
    if (!code) return undefined;
    return this.messages.find(
      (m) => m.ruleId === code && sameRange(this.positions.toRange(m.range), diagnostic.range) && m.message === diagnostic.message,
    ) ?? this.messages.find((m) => m.ruleId === code && sameRange(this.positions.toRange(m.range), diagnostic.range));
  }

  /** One edit that turns the document into its fully fixed form, or null when nothing is fixable. */
  fixAllEdit(): TextEdit | null {
    if (this.fixAllCache) return this.fixAllCache.edit;
    let edit: TextEdit | null = null;
    if (!this.setup.problem && this.messages.some((m) => m.fix)) {
      try {
        const fixed = lintAndFix(this.input.text, this.lintOptions());
        if (fixed.changed) edit = minimalEdit(this.input.text, fixed.output);
      } catch {
        edit = null;
      }
    }
    this.fixAllCache = { edit };
    return edit;
  }

  /** Code actions for a range; `supports(kind)` says whether the client (and the request's `only`) accept a kind. */
  codeActions(_range: Range, diagnostics: readonly Diagnostic[], supports: (kind: string) => boolean): CodeAction[] {
    const actions: CodeAction[] = [];
    if (supports(CodeActionKind.QuickFix)) {
      const ours = diagnostics.filter((d) => d.source === SOURCE || isDiagnosticData(d.data));
      const disabled = new Set<string>();
      for (const diagnostic of ours) {
        const message = this.messageFor(diagnostic);
        const data: DiagnosticData | undefined = isDiagnosticData(diagnostic.data) ? diagnostic.data : undefined;
        // Prefer the fresh message; fall back to what the diagnostic carried (only for this very version).
        const fix = message?.fix ? toActionEdit(message.fix, this.positions) : data?.version === this.version ? data.fix : undefined;
        const suggestions: ActionEdit[] = message?.suggestions
          ? message.suggestions.map((s) => toActionEdit(s, this.positions))
          : data?.version === this.version
            ? (data.suggestions ?? [])
            : [];
        if (fix) actions.push(this.quickFix(fix, diagnostic, true));
        for (const s of suggestions) actions.push(this.quickFix(s, diagnostic, false));
        const ruleId = message?.ruleId ?? data?.ruleId;
        if (ruleId && !NOT_DISABLEABLE.has(ruleId) && !message?.fatal) {
          const line = diagnostic.range.start.line;
          const key = `${ruleId}@${line}`;
          if (disabled.has(key)) continue;
          disabled.add(key);
          const disable = this.disableForLine(ruleId, line, diagnostic);
          if (disable) actions.push(disable);
        }
      }
    }
    if (supports(FIX_ALL_KIND)) {
      const edit = this.fixAllEdit();
      if (edit) {
        actions.push({
          title: 'Fix all auto-fixable plan-lint problems',
          kind: FIX_ALL_KIND,
          edit: { changes: { [this.uri]: [edit] } },
        });
      }
    }
    return actions;
  }

  private quickFix(fix: ActionEdit, diagnostic: Diagnostic, preferred: boolean): CodeAction {
    const action: CodeAction = {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [this.uri]: fix.edits } },
    };
    if (preferred) action.isPreferred = true;
    return action;
  }

  /** "Disable <rule> for this line": a disable-next-line comment above the line, indented like it. */
  disableForLine(ruleId: string, line: number, diagnostic?: Diagnostic): CodeAction | null {
    const frontMatter = this.document.frontMatter;
    if (frontMatter && line + 1 >= frontMatter.range.start.line && line + 1 <= frontMatter.range.end.line) return null;
    const text = this.positions.lineText(line + 1);
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    const eol = this.input.text.includes('\r\n') ? '\r\n' : '\n';
    const at = { line, character: line === 0 && this.positions.bom ? 1 : 0 };
    const action: CodeAction = {
      title: `Disable ${ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      edit: { changes: { [this.uri]: [{ range: { start: at, end: at }, newText: `${indent}<!-- plan-lint-disable-next-line ${ruleId} -->${eol}` }] } },
    };
    if (diagnostic) action.diagnostics = [diagnostic];
    return action;
  }
}

/**
 * What one open document keeps between lints of its versions (`createDocumentReuse()`): the rules' text-keyed
 * work, so that an edit recomputes only the word sets and hashes of the blocks it touched.
 */
export interface DocumentReuse {
  ruleMemo?: Map<string, unknown>;
}

export function createDocumentReuse(): Required<DocumentReuse> {
  return { ruleMemo: new Map() };
}

/** Lints one document version. Never throws. Pass the document's `DocumentReuse` to lint an edit incrementally. */
export function analyze(input: DocumentInput, setup: LintSetup, reuse?: DocumentReuse): Analysis {
  return new Analysis(input, setup, reuse);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The single edit (common prefix and suffix kept) that turns `before` into `after`, in LSP positions of `before`. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a CRLF or a surrogate pair.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  while (
    endBefore < before.length &&
    (isLowSurrogate(before.charCodeAt(endBefore)) || (before[endBefore] === '\n' && before[endBefore - 1] === '\r'))
  ) {
    endBefore++;
    endAfter++;
  }
  const index = new LineIndex(before);
  const toPos = (offset: number) => {
    const p = index.pointAt(offset);
    return { line: p.line - 1, character: p.column - 1 };
  };
  return { range: { start: toPos(start), end: toPos(endBefore) }, newText: after.slice(start, endAfter) };
}

/** Applies LSP text edits to a text (for tests and for the fix-all command). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const offset = (p: { line: number; character: number }) => index.offsetAt(p.line + 1, p.character + 1);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
