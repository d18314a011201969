/**
 * Running rules over a built PlanDocument: options, severities, crash isolation,
 * inline directives, sorting and counting. `lint()` in lint.ts builds the document
 * and calls `lintDocument()`.
 */
import type {
  AnyRule,
  Fix,
  LinkedDocuments,
  LintMessage,
  LintOptions,
  LintResult,
  Measure,
  PlanDocument,
  Range,
  ReportDescriptor,
  RuleContext,
  TextEdit,
} from '../types.js';
import { isLocale, isText, textIn, type Locale } from '../messages.js';
import { applyDirectives } from './directives.js';
import { ruleDocsUrl } from './docs.js';
import { lowerSeverity, toMessageSeverity } from './severity.js';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Configured options over the rule's defaults: plain objects merge key by key, anything else (arrays too) replaces. */
export function mergeOptions(defaults: unknown, configured: unknown): Record<string, unknown> {
  const base = isPlainObject(defaults) ? defaults : {};
  if (!isPlainObject(configured)) return { ...base };
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(configured)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeOptions(prev, value) : value;
  }
  return out;
}

function isPoint(p: unknown): boolean {
  return (
    isPlainObject(p) &&
    Number.isFinite(p['line']) &&
    Number.isFinite(p['column']) &&
    Number.isFinite(p['offset'])
  );
}

export function isRange(r: unknown): r is Range {
  return isPlainObject(r) && isPoint(r['start']) && isPoint(r['end']);
}

const START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** A range at 1:1 (for crashes and problems without a place). */
export function startRange(): Range {
  return { start: { ...START.start }, end: { ...START.end } };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}

/** Finds the measure a position falls in. */
export function measureLocator(document: PlanDocument): (range: Range) => string | undefined {
  let measures: Measure[];
  try {
    measures = document.measures();
  } catch {
    measures = [];
  }
  // Measures are in document order and do not overlap: binary search, not a scan per message
  // (a scan made thousands of messages on thousands of measures quadratic).
  const sorted = measures.every((m, i) => i === 0 || (measures[i - 1] as Measure).range.end.offset <= m.range.start.offset);
  const lastStartingBefore = (offset: number, strict: boolean): number => {
    let lo = 0;
    let hi = measures.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = (measures[mid] as Measure).range.start.offset;
      if (strict ? start < offset : start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  return (range) => {
    const offset = range.start.offset;
    let found: Measure | undefined;
    if (sorted) {
      const a = measures[lastStartingBefore(offset, false)];
      if (a && offset < a.range.end.offset) return a.id;
      const b = measures[lastStartingBefore(offset, true)];
      return b && b.range.end.offset === offset ? b.id : undefined;
    }
    for (const m of measures) {
      if (m.range.start.offset <= offset && offset < m.range.end.offset) found = m;
    }
    if (found === undefined) {
      for (const m of measures) if (m.range.end.offset === offset && m.range.start.offset < offset) found = m;
    }
    return found?.id;
  };
}

export function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    a.range.end.offset - b.range.end.offset ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function ruleIdOf(rule: AnyRule, index: number): string {
  try {
    const id = rule.meta.id;
    return typeof id === 'string' && id !== '' ? id : `#${index}`;
  } catch {
    return `#${index}`;
  }
}

/** Longest message shown: hostile text quoted in a message (a numeral of 100,000 letters) is cut in the middle. */
export const MAX_MESSAGE_LENGTH = 500;

export function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const keep = (MAX_MESSAGE_LENGTH - 30) >> 1;
  return `${message.slice(0, keep)} … (${message.length - 2 * keep} characters) … ${message.slice(-keep)}`;
}

/** Lints an already-built document. Never throws. */
export function lintDocument(document: PlanDocument, options: LintOptions): LintResult {
  const { config } = options;
  const locale = lintLocale(document, options);
  const locate = measureLocator(document);
  const messages: LintMessage[] = [];

  for (const problem of document.problems ?? []) {
    const range = isRange(problem.range) ? problem.range : startRange();
    messages.push({
      ruleId: 'parse',
      severity: 'error',
      message: capMessage(textIn(problem.message, locale)),
      range,
      url: ruleDocsUrl('parse', locale),
      ...withMeasure(locate(range)),
    });
  }

  const linked = resolveLinks(document, options, messages, locale);

  const rules = options.rules ?? [];
  rules.forEach((rule, index) => {
    const id = ruleIdOf(rule, index);
    try {
      const setting = config.rules[id];
      if (setting === undefined) return;
      const severity = toMessageSeverity(setting.severity);
      if (severity === undefined) return;
      if (!rule.meta.appliesTo.includes(document.kind)) return;
      const reports: LintMessage[] = [];
      const url = ruleDocsUrl(id, locale);
      const context: RuleContext<Record<string, unknown>> = {
        document,
        // Named as the document names bodies (Japanese names and short forms for a Japanese draft).
        registry: config.registry.inLanguage(document.profile.registryNames),
        options: mergeOptions(rule.meta.defaultOptions, setting.options),
        filePath: options.filePath,
        report(descriptor: ReportDescriptor): void {
          reports.push(toMessage(id, severity, url, descriptor, locate, locale));
        },
        ...(options.ruleMemo ? { memo: options.ruleMemo } : {}),
        ...(linked ? { linked } : {}),
      };
      (rule as unknown as { check(ctx: RuleContext<Record<string, unknown>>): void }).check(context);
      messages.push(...reports);
    } catch (error) {
      messages.push({
        ruleId: 'rule-crash',
        severity: 'error',
        message: capMessage(
          locale === 'ja' ? `ルール「${id}」の実行に失敗しました: ${errorText(error)}` : `Rule '${id}' failed: ${errorText(error)}`,
        ),
        range: startRange(),
        url: ruleDocsUrl('rule-crash', locale),
        fatal: true,
      });
    }
  });

  const knownRuleIds = new Set<string>(['parse']);
  rules.forEach((rule, index) => knownRuleIds.add(ruleIdOf(rule, index)));
  const directed = applyDirectives(document, messages, {
    knownRuleIds,
    noInlineConfig: config.noInlineConfig === true,
    reportUnused: config.reportUnusedDisableDirectives ?? 'off',
    locale,
  });

  for (const m of directed.active) if (m.measureId === undefined && !m.fatal) Object.assign(m, withMeasure(locate(m.range)));
  const active = directed.active.sort(compareMessages);
  const suppressed = directed.suppressed.sort(compareMessages);
  const result: LintResult = {
    source: document.text,
    document,
    locale,
    messages: active,
    suppressedMessages: suppressed,
    errorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  if (options.filePath !== undefined) result.filePath = options.filePath;
  if (linked) result.linked = linked;
  for (const m of active) {
    if (m.severity === 'error') {
      result.errorCount++;
      if (m.fix) result.fixableErrorCount++;
    } else if (m.severity === 'warning') {
      result.warningCount++;
      if (m.fix) result.fixableWarningCount++;
    } else result.infoCount++;
  }
  return result;
}

/** The linked documents, when a linker and the file's path are given; a linker that throws becomes one fatal message. */
function resolveLinks(document: PlanDocument, options: LintOptions, messages: LintMessage[], locale: Locale): LinkedDocuments | undefined {
  if (!options.linker || options.filePath === undefined) return undefined;
  try {
    return options.linker.resolve(document, options.filePath, options.config);
  } catch (error) {
    messages.push({
      ruleId: 'rule-crash',
      severity: 'error',
      message: capMessage(
        locale === 'ja' ? `リンクされた文書を読み込めませんでした: ${errorText(error)}` : `The linked documents could not be resolved: ${errorText(error)}`,
      ),
      range: startRange(),
      url: ruleDocsUrl('rule-crash', locale),
      fatal: true,
    });
    return undefined;
  }
}

function withMeasure(measureId: string | undefined): { measureId?: string } {
  return measureId === undefined ? {} : { measureId };
}

function toMessage(
  ruleId: string,
  configured: LintMessage['severity'],
  url: string,
  d: ReportDescriptor,
  locate: (range: Range) => string | undefined,
  locale: Locale,
): LintMessage {
  if (!isPlainObject(d)) throw new TypeError('report() needs a descriptor object');
  if (!isText(d.message) || textIn(d.message, locale) === '') throw new TypeError('report() needs a non-empty message');
  const text = textIn(d.message, locale);
  if (!isRange(d.range)) throw new TypeError(`report() needs a range with start and end points (message: ${text})`);
  const message: LintMessage = {
    ruleId,
    severity: lowerSeverity(configured, d.severity),
    message: capMessage(text),
    range: d.range,
    url,
    ...withMeasure(locate(d.range)),
  };
  const fix = (f: unknown): Fix => {
    if (!isPlainObject(f) || !isText(f['description']) || !Array.isArray(f['edits']) || !f['edits'].every((e) => isPlainObject(e) && isRange(e['range']) && typeof e['text'] === 'string'))
      throw new TypeError(`report() got a malformed fix (message: ${text})`);
    return { description: textIn(f['description'], locale), edits: f['edits'] as TextEdit[] };
  };
  if (d.fix !== undefined) message.fix = fix(d.fix);
  if (d.suggestions !== undefined && d.suggestions.length > 0) message.suggestions = d.suggestions.map(fix);
  if (d.related !== undefined && d.related.length > 0)
    message.related = d.related.map((r) => ({ ...r, message: textIn(r.message, locale) }));
  if (d.tags !== undefined && d.tags.length > 0) message.tags = d.tags;
  return message;
}

/**
 * The language of a lint's messages: the one asked for, else the configuration's, else the draft's when messages
 * are written in it, else English.
 */
export function lintLocale(document: PlanDocument, options: Pick<LintOptions, 'locale' | 'config'>): Locale {
  return options.locale ?? options.config.locale ?? documentLocale(document);
}

/** The locale of a draft's own language: its profile's, when messages are written in it, else English. */
export function documentLocale(document: PlanDocument): Locale {
  const lang = document.profile.lang;
  return isLocale(lang) ? lang : 'en';
}
