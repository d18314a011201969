/**
 * Applying fixes. Offsets in messages refer to the text without its byte order mark
 * (as `PlanDocument.text`); `applyFixes` accepts the text with or without it and
 * keeps it.
 */
import type { Fix, LintMessage, TextEdit } from '../types.js';

const BOM = '\uFEFF';

export interface ApplyFixesResult {
  output: string;
  /** The messages whose fix was applied, in the order applied. */
  applied: LintMessage[];
}

/** "\r\n" when most line breaks of the text are CRLF, else "\n". */
export function dominantEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

interface Span {
  start: number;
  end: number;
  text: string;
}

function spansOf(fix: Fix | undefined, length: number): Span[] | undefined {
  if (!fix || !Array.isArray(fix.edits) || fix.edits.length === 0) return undefined;
  const spans: Span[] = [];
  for (const edit of fix.edits as TextEdit[]) {
    const start = edit?.range?.start?.offset;
    const end = edit?.range?.end?.offset;
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof edit.text !== 'string') return undefined;
    if ((start as number) < 0 || (end as number) < (start as number) || (end as number) > length) return undefined;
    spans.push({ start: start as number, end: end as number, text: edit.text });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (overlaps(spans[i - 1] as Span, spans[i] as Span)) return undefined; // a fix that conflicts with itself
  }
  return spans;
}

/** Two edits conflict when they overlap, or are both insertions at the same place (order would be ambiguous). */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Applies the fixes of `messages` that do not overlap: fixes are taken in order of their
 * first edit; one whose edits overlap an edit already taken is skipped (a later pass of
 * `lintAndFix` can apply it). A fix's edits are applied all together or not at all.
 * Line breaks in inserted text follow the text's dominant line ending.
 */
export function applyFixes(text: string, messages: readonly LintMessage[]): ApplyFixesResult {
  const hasBom = text.startsWith(BOM);
  const body = hasBom ? text.slice(1) : text;
  const eol = dominantEol(body);
  const candidates: { message: LintMessage; spans: Span[] }[] = [];
  for (const message of messages) {
    const spans = spansOf(message?.fix, body.length);
    if (spans) candidates.push({ message, spans });
  }
  candidates.sort((a, b) => {
    const x = a.spans[0] as Span;
    const y = b.spans[0] as Span;
    return x.start - y.start || x.end - y.end;
  });
  const taken: Span[] = [];
  const applied: LintMessage[] = [];
  for (const c of candidates) {
    if (c.spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
    taken.push(...c.spans);
    applied.push(c.message);
  }
  if (applied.length === 0) return { output: text, applied };
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let output = body;
  for (const s of taken) {
    const insert = eol === '\r\n' ? s.text.replace(/\r?\n/g, '\r\n') : s.text;
    output = output.slice(0, s.start) + insert + output.slice(s.end);
  }
  return { output: hasBom ? BOM + output : output, applied };
}
