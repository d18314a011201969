/**
 * Guards around the Markdown parser for hostile or very large drafts.
 *
 * micromark (under remark-parse) takes time that grows faster than the input in two
 * cases a drafter's file can hit: very long documents (its event arrays are spliced, so
 * a 5 MB draft took ~40 s) and deeply nested containers (20,000 `>` on one line took
 * ~14 s and then overflowed the stack of every recursive tree walk). Two guards:
 *
 * - Chunking: the text is cut at line starts where a new top-level block certainly
 *   begins (an ATX heading at column 0; after a blank line, any column-0 line that is not a
 *   list item, or, in a very long list, a column-0 bullet item),
 *   outside front matter, fenced code and HTML blocks. Each chunk is parsed on its own
 *   and the positions shifted, so the tree equals the one-piece parse except that a very
 *   long top-level list may be split into consecutive lists. Two things reach across
 *   cuts, so a text that has them is cut only every 16 KB, as before chunks were small:
 *   link reference definitions ("[label]: url" applies to the whole text) and an
 *   unclosed front matter fence (micromark then reads no list anywhere in the text).
 *   Those texts can still differ from the one-piece parse across a 16 KB cut.
 *   Chunks are small (a cut at the first heading after 1 KB): micromark's cost grows
 *   with the length of what it parses in one piece, so small chunks parse faster even
 *   for an ordinary draft (the real report: ~28 ms in 1 KB chunks, ~38 ms in one
 *   piece), and the fast path (fast-parse.ts) leaves to micromark only the chunks it
 *   cannot build, not the whole draft.
 * - Nesting: a container marker (`>`, a list marker) that may take a line deeper than MAX_NESTING
 *   containers is replaced, with the rest of the line's markers, for the parser only, by U+00A0 (same
 *   length, so every offset stays valid): the rest of the line is read as text. markdown-it and
 *   cmark-gfm cap nesting too.
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

const DEFAULT_TARGET = 1024;
/** The target for a text with something that reaches across cuts (see the file comment). */
const WIDE_TARGET = 16 * 1024;
const DEFAULT_LIST_SPLIT = 64 * 1024;
/** A line that may be a link reference definition: "[label]:" with up to 3 spaces of indentation (also in containers). */
const DEFINITION = /^[ \t>*+\-\d.)]*\[(?:[^\]\\\n]|\\.)+\]:/m;
const NBSP = '\u00a0';

const ATX = /^#{1,6}(?:[ \t]|$)/;
const BULLET = /^[-*+][ \t]+\S/;
const THEMATIC = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A list item marker (bullet or ordered) at column 0. */
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
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
  let target = options.targetSize ?? DEFAULT_TARGET;
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
  const opensFrontMatter = /^---[ \t]*\r?\n/.test(text);
  let frontMatterOpen = opensFrontMatter && /\n---[ \t]*\r?(?:\n|$)/.test(text);
  if (target < WIDE_TARGET && ((opensFrontMatter && !frontMatterOpen) || (text.includes(']:') && DEFINITION.test(text)))) {
    target = WIDE_TARGET;
  }
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let line = text.slice(lineStart, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const blank = /^[ \t]*$/.test(line);
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
        // Not before a byte order mark: a parser skips one only at the start of its text, so a chunk must not start with it.
        text.charCodeAt(lineStart) !== 0xfeff &&
        ((size >= target && ATX.test(line)) ||
          // After a blank line, a column-0 line that is not a list item starts a new top-level block.
          // Not "---": a chunk starting with it would be read as (or poisoned by) front matter.
          (size >= target && previousBlank && !blank && !/^[ \t]/.test(line) && !LIST_MARKER.test(line) && !line.startsWith('---')) ||
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
 *
 * How deep a line nests is bounded from above, never underestimated: the markers on it (`>`, list markers; each
 * opens or continues one container) plus the list items it continues by indentation, which are at most one per
 * two columns and at most the containers open before it (`reach`: the deepest line so far). Only a marker can
 * take a line deeper than the lines before it, so a line is cut only at a marker: indentation alone (a
 * continuation line, indented code) is never read as nesting.
 */
export function limitNesting(text: string, maxNesting = MAX_NESTING, cuts?: [number, number][]): string {
  let out: string[] | null = null;
  let last = 0;
  let lineStart = 0;
  let reach = 0;
  // Lines end at LF, CRLF or a lone CR, as micromark reads them (the next CR is looked up again only once passed).
  // (includes first: with `cr` straight from indexOf, V8 ran this loop ~20 times slower on a text without CR.)
  let cr = text.includes('\r') ? text.indexOf('\r') : -1;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    if (cr !== -1 && cr < lineStart) cr = text.indexOf('\r', lineStart);
    if (cr !== -1 && cr < lineEnd) lineEnd = cr;
    // Scan the container prefix: whitespace, '>', list markers.
    let i = lineStart;
    let markers = 0;
    let columns = 0;
    let depth = 0;
    let cutAt = -1;
    while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) {
        columns += c === 0x09 ? 4 : 1;
        i++;
        continue;
      }
      if (c === 0x3e /* > */ || ((c === 0x2d || c === 0x2a || c === 0x2b) && isSpaceOrEnd(text, i + 1, lineEnd))) {
        i++;
      } else if (c >= 0x30 && c <= 0x39) {
        let j = i;
        while (j < lineEnd && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
        const d = text.charCodeAt(j);
        if ((d === 0x2e || d === 0x29) && isSpaceOrEnd(text, j + 1, lineEnd)) i = j + 1;
        else break;
      } else break;
      if (cutAt !== -1) continue;
      markers++;
      depth = markers + Math.min(columns >> 1, reach);
      if (depth > maxNesting) cutAt = i;
    }
    if (depth > reach) reach = depth;
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
  type?: string;
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

interface Point {
  line: number;
  column: number;
  offset?: number;
}

/**
 * Whether every block of a chunk's tree is closed at the chunk's end, so that text after it cannot continue
 * one: a fenced code block without its closing fence, or an HTML block without its end condition, takes in
 * what follows. (The cut finder tracks fences and HTML blocks at the top level only; one that opens inside a
 * list item closes with the item, and its closing fence line may then open a new block the finder did not
 * see. This check catches that.)
 */
export function closedAtEnd(tree: Root, chunk: string): boolean {
  // The last leaf: an open block nested in a list item or quote also runs on over trailing blank lines.
  let last: Positioned | undefined = tree.children[tree.children.length - 1] as Positioned | undefined;
  while (last?.children && last.children.length > 0) last = last.children[last.children.length - 1];
  if (!last || (last.type !== 'code' && last.type !== 'html')) return true;
  const s = last.position?.start.offset;
  const e = last.position?.end.offset;
  if (s === undefined || e === undefined) return false;
  const after = chunk.slice(e);
  if (after.trim() !== '') return true;
  const source = chunk.slice(s, e);
  const nl = source.indexOf('\n');
  const firstLine = nl === -1 ? source : source.slice(0, nl);
  if (last.type === 'code') {
    // (Container prefixes, "> " or indentation, may come first in a nested block.)
    const open = /^[ \t>]*(`{3,}|~{3,})/.exec(firstLine);
    if (!open) return true; // indented code ends at the first line indented less
    if (nl === -1) return false;
    const lastLine = source.slice(source.lastIndexOf('\n') + 1).replace(/\r$/, '');
    const close = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/.exec(lastLine);
    const o = open[1] as string;
    const c = close?.[1];
    return c !== undefined && c[0] === o[0] && c.length >= o.length;
  }
  const kind = HTML_1_5.find(([openRe]) => openRe.test(firstLine));
  if (kind) return kind[1].test(source.slice(firstLine.indexOf('<') + 2));
  // HTML blocks of kinds 6 and 7 end at a blank line: one must follow inside the chunk.
  const first = after.indexOf('\n');
  return first !== -1 && after.indexOf('\n', first + 1) !== -1;
}

/**
 * Parses `text` (already guarded by `limitNesting`) in chunks with `parse`, and joins
 * the trees with positions relative to the whole text. A chunk that ends with a block
 * still open (`closedAtEnd`) is parsed again together with the chunks after it (1, 2,
 * 4, ... more, so the work stays linear).
 */
export function parseInChunks(text: string, parse: (chunk: string) => Root, options: ChunkOptions = {}): Root {
  const cuts = chunkBoundaries(text, options);
  if (cuts.length === 0) return parse(text);
  cuts.push(text.length);
  const children: RootContent[] = [];
  let start = 0;
  let line = 0;
  let end: Point | undefined;
  let k = 0;
  while (k < cuts.length) {
    let merge = 1;
    let cut = cuts[k] as number;
    let chunk = text.slice(start, cut);
    let tree = parse(chunk);
    while (!closedAtEnd(tree, chunk) && cut < text.length) {
      k = Math.min(cuts.length - 1, k + merge);
      merge *= 2;
      cut = cuts[k] as number;
      chunk = text.slice(start, cut);
      tree = parse(chunk);
    }
    shift(tree.children as Positioned[], line, start);
    for (const child of tree.children) children.push(child);
    const e = tree.position?.end;
    if (cut === text.length && e) {
      end = { line: e.line + line, column: e.column, ...(e.offset !== undefined ? { offset: e.offset + start } : {}) };
    }
    line += countLineEndings(chunk);
    start = cut;
    k++;
  }
  return end ? { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } } : { type: 'root', children };
}

/** Line endings as micromark counts them: CRLF, CR or LF. */
export function countLineEndings(s: string): number {
  let n = 0;
  if (s.indexOf('\r') === -1) {
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
    return n;
  }
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
