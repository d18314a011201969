/**
 * A fast path for the plainest Markdown: the tree remark-parse would build, built without it, for a text that
 * uses only the few constructs a status report is mostly made of. Anything else returns `undefined`, and the
 * caller parses with remark-parse (parse.ts). The chunked parse (safe-parse.ts) asks for each ~1 KB chunk, so a
 * draft with some emphasis or a table here and there still has most of its chunks built here.
 *
 * What it accepts (and nothing more; a text with anything else is not its business):
 * - ATX headings: 1–6 `#`, one space, text not starting with a space nor ending with `#`;
 * - paragraphs: lines whose first non-space character cannot start a block (see `safeStart`), continued by such
 *   lines at any indentation;
 * - bullet lists with `-`: `- ` then a paragraph; items tight or loose; further paragraphs and lists in an item
 *   (indented to its content, up to 3 more spaces); an item's bullet at exactly the column of its list's bullets;
 * - blank lines (empty: a line with trailing spaces or tabs is not accepted anywhere);
 * - YAML front matter: "---" lines around it, at the start of the text;
 * - HTML comments ("<!-- plan-lint-disable ... -->") as blocks of their own: "<!--" at column 0 (so at the top
 *   level: it ends a paragraph or list before it), through the line with "-->".
 * And only text in which no character can start inline markup or needs decoding: no `` ` ``, `*`, `_`, `[`,
 * `]`, `<` unless escaped with a backslash, no backslash at a line end, no `&` that may begin a character
 * reference, no tab or NUL, no CR but in CRLF line endings (other control characters are text to micromark too).
 *
 * Equivalence with remark-parse (node types, fields, their order, positions, values) is what this file is for:
 * tests/fast-parse.test.ts compares it on every fixture, the real report, and thousands of generated texts
 * built from exactly the shapes above plus near misses.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Text, Yaml } from 'mdast';
import { countLineEndings } from './safe-parse.js';
import { withoutBom } from './text.js';

/** Characters that may start inline markup, and tab and NUL (see `hasUnsafeCharacter`). */
const UNSAFE = ['`', '*', '_', '[', ']', '<', '\t', '\u0000'];
/** A backslash escape: a backslash before ASCII punctuation stands for that character. */
const ESCAPE = /\\[!-/:-@[-`{-~]/g;

/**
 * Whether `text` from `from` on has a character that may start inline markup (`` ` ``, `*`, `_`, `[`, `]`, `<`,
 * not escaped), a backslash that makes a hard break (at a line end), or a tab, CR or NUL. (indexOf per character:
 * several times faster than one character-class regex over the text.)
 */
function hasUnsafeCharacter(text: string, from: number): boolean {
  // CR only as part of CRLF.
  for (let i = text.indexOf('\r', from); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 0x0a) return true;
  const backslash = text.indexOf('\\', from);
  if (backslash !== -1) {
    const rest = text.slice(from);
    if (/\\(?:\r?\n|$)/.test(rest)) return true;
    const plain = rest.replace(ESCAPE, '');
    for (const c of UNSAFE) if (plain.indexOf(c) !== -1) return true;
    return false;
  }
  for (const c of UNSAFE) if (text.indexOf(c, from) !== -1) return true;
  return false;
}

/** What may be a character reference ("&amp;", "&#38;"): an "&" otherwise is text ("Q&A"). */
const REFERENCE = /&(?:#|[A-Za-z0-9]+;)/;

interface Point {
  line: number;
  column: number;
  offset: number;
}

const point = (line: number, column: number, offset: number): Point => ({ line, column, offset });

/**
 * Whether the character at `i` (the first non-space character of a line, before `end`) can only start a paragraph
 * line, or continue one: not a heading, quote, list, thematic break, setext underline, fence or HTML start.
 */
function safeStart(text: string, i: number, end: number): boolean {
  if (i >= end) return false;
  const c = text.charCodeAt(i);
  switch (c) {
    case 0x20: // space: more indentation than the caller counted
    case 0x23: // #
    case 0x3e: // >
    case 0x2d: // -
    case 0x2b: // +
    case 0x3d: // =
    case 0x7e: // ~
    case 0x3c: // <
      return false;
    default:
      break;
  }
  if (c >= 0x30 && c <= 0x39) {
    // An ordered list marker: 1–9 digits then "." or ")".
    let j = i;
    while (j < end && j - i < 10 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    const d = text.charCodeAt(j);
    if (j - i <= 9 && (d === 0x2e || d === 0x29)) return false;
  }
  return true;
}

/**
 * YAML front matter at the start of `text` ("---" lines around it, nothing after either fence): its node, the
 * offset after its closing fence's line ending, and the closing fence's line number. `undefined` when the text
 * does not start with "---"; `null` when it does but not in that plain form (the caller declines).
 */
function frontMatter(text: string): { node: Yaml; next: number; lines: number } | undefined | null {
  if (!text.startsWith('---')) return undefined;
  const open = text.startsWith('\r\n', 3) ? 5 : text.charCodeAt(3) === 0x0a ? 4 : -1;
  if (open === -1) return null;
  let lines = 1;
  for (let s = open; s < text.length; ) {
    let e = text.indexOf('\n', s);
    if (e === -1) e = text.length;
    lines++;
    if (text.startsWith('---', s)) {
      // Exactly "---" (then CRLF, LF or the end): "----", "--- x" are left to micromark.
      if (!(e === s + 3 || (e === s + 4 && text.charCodeAt(s + 3) === 0x0d))) return null;
      const valueEnd = s === open ? s : text.charCodeAt(s - 2) === 0x0d ? s - 2 : s - 1;
      const value = text.slice(open, Math.max(open, valueEnd));
      if (value.includes('\u0000') || /\r(?!\n)/.test(value)) return null;
      const node: Yaml = { type: 'yaml', value, position: { start: point(1, 1, 0), end: point(lines, 4, s + 3) } };
      return { node, next: e + 1, lines };
    }
    s = e + 1;
  }
  return null;
}

/**
 * HTML comment blocks from `from` on: "<!--" at the start of a line, through the end of the line that has the
 * "-->" after it (before that line's ending). `null` for a comment this file leaves to micromark: one that is
 * not closed, or the short forms "<!-->" and "<!--->". A "<!--" that does not start a line is not one (the
 * caller's check for "<" then declines the text).
 */
function commentBlocks(text: string, from: number): [number, number][] | null {
  const blocks: [number, number][] = [];
  for (let i = text.indexOf('<!--', from); i !== -1; ) {
    if (i !== from && text.charCodeAt(i - 1) !== 0x0a) {
      i = text.indexOf('<!--', i + 1);
      continue;
    }
    if (text.startsWith('<!-->', i) || text.startsWith('<!--->', i)) return null;
    const close = text.indexOf('-->', i + 4);
    if (close === -1) return null;
    let end = text.indexOf('\n', close + 3);
    if (end === -1) end = text.length;
    if (text.charCodeAt(end - 1) === 0x0d) end--;
    blocks.push([i, end]);
    i = text.indexOf('<!--', end);
  }
  return blocks;
}

/** `text` from `from` on without the `ranges` (sorted, not overlapping). */
function without(text: string, from: number, ranges: readonly [number, number][]): string {
  const parts: string[] = [];
  let at = from;
  for (const [a, b] of ranges) {
    parts.push(text.slice(at, a));
    at = b;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A paragraph being read, and the text node inside it. */
interface OpenParagraph {
  node: Paragraph;
  text: Text;
  /** The lines' text, and the line endings between them ("\n" or "\r\n", kept as they are). */
  parts: string[];
}

/** The root, or an open list item: where blocks go, and the list still open at its end. */
interface Level {
  item: ListItem | undefined;
  children: RootContent[];
  /** Column (0-based) where the item's content starts: 2 past its bullet; 0 for the root. */
  contentColumn: number;
  /** The list that is this level's last child, while it can take more items, and its bullet's column. */
  list: { node: List; marker: number } | undefined;
}

/**
 * The tree remark-parse (with remark-frontmatter) builds for `source`, when it uses only the constructs listed
 * in the file comment; otherwise `undefined`. A leading byte order mark is skipped, as remark-parse does: every
 * position counts from the character after it.
 */
export function fastParse(source: string): Root | undefined {
  const text = withoutBom(source);
  if (text.length === 0) return undefined;
  const children: RootContent[] = [];
  const matter = frontMatter(text);
  if (matter === null) return undefined;
  const bodyStart = matter ? matter.next : 0;
  const comments = text.includes('<!--', bodyStart) ? commentBlocks(text, bodyStart) : [];
  if (comments === null) return undefined;
  // Comments are raw HTML: only the text outside them is checked.
  const checked = comments.length === 0 ? text : without(text, bodyStart, comments);
  const checkFrom = comments.length === 0 ? bodyStart : 0;
  if (hasUnsafeCharacter(checked, checkFrom) || (checked.includes('&', checkFrom) && REFERENCE.test(checked.slice(checkFrom)))) return undefined;
  let nextComment = 0;
  const unescape = text.includes('\\', bodyStart) ? (s: string): string => s.replace(ESCAPE, (m) => m.slice(1)) : (s: string): string => s;

  /** The root and the open list items, outermost first. */
  const levels: Level[] = [{ item: undefined, children, contentColumn: 0, list: undefined }];
  let paragraph: OpenParagraph | undefined;
  /** What the last line was: nothing yet, a blank line, a heading (or front matter), or a paragraph line. */
  let previous: 'start' | 'blank' | 'heading' | 'paragraph' = 'start';
  let lineNumber = 0;
  let s = 0;
  /** The last line's line ending: what joins it to the next line of the same paragraph. */
  let ending = '\n';
  if (matter) {
    children.push(matter.node);
    lineNumber = matter.lines;
    s = matter.next;
    previous = 'heading';
  }

  const top = (): Level => levels[levels.length - 1] as Level;
  const closeParagraph = (): void => {
    if (!paragraph) return;
    paragraph.text.value = paragraph.parts.length === 1 ? (paragraph.parts[0] as string) : paragraph.parts.join('');
    paragraph = undefined;
  };
  /** Closes the items deeper than `depth`. */
  const closeTo = (depth: number): void => {
    levels.length = depth + 1;
  };
  /** Ends the open paragraph, and every open item and list, at `end` on the current line. */
  const extendTo = (end: number): void => {
    const column = end - s + 1;
    if (paragraph) {
      (paragraph.node.position as { end: Point }).end = point(lineNumber, column, end);
      (paragraph.text.position as { end: Point }).end = point(lineNumber, column, end);
    }
    for (let d = 1; d < levels.length; d++) {
      const level = levels[d] as Level;
      (level.item?.position as { end: Point }).end = point(lineNumber, column, end);
      (levels[d - 1]?.list?.node.position as { end: Point }).end = point(lineNumber, column, end);
    }
  };
  /** Opens a paragraph at the deepest level, its first line's text from `from` to `end`. */
  const openParagraph = (from: number, end: number): void => {
    const level = top();
    level.list = undefined;
    const start = point(lineNumber, from - s + 1, from);
    const textNode: Text = { type: 'text', value: '', position: { start, end: point(lineNumber, 1, from) } };
    const node: Paragraph = { type: 'paragraph', children: [textNode], position: { start: { ...start }, end: point(lineNumber, 1, from) } };
    level.children.push(node);
    paragraph = { node, text: textNode, parts: [unescape(text.slice(from, end))] };
    extendTo(end);
  };
  /** Adds an item with its bullet at column `marker` to the list of level `depth` (opening the list), and its paragraph. */
  const openItem = (depth: number, marker: number, end: number): void => {
    closeTo(depth);
    const level = levels[depth] as Level;
    const from = s + marker;
    const item: ListItem = {
      type: 'listItem',
      spread: false,
      checked: null,
      children: [],
      position: { start: point(lineNumber, marker + 1, from), end: point(lineNumber, marker + 1, from) },
    };
    if (!level.list) {
      const node: List = {
        type: 'list',
        ordered: false,
        start: null,
        spread: false,
        children: [],
        position: { start: point(lineNumber, marker + 1, from), end: point(lineNumber, marker + 1, from) },
      };
      level.children.push(node);
      level.list = { node, marker };
    }
    level.list.node.children.push(item);
    levels.push({ item, children: item.children as RootContent[], contentColumn: marker + 2, list: undefined });
    openParagraph(from + 2, end);
  };
  /** The level whose open list has its bullets at column `marker`, or -1. */
  const listAt = (marker: number): number => {
    for (let d = levels.length - 1; d >= 0; d--) if (levels[d]?.list?.marker === marker) return d;
    return -1;
  };
  /** The deepest level whose content a line indented by `indent` belongs to (the root for indentation 0). */
  const levelFor = (indent: number): number => {
    let d = levels.length - 1;
    while (d > 0 && (levels[d] as Level).contentColumn > indent) d--;
    return d;
  };

  while (s <= text.length) {
    let newline = text.indexOf('\n', s);
    const last = newline === -1;
    if (last) newline = text.length;
    if (last && s === newline) break; // the text ends with a line feed: no further line
    lineNumber++;
    // The line's end, before its CRLF or LF.
    const e = newline > s && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;

    const comment = comments[nextComment];
    if (comment && comment[0] === s) {
      // An HTML comment block: a block of its own, through the end of the line with "-->".
      // It may interrupt a paragraph (HTML blocks of this kind can), and at column 0 it ends every list.
      closeParagraph();
      nextComment++;
      closeTo(0);
      (levels[0] as Level).list = undefined;
      const end = comment[1];
      const value = text.slice(s, end);
      const firstLine = lineNumber;
      lineNumber += countLineEndings(value);
      const lastLine = text.lastIndexOf('\n', end - 1) + 1; // where the block's last line starts
      children.push({ type: 'html', value, position: { start: point(firstLine, 1, s), end: point(lineNumber, end - lastLine + 1, end) } });
      previous = 'heading';
      const after = text.indexOf('\n', end);
      s = after === -1 ? text.length + 1 : after + 1;
      continue;
    }

    if (s === e) {
      // A blank line.
      closeParagraph();
      if (previous !== 'start') previous = 'blank';
      ending = text.slice(e, newline + 1);
      s = newline + 1;
      continue;
    }
    if (text.charCodeAt(e - 1) === 0x20) return undefined; // trailing space: hard breaks, trimmed headings
    let indent = 0;
    while (text.charCodeAt(s + indent) === 0x20) indent++;
    const first = s + indent;
    const bullet = text.charCodeAt(first) === 0x2d && text.charCodeAt(first + 1) === 0x20 && safeStart(text, first + 2, e);

    if (previous === 'paragraph') {
      if (bullet) {
        const depth = listAt(indent);
        const here = top();
        closeParagraph();
        if (depth !== -1) {
          openItem(depth, indent, e); // the next item of an open list (tight)
        } else if (levels.length > 1 && indent >= here.contentColumn && indent - here.contentColumn <= 3 && !here.list) {
          openItem(levels.length - 1, indent, e); // a list in the item, interrupting its paragraph
        } else {
          return undefined; // a list interrupting a top-level paragraph, or an indentation left to micromark
        }
      } else if (safeStart(text, first, e)) {
        paragraph?.parts.push(ending, unescape(text.slice(first, e)));
        extendTo(e);
      } else {
        return undefined;
      }
      previous = 'paragraph';
      ending = text.slice(e, newline + 1);
      s = newline + 1;
      continue;
    }

    // The first line of a block.
    if (bullet) {
      const depth = listAt(indent);
      if (depth !== -1) {
        const open = (levels[depth] as Level).list;
        if (open && previous === 'blank') open.node.spread = true; // a blank line between two items
        openItem(depth, indent, e);
      } else {
        const d = levelFor(indent);
        const level = levels[d] as Level;
        if (indent - level.contentColumn > 3 || (d === 0 && indent !== 0)) return undefined;
        closeTo(d);
        if (level.list) return undefined; // a list there already, with its bullets elsewhere: left to micromark
        if (level.item && previous === 'blank') level.item.spread = true;
        openItem(d, indent, e);
      }
    } else if (indent === 0 && text.charCodeAt(s) === 0x23) {
      let depth = 1;
      while (depth < 7 && text.charCodeAt(s + depth) === 0x23) depth++;
      if (depth > 6 || text.charCodeAt(s + depth) !== 0x20) return undefined;
      const from = s + depth + 1;
      // Heading text is inline only: any first character but a space (more than one space is trimmed).
      if (from >= e || text.charCodeAt(from) === 0x20 || text.charCodeAt(e - 1) === 0x23) return undefined;
      closeTo(0);
      (levels[0] as Level).list = undefined;
      const textNode: Text = {
        type: 'text',
        value: unescape(text.slice(from, e)),
        position: { start: point(lineNumber, from - s + 1, from), end: point(lineNumber, e - s + 1, e) },
      };
      const heading: Heading = {
        type: 'heading',
        depth: depth as Heading['depth'],
        children: [textNode],
        position: { start: point(lineNumber, 1, s), end: point(lineNumber, e - s + 1, e) },
      };
      children.push(heading);
      previous = 'heading';
      ending = text.slice(e, newline + 1);
      s = newline + 1;
      continue;
    } else if (safeStart(text, first, e)) {
      const d = levelFor(indent);
      const level = levels[d] as Level;
      if (indent - level.contentColumn > 3 || (d === 0 && indent !== 0)) return undefined;
      closeTo(d);
      if (level.item && previous === 'blank') level.item.spread = true;
      openParagraph(first, e);
    } else {
      return undefined;
    }
    previous = 'paragraph';
    ending = text.slice(e, newline + 1);
    s = newline + 1;
  }
  closeParagraph();
  if (children.length === 0) return undefined;

  // The root ends where the text ends.
  const lastBreak = text.lastIndexOf('\n');
  return {
    type: 'root',
    children,
    position: { start: point(1, 1, 0), end: point(countLineEndings(text) + 1, text.length - lastBreak, text.length) },
  };
}
