/**
 * Guard against inline markup floods. micromark resolves emphasis delimiters and link
 * brackets of one paragraph in time that grows with the square of their number: one
 * 280 KB line of `*a _b [c](d \`e` took 32 s, 1.1 MB nine minutes. A run of non-blank
 * lines (a paragraph, or a tight list) holding more than MAX_INLINE_MARKUP such
 * characters is not prose a drafter wrote; in it, for the parser only, they are replaced
 * by U+00A0 (same length, so every offset stays valid): the run's text is read without
 * emphasis or links. The real report's busiest run has a handful.
 */

/** Emphasis and link delimiters a run of non-blank lines may hold before it is read as plain text. */
export const MAX_INLINE_MARKUP = 1000;

const NBSP = '\u00a0';
/** The delimiters micromark pairs up quadratically: emphasis, link brackets, code spans. */
const DELIMITERS = /[*_[\]`]/g;

function isDelimiter(c: number): boolean {
  return c === 0x2a || c === 0x5f || c === 0x5b || c === 0x5d || c === 0x60;
}

const DELIMITER_CHARACTERS = ['*', '_', '[', ']', '`'];

/** How many emphasis and link delimiters `text` has, counting no further than just past `max`. */
function countUpTo(text: string, max: number): number {
  let n = 0;
  for (const d of DELIMITER_CHARACTERS) {
    for (let i = text.indexOf(d); i !== -1; i = text.indexOf(d, i + 1)) if (++n > max) return n;
  }
  return n;
}

/** End of a line's container prefix: indentation, '>' and list markers (kept: the structure stays). */
function prefixEnd(text: string, i: number, lineEnd: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x3e) i++;
    else if ((c === 0x2d || c === 0x2a || c === 0x2b) && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)) i++;
    else return i;
    if (i >= lineEnd) return i;
  }
}

/**
 * The text with the emphasis and link delimiters of over-busy runs of lines replaced by
 * U+00A0 (same length; container prefixes such as list bullets are kept); the text
 * itself when there is none. A run is a stretch of non-blank lines (an ATX heading line
 * is a run of its own). The replaced runs are added to `spans`.
 */
export function limitInlineMarkup(text: string, max = MAX_INLINE_MARKUP, spans?: [number, number][]): string {
  // No run can hold more delimiters than the whole text: most texts are done after a few indexOf scans.
  if (countUpTo(text, max) <= max) return text;
  let out: string[] | null = null;
  let last = 0;
  let runStart = -1;
  let count = 0;
  const flush = (runEnd: number): void => {
    if (runStart !== -1 && count > max) {
      out ??= [];
      out.push(text.slice(last, runStart));
      // Line by line, keeping each line's container prefix.
      for (let a = runStart; a < runEnd; ) {
        let b = text.indexOf('\n', a);
        if (b === -1 || b > runEnd) b = runEnd;
        const p = prefixEnd(text, a, b);
        out.push(text.slice(a, p), text.slice(p, b).replace(DELIMITERS, NBSP));
        if (b < runEnd) out.push('\n');
        a = b + 1;
      }
      last = runEnd;
      spans?.push([runStart, runEnd]);
    }
    runStart = -1;
    count = 0;
  };
  let lineStart = 0;
  for (;;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let blank = true;
    for (let i = lineStart; i < lineEnd && blank; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) blank = false;
    }
    const heading = text.charCodeAt(lineStart) === 0x23; // '#'
    if (blank || heading) flush(lineStart);
    if (!blank) {
      if (runStart === -1) runStart = lineStart;
      for (let i = prefixEnd(text, lineStart, lineEnd); i < lineEnd; i++) if (isDelimiter(text.charCodeAt(i))) count++;
      if (heading) flush(lineEnd);
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  flush(text.length);
  if (!out) return text;
  (out as string[]).push(text.slice(last));
  return (out as string[]).join('');
}
