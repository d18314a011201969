// Scaled copies of a status report, for the benchmark (scripts/bench.mjs) only.
//
// A report is split into its head (front matter, abbreviation legend, anything before the first numbered
// section) and its body (from the first "## 1." heading to the end). N copies concatenated keep one head and
// repeat the body N times; copy k (0-based) has its section numbers moved up by k × (sections per copy), and
// its repeat mentions ("Repeat mention 1 - (ii): ...") moved up the same way, so each copy's sections continue
// the sequence and each repeat mention points into its own copy. The result is a valid draft with N times the
// sections and measures of the original.

/** A section heading: "## 1. Title" (any heading depth, optional spaces). Captures: prefix, number, rest. */
const SECTION_HEADING = /^(#{1,6}[ \t]+)(\d+)(\.[^\n]*)$/gm;
/** A repeat-mention prefix: "Repeat mention 1 - (ii)" with hyphen or en dash. Captures: prefix, number, rest. */
const REPEAT_MENTION = /(Repeat mention[ \t]+)(\d+)([ \t]*[-\u2013][ \t]*\()/g;
/** The `title:` line of the front matter. */
const TITLE_LINE = /^(title:[ \t]*)(.*)$/m;

/**
 * Splits a report into head and body at its first numbered section heading.
 * @param {string} text
 * @returns {{ head: string, body: string, sections: number }}
 */
export function splitReport(text) {
  SECTION_HEADING.lastIndex = 0;
  const first = SECTION_HEADING.exec(text);
  if (!first) throw new Error('the report has no numbered section heading ("## 1. ...")');
  const head = text.slice(0, first.index);
  let body = text.slice(first.index);
  if (!body.endsWith('\n')) body += '\n';
  const numbers = [...body.matchAll(SECTION_HEADING)].map((m) => Number(m[2]));
  const sections = numbers.length === 0 ? 0 : Math.max(...numbers);
  return { head, body, sections };
}

/**
 * The body with every section number and repeat-mention target moved up by `offset`.
 * @param {string} body
 * @param {number} offset
 */
export function renumberBody(body, offset) {
  if (offset === 0) return body;
  return body
    .replace(SECTION_HEADING, (_m, pre, n, rest) => `${pre}${Number(n) + offset}${rest}`)
    .replace(REPEAT_MENTION, (_m, pre, n, rest) => `${pre}${Number(n) + offset}${rest}`);
}

/**
 * One file holding `copies` copies of the report, numbered continuously.
 * @param {string} text the report
 * @param {number} copies ≥ 1
 */
export function concatenatedReport(text, copies) {
  if (!Number.isInteger(copies) || copies < 1) throw new Error(`copies must be a positive integer, not ${copies}`);
  const { head, body, sections } = splitReport(text);
  const parts = [head];
  for (let k = 0; k < copies; k++) {
    if (k > 0) parts.push('\n');
    parts.push(renumberBody(body, k * sections));
  }
  return parts.join('');
}

/**
 * A standalone copy of the report for a set of separate files: numbered 1..S like the original (each file is a
 * valid report on its own), its title marked "copy k of n" so that no two files have the same text.
 * @param {string} text
 * @param {number} k 1-based
 * @param {number} n
 */
export function reportCopy(text, k, n) {
  if (TITLE_LINE.test(text)) return text.replace(TITLE_LINE, (_m, pre, title) => `${pre}${title} (copy ${k} of ${n})`);
  return `<!-- copy ${k} of ${n} -->\n${text}`;
}
