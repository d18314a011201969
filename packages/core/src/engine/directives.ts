/**
 * Inline directives (`document.directives`, parsed by the model builder from HTML comments):
 *
 * - `disable` / `enable`: a region from the comment on, for all rules or the named ones.
 *   `enable x` after `disable` (all) re-enables only x.
 * - `disable-line`: messages that start on a line the comment is on.
 * - `disable-next-line`: messages that start on the line after the comment.
 *
 * Silenced messages move to `suppressed` with `suppressed: { kind: 'inSource', range, reason }`.
 * Engine messages: `unknown-rule-in-directive` (error) for rule ids that no rule has,
 * `unused-disable-directive` (at `reportUnused`) for disable comments (or named rules in
 * them) that silenced nothing, with a fix that removes the comment (or the name).
 * Fatal messages (rule crashes) are never silenced; `parse` problems can be, by name or by
 * an all-rules comment.
 */
import type { Directive, LintMessage, PlanDocument, Range, Severity, TextEdit } from '../types.js';
import { LineIndex } from '../positions.js';
import { ruleDocsUrl } from './docs.js';
import { textIn, type Locale } from '../messages.js';
import { didYouMean } from './suggest.js';
import { toMessageSeverity } from './severity.js';

export interface DirectiveOptions {
  knownRuleIds: ReadonlySet<string>;
  noInlineConfig: boolean;
  reportUnused: Severity;
  /** The language of the messages. */
  locale: Locale;
}

interface Prepared {
  directive: Directive;
  /** Known rule ids named (empty with `all`). */
  ids: Set<string>;
  /** True when the comment names no rule (applies to every rule). */
  all: boolean;
  /** Named rule ids that silenced something. */
  used: Set<string>;
  usedAll: boolean;
}

function commentName(d: Directive): string {
  return `plan-lint-${d.kind}`;
}

function names(d: Prepared, ruleId: string): boolean {
  return d.all || d.ids.has(ruleId);
}

export function applyDirectives(
  document: PlanDocument,
  messages: LintMessage[],
  options: DirectiveOptions,
): { active: LintMessage[]; suppressed: LintMessage[] } {
  const directives = (document.directives ?? []).filter((d) => d && d.range && Array.isArray(d.rules));
  if (directives.length === 0) return { active: messages, suppressed: [] };

  if (options.noInlineConfig) {
    const first = directives.reduce((a, b) => (b.range.start.offset < a.range.start.offset ? b : a));
    const n = directives.length;
    return {
      active: [
        ...messages,
        {
          ruleId: 'unused-disable-directive',
          severity: 'warning',
          message: textIn(
            {
              en: `Inline '${commentName(first)}' comment${n > 1 ? ` (and ${n - 1} other plan-lint comment${n > 2 ? 's' : ''})` : ''} has no effect because 'noInlineConfig' is set in the configuration.`,
              ja: `設定で「noInlineConfig」が指定されているため、コメント「${commentName(first)}」${n > 1 ? `（ほか${n - 1}件のplan-lintコメント）` : ''}は効果がありません。`,
            },
            options.locale,
          ),
          range: first.range,
          url: ruleDocsUrl('unused-disable-directive', options.locale),
        },
      ],
      suppressed: [],
    };
  }

  const engineMessages: LintMessage[] = [];
  const prepared: Prepared[] = [];
  const known = [...options.knownRuleIds].filter((id) => id !== 'parse');
  for (const directive of [...directives].sort((a, b) => a.range.start.offset - b.range.start.offset)) {
    const ids = new Set<string>();
    for (const r of directive.rules) {
      if (options.knownRuleIds.has(r.id)) ids.add(r.id);
      else {
        engineMessages.push({
          ruleId: 'unknown-rule-in-directive',
          severity: 'error',
          message: unknownRuleMessage(r.id, commentName(directive), didYouMean(r.id, known), options.locale),
          range: r.range,
          url: ruleDocsUrl('unknown-rule-in-directive', options.locale),
        });
      }
    }
    prepared.push({ directive, ids, all: directive.rules.length === 0, used: new Set(), usedAll: false });
  }
  const regions = prepared.filter((p) => p.directive.kind === 'disable' || p.directive.kind === 'enable');
  // Line directives by the line they silence (in document order): a lookup per message, not a scan of
  // every directive (thousands of messages on thousands of comments were quadratic).
  const lineDirectives = new Map<number, Prepared[]>();
  for (const p of prepared) {
    const r = p.directive.range;
    const [from, to] =
      p.directive.kind === 'disable-line' ? [r.start.line, r.end.line] : p.directive.kind === 'disable-next-line' ? [r.end.line + 1, r.end.line + 1] : [1, 0];
    for (let line = from; line <= to; line++) {
      const list = lineDirectives.get(line);
      if (list) list.push(p);
      else lineDirectives.set(line, [p]);
    }
  }

  const active: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  for (const message of messages) {
    const by = message.fatal ? undefined : findSuppressor(message, regions, lineDirectives);
    if (by === undefined) {
      active.push(message);
      continue;
    }
    if (by.all) by.usedAll = true;
    else by.used.add(message.ruleId);
    const suppressedBy: NonNullable<LintMessage['suppressed']> = { kind: 'inSource', range: by.directive.range };
    if (by.directive.reason !== undefined && by.directive.reason !== '') suppressedBy.reason = by.directive.reason;
    suppressed.push({ ...message, suppressed: suppressedBy });
  }

  const unusedSeverity = toMessageSeverity(options.reportUnused);
  if (unusedSeverity !== undefined) {
    for (const p of prepared) {
      if (p.directive.kind === 'enable') continue;
      engineMessages.push(...unusedMessages(document.text, p, unusedSeverity, options.locale));
    }
  }
  return { active: [...active, ...engineMessages], suppressed };
}

function findSuppressor(message: LintMessage, regions: Prepared[], lineDirectives: ReadonlyMap<number, Prepared[]>): Prepared | undefined {
  const line = message.range.start.line;
  for (const p of lineDirectives.get(line) ?? []) {
    if (names(p, message.ruleId)) return p;
  }
  // Region state at the message's start.
  let all: Prepared | undefined;
  const reEnabled = new Set<string>();
  const byRule = new Map<string, Prepared>();
  for (const p of regions) {
    if (p.directive.range.start.offset > message.range.start.offset) break;
    if (p.directive.kind === 'disable') {
      if (p.all) {
        all = p;
        reEnabled.clear();
      } else
        for (const id of p.ids) {
          byRule.set(id, p);
          reEnabled.delete(id);
        }
    } else if (p.all) {
      all = undefined;
      reEnabled.clear();
      byRule.clear();
    } else
      for (const id of p.ids) {
        byRule.delete(id);
        if (all) reEnabled.add(id);
      }
  }
  return byRule.get(message.ruleId) ?? (all && !reEnabled.has(message.ruleId) ? all : undefined);
}

function unknownRuleMessage(id: string, comment: string, guess: string | undefined, locale: Locale): string {
  return locale === 'ja'
    ? `コメント「${comment}」のルール「${id}」はありません${guess === undefined ? '' : `。「${guess}」の誤りではありませんか`}`
    : `Unknown rule '${id}' in '${comment}' comment${guess === undefined ? '' : `; did you mean '${guess}'?`}`;
}

function unusedMessages(text: string, p: Prepared, severity: LintMessage['severity'], locale: Locale): LintMessage[] {
  const d = p.directive;
  const url = ruleDocsUrl('unused-disable-directive', locale);
  const t = (en: string, ja: string): string => textIn({ en, ja }, locale);
  const name = commentName(d);
  if (p.all) {
    if (p.usedAll) return [];
    return [
      {
        ruleId: 'unused-disable-directive',
        severity,
        message: t(`Unused '${name}' comment: no problem was reported here; remove it.`, `コメント「${name}」は使われていません（ここでは問題が報告されていません）。削除してください。`),
        range: d.range,
        url,
        fix: { description: t(`Remove the unused '${name}' comment`, `使われていないコメント「${name}」を削除`), edits: [removeComment(text, d.range)] },
        tags: ['unnecessary'],
      },
    ];
  }
  const knownNamed = d.rules.filter((r) => p.ids.has(r.id));
  const unused = knownNamed.filter((r) => !p.used.has(r.id));
  if (unused.length === 0) return [];
  if (unused.length === knownNamed.length && knownNamed.length === d.rules.length) {
    const list = unused.map((r) => `'${r.id}'`).join(', ');
    const listJa = unused.map((r) => `「${r.id}」`).join('、');
    return [
      {
        ruleId: 'unused-disable-directive',
        severity,
        message: t(
          `Unused '${name}' comment: no problem from ${list} was reported here; remove it.`,
          `コメント「${name}」は使われていません（ここでは${listJa}の問題が報告されていません）。削除してください。`,
        ),
        range: d.range,
        url,
        fix: { description: t(`Remove the unused '${name}' comment`, `使われていないコメント「${name}」を削除`), edits: [removeComment(text, d.range)] },
        tags: ['unnecessary'],
      },
    ];
  }
  // Some names are used (or unknown): remove only the unused ones, one message each.
  return unused.map((r) => {
    const edit = removeName(d, r.id);
    const m: LintMessage = {
      ruleId: 'unused-disable-directive',
      severity,
      message: t(
        `Unused '${r.id}' in '${name}' comment: no problem from '${r.id}' was reported here; remove it from the comment.`,
        `コメント「${name}」の「${r.id}」は使われていません（ここでは「${r.id}」の問題が報告されていません）。コメントから削除してください。`,
      ),
      range: r.range,
      url,
      tags: ['unnecessary'],
    };
    if (edit) m.fix = { description: t(`Remove '${r.id}' from the '${name}' comment`, `コメント「${name}」から「${r.id}」を削除`), edits: [edit] };
    return m;
  });
}

function rangeOf(text: string, start: number, end: number): Range {
  return new LineIndex(text).rangeAt(start, end);
}

/** An edit removing a comment: its whole line when it stands alone (and one adjacent blank line), else the comment and the space before it. */
export function removeComment(text: string, range: Range): TextEdit {
  const start = range.start.offset;
  const end = range.end.offset;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd).replace(/\r$/, '');
  if (before.trim() === '' && after.trim() === '') {
    let from = lineStart;
    let to = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    if (to === text.length && from > 0) {
      // Last line without a newline: remove the newline before it instead.
      from = text[from - 2] === '\r' ? from - 2 : from - 1;
    } else {
      const prevBlank = from === 0 || /^\r?\n?$/.test(text.slice(text.lastIndexOf('\n', from - 2) + 1, from));
      const nextEnd = text.indexOf('\n', to);
      const nextLine = text.slice(to, nextEnd === -1 ? text.length : nextEnd + 1);
      if (prevBlank && nextEnd !== -1 && /^\r?\n$/.test(nextLine)) to = nextEnd + 1;
    }
    return { range: rangeOf(text, from, to), text: '' };
  }
  let from = start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  if (before.trim() === '') from = start; // comment at line start followed by text: keep indentation
  let to = end;
  if (before.trim() === '') while (to < lineEnd && (text[to] === ' ' || text[to] === '\t')) to++;
  return { range: rangeOf(text, from, to), text: '' };
}

function removeName(d: Directive, id: string): TextEdit | undefined {
  const list = [...d.rules].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const k = list.findIndex((r) => r.id === id);
  if (k === -1 || list.length < 2) return undefined;
  const cur = list[k];
  const prev = list[k - 1];
  const next = list[k + 1];
  if (!cur) return undefined;
  if (prev) return { range: { start: prev.range.end, end: cur.range.end }, text: '' };
  if (next) return { range: { start: cur.range.start, end: next.range.start }, text: '' };
  return undefined;
}
