/**
 * Guards around the Markdown parser for hostile or very large drafts.
 *
 * micromark (under remark-parse) takes time that grows faster than the input in two
 * cases a drafter's file can hit: very long documents (its event arrays are spliced, so
 * a 5 MB draft took ~40 s) and deeply nested containers (20,000 `>` on one line took
 * ~14 s and then overflowed the stack of every recursive tree walk). Two guards:
 *
 * - Chunking: the text is cut at line starts where a new top-level block certainly
 *   begins (an ATX heading at column 0, or after a blank line a column-0 bullet item),
 *   outside front matter, fenced code and HTML blocks. Each chunk is parsed on its own
 *   and the positions shifted, so the tree equals the one-piece parse except that a very
 *   long top-level list may be split into consecutive lists.
 * - Nesting: container markers (`>`, list markers, indentation) beyond MAX_NESTING on one
 *   line (MAX_NESTING) are replaced, for the parser only, by U+00A0 (same length, so every offset
 *   stays valid): the rest of the line is read as text. markdown-it and cmark-gfm cap nesting too.
 */
import type { Root, RootContent } from 'mdast';

/** Deepest container nesting read as Markdown structure (markdown-it caps nesting at 20 in CommonMark mode, cmark-gfm lists at 100; the real report nests 3 deep). */
export const MAX_NESTING = 32;

export interface ChunkOptions {
  /** Cut at a heading once the current chunk has at least this many characters. */
  targetSize?: number;
  /** Cut between top-level list items only once the chunk has at least this many characters. */
  listSplitSize?: number;
}

const DEFAULT_TARGET = 16 * 1024;
const DEFAULT_LIST_SPLIT = 64 * 1024;
const NBSP = '\u00a0';

const ATX = /^#{1,6}(?:[ \t]|$)/;
const BULLET = /^[-*+][ \t]+\S/;
const THEMATIC = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
const HTML_1_5: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const HTML_6_7 = /^ {0,3}<\/?[A-Za-z]/;

/**
 * Offsets (line starts) where the text may be cut without changing how either side
 * parses. Conservative: a line it cannot judge is never a cut.
 */
export function chunkBoundaries(text: string, options: ChunkOptions = {}): number[] {
  const target = options.targetSize ?? DEFAULT_TARGET;
  const listSplit = options.listSplitSize ?? DEFAULT_LIST_SPLIT;
  const cuts: number[] = [];
  let chunkStart = 0;
  let fence: { char: string; length: number } | null = null;
  let htmlEnd: RegExp | null = null;
  let htmlUntilBlank = false;
  let previousBlank = true;
  let lineStart = 0;
  let first = true;
  // Front matter: no cut before its closing fence.
  let frontMatterOpen = /^---[ \t]*\r?\n/.test(text) && /\n---[ \t]*\r?(?:\n|$)/.test(text);
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let line = text.slice(lineStart, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const blank = line.trim() === '';
    if (frontMatterOpen) {
      if (!first && /^---[ \t]*$/.test(line)) frontMatterOpen = false;
    } else if (fence) {
      const m = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))[ \t]*$/.exec(line);
      if (m && (m[1] as string)[0] === fence.char && (m[1] as string).length >= fence.length) fence = null;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else if (htmlUntilBlank) {
      if (blank) htmlUntilBlank = false;
    } else {
      const size = lineStart - chunkStart;
      const cut =
        lineStart > 0 &&
        ((size >= target && ATX.test(line)) ||
          (size >= listSplit && previousBlank && BULLET.test(line) && !THEMATIC.test(line)));
      if (cut) {
        cuts.push(lineStart);
        chunkStart = lineStart;
      }
      const f = FENCE_OPEN.exec(line);
      if (f && !((f[1] as string)[0] === '`' && (f[2] as string).includes('`'))) {
        fence = { char: (f[1] as string)[0] as string, length: (f[1] as string).length };
      } else if (line.includes('<')) {
        const opener = HTML_1_5.find(([open]) => open.test(line));
        if (opener) {
          const rest = line.slice(line.indexOf('<') + 2);
          if (!opener[1].test(rest)) htmlEnd = opener[1];
        } else if (HTML_6_7.test(line)) {
          htmlUntilBlank = true;
        }
      }
    }
    previousBlank = blank;
    first = false;
    lineStart = lineEnd + 1;
  }
  return cuts;
}

/**
 * The text with container markers beyond `maxNesting` per line replaced by U+00A0
 * (same length). Returns the text itself when no line nests that deep. The replaced
 * spans are added to `cuts` when given.
 */
export function limitNesting(text: string, maxNesting = MAX_NESTING, cuts?: [number, number][]): string {
  let out: string[] | null = null;
  let last = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    // Scan the container prefix: whitespace, '>', list markers.
    let i = lineStart;
    let depth = 0;
    let columns = 0;
    let cutAt = -1;
    while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) {
        columns += c === 0x09 ? 4 : 1;
        i++;
      } else if (c === 0x3e /* > */) {
        depth++;
        i++;
      } else if ((c === 0x2d || c === 0x2a || c === 0x2b) && isSpaceOrEnd(text, i + 1, lineEnd)) {
        depth++;
        i++;
      } else if (c >= 0x30 && c <= 0x39) {
        let j = i;
        while (j < lineEnd && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
        const d = text.charCodeAt(j);
        if ((d === 0x2e || d === 0x29) && isSpaceOrEnd(text, j + 1, lineEnd)) {
          depth++;
          i = j + 1;
        } else break;
      } else break;
      // Every two columns of indentation can hold one more level of list nesting.
      if (cutAt === -1 && depth + (columns >> 1) > maxNesting) cutAt = i;
    }
    if (cutAt !== -1) {
      out ??= [];
      out.push(text.slice(last, cutAt), NBSP.repeat(i - cutAt));
      cuts?.push([cutAt, i]);
      last = i;
    }
    lineStart = lineEnd + 1;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

function isSpaceOrEnd(text: string, i: number, lineEnd: number): boolean {
  if (i >= lineEnd) return true;
  const c = text.charCodeAt(i);
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

interface Positioned {
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
  children?: Positioned[];
}

/** Shifts every position in the tree (iteratively: trees may be deep). */
function shift(nodes: Positioned[], lines: number, offset: number): void {
  const stack: Positioned[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Positioned;
    const p = node.position;
    if (p) {
      p.start.line += lines;
      p.end.line += lines;
      if (p.start.offset !== undefined) p.start.offset += offset;
      if (p.end.offset !== undefined) p.end.offset += offset;
    }
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

/**
 * Parses `text` (already guarded by `limitNesting`) in chunks with `parse`, and joins
 * the trees with positions relative to the whole text.
 */
export function parseInChunks(text: string, parse: (chunk: string) => Root, options: ChunkOptions = {}): Root {
  const cuts = chunkBoundaries(text, options);
  if (cuts.length === 0) return parse(text);
  const children: RootContent[] = [];
  let start = 0;
  let line = 0;
  let root: Root = { type: 'root', children };
  for (const end of [...cuts, text.length]) {
    const chunk = text.slice(start, end);
    const tree = parse(chunk);
    shift(tree.children as Positioned[], line, start);
    for (const child of tree.children) children.push(child);
    if (end === text.length && tree.position) {
      shift([{ position: tree.position }], line, start);
      root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: tree.position.end } };
    }
    line += countLineEndings(chunk);
    start = end;
  }
  return root;
}

/** Line endings as micromark counts them: CRLF, CR or LF. */
function countLineEndings(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d) {
      n++;
      if (s.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return n;
}
