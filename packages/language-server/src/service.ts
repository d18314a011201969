/**
 * The plan-lint language service: a pure layer over the engine that takes a
 * document's text and its configuration and answers each LSP feature. It holds
 * no connection, so it is tested without one; server.ts wires it to LSP.
 */
import { buildPlan, lint, lintAndFix, lintDocument, LineIndex, ruleDocsUrl, textIn } from '@plan-lint/core';
import type { AnyRule, Linker, LintMessage, LintResult, Locale, PlanDocument, ResolvedConfig } from '@plan-lint/core';
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { ALL_DIAGNOSTIC_FEATURES, isDiagnosticData, SOURCE, toActionEdit, toDiagnostic } from './diagnostics.js';
import type { ActionEdit, DiagnosticData, DiagnosticOptions } from './diagnostics.js';
import type { LinkedInput } from './links.js';
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
  /** Reads the documents a report links to (its plan, its previous report): the server's, shared by every document. */
  linker?: Linker;
  /** The language of the messages, hovers and code actions (absent: the configuration's, else the draft's). */
  locale?: Locale;
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

/**
 * The first, separable phase of a lint: the plan model of the text.
 * Undefined when the model builder throws; `new Analysis` then lets the engine report it.
 */
export function buildDocument(input: DocumentInput, setup: LintSetup): PlanDocument | undefined {
  try {
    // buildPlan reads past a leading byte order mark itself.
    return buildPlan(input.text, { registry: setup.config.registry });
  } catch {
    return undefined;
  }
}

/** One linted version of one document. */
export class Analysis {
  readonly positions: PositionMapper;
  readonly result: LintResult;
  private fixAllCache: TextEdit[] | undefined;

  /** Lints `input`; pass its model from `buildDocument` to split the work in two phases. */
  constructor(
    readonly input: DocumentInput,
    readonly setup: LintSetup,
    /** What lints of this document's earlier versions left to reuse: results are the same, only faster. */
    private readonly reuse: DocumentReuse = {},
    document?: PlanDocument,
  ) {
    this.positions = new PositionMapper(input.text);
    const options = this.lintOptions();
    let result: LintResult;
    try {
      result = document ? lintDocument(document, options) : lint(input.text, options);
    } catch (error) {
      // The engine promises not to throw; the server must survive even if it does.
      result = lint(input.text, { ...options, rules: [] });
      result.messages.unshift({
        ruleId: 'rule-crash',
        severity: 'error',
        message: `${textIn({ en: 'plan-lint failed on this draft', ja: 'plan-lintがこの原稿の処理に失敗しました' }, result.locale)}: ${error instanceof Error ? error.message : String(error)}`,
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        url: ruleDocsUrl('rule-crash', result.locale),
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
    return { uri: this.uri, document: this.document, positions: this.positions, registry, locale: this.locale };
  }

  /** The language of this analysis' messages: hovers and code action titles are written in it too. */
  get locale(): Locale {
    return this.result.locale;
  }

  private lintOptions() {
    return {
      config: this.setup.config,
      rules: this.setup.problem ? [] : this.setup.rules,
      ...(this.input.filePath ? { filePath: this.input.filePath } : {}),
      ...(this.reuse.ruleMemo ? { ruleMemo: this.reuse.ruleMemo } : {}),
      ...(this.setup.linker ? { linker: this.setup.linker } : {}),
      ...(this.setup.locale ? { locale: this.setup.locale } : {}),
    };
  }

  /** The report with the documents it links to, for navigation across them. */
  linkedInput(): LinkedInput {
    return { document: this.document, positions: this.positions, linked: this.result.linked, locale: this.locale };
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

  /** Whether any message has a fix (cheap: says whether fix-all is worth offering, without computing it). */
  get fixable(): boolean {
    return !this.setup.problem && this.messages.some((m) => m.fix);
  }

  /**
   * The edits that turn the document into its fully fixed form (as `plan-lint --fix` would), one per changed
   * place; empty when nothing is fixable. Computed on the first call only: that is the expensive part.
   */
  fixAllEdits(): TextEdit[] {
    if (this.fixAllCache) return this.fixAllCache;
    let edits: TextEdit[] = [];
    if (this.fixable) {
      try {
        const fixed = lintAndFix(this.input.text, this.lintOptions());
        if (fixed.changed) edits = minimalEdits(this.input.text, fixed.output);
      } catch {
        edits = [];
      }
    }
    this.fixAllCache = edits;
    return edits;
  }

  /**
   * Quick fixes for the diagnostics of a range; `supports(kind)` says whether the client (and the request's
   * `only`) accept a kind; `toEdit` wraps text edits of this document in a workspace edit.
   */
  codeActions(
    _range: Range,
    diagnostics: readonly Diagnostic[],
    supports: (kind: string) => boolean,
    toEdit: (edits: TextEdit[]) => WorkspaceEdit,
  ): CodeAction[] {
    const actions: CodeAction[] = [];
    if (!supports(CodeActionKind.QuickFix)) return actions;
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
      if (fix) actions.push(quickFix(fix, diagnostic, true, toEdit));
      for (const s of suggestions) actions.push(quickFix(s, diagnostic, false, toEdit));
      const ruleId = message?.ruleId ?? data?.ruleId;
      if (ruleId && !NOT_DISABLEABLE.has(ruleId) && !message?.fatal) {
        const line = diagnostic.range.start.line;
        const key = `${ruleId}@${line}`;
        if (disabled.has(key)) continue;
        disabled.add(key);
        const edit = this.disableLineEdit(ruleId, line);
        const title = textIn({ en: `Disable ${ruleId} for this line`, ja: `この行の「${ruleId}」を無効にする` }, this.locale);
        if (edit) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toEdit([edit]) });
      }
    }
    return actions;
  }

  /**
   * The edit behind "Disable <rule> for this line": a `plan-lint-disable-line` comment at the end of the line, so
   * that no block is split (a comment line above a wrapped list item's second line would end the item). It goes
   * before what must stay last on the line: a hard break, an ATX heading's closing #s, a table row's last pipe.
   * Null inside the front matter, where a comment would be YAML.
   */
  disableLineEdit(ruleId: string, line: number): TextEdit | null {
    const frontMatter = this.document.frontMatter;
    if (frontMatter && line + 1 >= frontMatter.range.start.line && line + 1 <= frontMatter.range.end.line) return null;
    const text = this.positions.lineText(line + 1).replace(/\r$/, '');
    const at = endOfLineContent(text);
    const comment = `<!-- plan-lint-disable-line ${ruleId} -->`;
    const newText = at === 0 || /\s/.test(text[at - 1] ?? '') ? `${comment} ` : ` ${comment}`;
    const character = at + (line === 0 && this.positions.bom ? 1 : 0);
    return { range: { start: { line, character }, end: { line, character } }, newText: at === text.length ? newText.trimEnd() : newText };
  }
}

/** Where a trailing comment goes on a line: after its content, before a hard break, closing #s or a final pipe. */
function endOfLineContent(text: string): number {
  let end = text.replace(/[ \t]+$/, '').length;
  const content = text.slice(0, end);
  const heading = /^( {0,3}#{1,6}[ \t].*?)[ \t]+#+$/.exec(content);
  if (heading?.[1]) return heading[1].length;
  if (/^\s*\|.*\|$/.test(content)) return content.lastIndexOf('|');
  const backslashes = /\\+$/.exec(content)?.[0].length ?? 0;
  if (backslashes % 2 === 1) end--;
  return end;
}

function quickFix(fix: ActionEdit, diagnostic: Diagnostic, preferred: boolean, toEdit: (edits: TextEdit[]) => WorkspaceEdit): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toEdit(fix.edits) };
  if (preferred) action.isPreferred = true;
  return action;
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

/** Where `before[start, endBefore)` and `after[start, endAfter)` differ (common prefix and suffix kept). */
interface Span {
  start: number;
  endBefore: number;
  endAfter: number;
}

/** Whether `i` falls inside a CRLF or a surrogate pair of `text` (an edit must not start or end there). */
function splits(text: string, i: number): boolean {
  return isLowSurrogate(text.charCodeAt(i)) || (text[i] === '\n' && text[i - 1] === '\r');
}

/** The differing span of two texts, never splitting a CRLF or a surrogate pair. */
function changedSpan(before: string, after: string): Span {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  while (start > 0 && splits(before, start)) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  while (endBefore < before.length && splits(before, endBefore)) {
    endBefore++;
    endAfter++;
  }
  return { start, endBefore, endAfter };
}

/** The edit replacing `[start, end)` of the text behind `index` (offsets) with `newText`, in LSP positions. */
function offsetEdit(index: LineIndex, start: number, end: number, newText: string): TextEdit {
  const toPos = (offset: number) => {
    const p = index.pointAt(offset);
    return { line: p.line - 1, character: p.column - 1 };
  };
  return { range: { start: toPos(start), end: toPos(end) }, newText };
}

/** The single edit (common prefix and suffix kept) that turns `before` into `after`, in LSP positions of `before`. */
export function minimalEdit(before: string, after: string): TextEdit {
  const span = changedSpan(before, after);
  return offsetEdit(new LineIndex(before), span.start, span.endBefore, after.slice(span.start, span.endAfter));
}

/** Lines with their line breaks, and where each starts. */
function linesOf(text: string): { lines: string[]; starts: number[] } {
  const lines = text.split(/(?<=\n)/);
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length;
  }
  starts.push(at);
  return { lines, starts };
}

/** Runs of differing lines, `[a0, a1)` of `a` replaced by `[b0, b1)` of `b` (Myers' O(ND) diff). */
function lineHunks(a: readonly string[], b: readonly string[]): [number, number, number, number][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved rows (each the state before its round), collecting the unchanged diagonal runs.
  const kept: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d] as Int32Array;
    const at = (k: number) => row[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      kept.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  kept.reverse();
  const hunks: [number, number, number, number][] = [];
  let ai = 0;
  let bi = 0;
  for (const [ka, kb] of [...kept, [n, m] as [number, number]]) {
    if (ka > ai || kb > bi) hunks.push([ai, ka, bi, kb]);
    ai = ka + 1;
    bi = kb + 1;
  }
  return hunks;
}

/**
 * The edits that turn `before` into `after`, one per changed place (unchanged text between places is not
 * resent), in LSP positions of `before`.
 */
export function minimalEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = linesOf(before);
  const b = linesOf(after);
  const index = new LineIndex(before);
  return lineHunks(a.lines, b.lines).map(([a0, a1, b0, b1]) => {
    const hunkBefore = before.slice(a.starts[a0], a.starts[a1]);
    const hunkAfter = after.slice(b.starts[b0], b.starts[b1]);
    const span = changedSpan(hunkBefore, hunkAfter);
    const base = a.starts[a0] as number;
    return offsetEdit(index, base + span.start, base + span.endBefore, hunkAfter.slice(span.start, span.endAfter));
  });
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
