/**
 * Blocks inside a measure: planned actions, status entries, repeat mentions,
 * with their tags, footnotes and dates. One pass over the measure's nodes.
 */
import type { Nodes, Paragraph, RootContent } from 'mdast';
import type {
  Block,
  BlockKind,
  BlockPart,
  CalendarDate,
  FiscalYearLabel,
  Footnote,
  Point,
  Range,
  RepeatMention,
  Tag,
  TagName,
  TemporalMention,
} from '../types.js';
import type { LineIndex } from '../positions.js';
import type { TagReader } from './tags.js';
import { scanTemporal } from './dates.js';
import { repeatPrefix, type CompiledProfile } from '../profile.js';

export interface BlockContext {
  text: string;
  index: LineIndex;
  tags: TagReader;
  fiscalYear: number | null;
  profile: CompiledProfile;
}

interface Unit {
  start: number;
  end: number;
  type: string;
  listItem: boolean;
  /** A top-level paragraph that is itself a footnote ("\* The word ..."). */
  footnoteOnly: boolean;
  tag: Tag | null;
  repeat: RepeatMention | null;
  footnotes: Footnote[];
  text: string;
}

const INLINE_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

/** Plain text of a node: markup removed, block children joined with "\n". */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html' || node.type === 'yaml' ? '' : node.value;
  }
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if (!('children' in node)) return '';
  // Inline children joined as they are; block children's non-empty texts joined with "\n".
  const children = node.children as Nodes[];
  let out = '';
  if (INLINE_PARENTS.has(node.type)) {
    for (const child of children) out += plainText(child);
    return out;
  }
  let first = true;
  for (const child of children) {
    const part = plainText(child);
    if (part === '') continue;
    out = first ? part : `${out}\n${part}`;
    first = false;
  }
  return out;
}

function offsets(node: { position?: { start: { offset?: number }; end: { offset?: number } } | undefined }): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

const FOOTNOTE_TEXT = /^\s*[*※]\s/;
/** A footnote line lazily continuing a paragraph: "\n\* The word ...". */
const LAZY_FOOTNOTE = /\n[ \t>]*(?:\\\*|※)[ \t]/;

function isFootnoteParagraph(node: Nodes): boolean {
  return node.type === 'paragraph' && FOOTNOTE_TEXT.test(plainText(node));
}

function footnoteOf(ctx: BlockContext, start: number, end: number): Footnote {
  const raw = ctx.text.slice(start, end);
  return { text: raw.replace(/^\s*\\?/, '').replace(/\s+/g, ' ').trim(), range: ctx.index.rangeAt(start, end) };
}

/** The rightmost paragraph (or other text leaf) of a node, skipping footnote paragraphs. */
function lastTextLeaf(node: Nodes): Nodes | null {
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') return node;
  if (node.type === 'code' || node.type === 'html' || node.type === 'thematicBreak') return null;
  if (!('children' in node)) return null;
  const children = node.children as Nodes[];
  for (let k = children.length - 1; k >= 0; k--) {
    const c = children[k] as Nodes;
    if (c.type === 'html') continue;
    if (k > 0 && isFootnoteParagraph(c)) continue;
    const leaf = lastTextLeaf(c);
    if (leaf) return leaf;
  }
  return null;
}

function readRepeat(ctx: BlockContext, para: Paragraph | undefined, tag: Tag | null, end: number): RepeatMention | null {
  if (!para) return null;
  const o = offsets(para);
  if (!o) return null;
  const start = o[0];
  const head = ctx.text.slice(start, Math.min(end, start + 80));
  // The profile's prefix (groups: see schema/profile.schema.json); (?=(x*))\4 keeps it atomic, no quadratic backtracking.
  const m = ctx.profile.repeat.exec(head);
  if (!m) return null;
  const prefixRaw = m[0];
  const sectionStart = start + (m[1] ?? '').length + (m[2] ?? '').length;
  const sectionText = m[3] ?? '';
  const numeral = m[7] ?? '';
  // Between the section number and the numeral there are only spaces, a dash and a bracket.
  const numeralStart = start + prefixRaw.indexOf(numeral, sectionStart - start + sectionText.length);
  const sectionNumber = Number(sectionText.normalize('NFKC'));
  const canonical = prefixRaw === repeatPrefix(ctx.profile.profile, sectionNumber, numeral) && sectionText === String(sectionNumber);
  let dStart = start + prefixRaw.length;
  let dEnd = tag ? tag.range.start.offset : end;
  while (dStart < dEnd && /\s/.test(ctx.text[dStart] ?? '')) dStart++;
  while (dEnd > dStart && /\s/.test(ctx.text[dEnd - 1] ?? '')) dEnd--;
  return {
    prefixRaw,
    prefixRange: ctx.index.rangeAt(start, start + prefixRaw.length),
    canonical,
    sectionNumber,
    sectionRange: ctx.index.rangeAt(sectionStart, sectionStart + sectionText.length),
    numeral,
    numeralRange: ctx.index.rangeAt(numeralStart, numeralStart + numeral.length),
    targetId: `${sectionNumber}-(${numeral.normalize('NFKC')})`,
    description: ctx.text.slice(dStart, dEnd).replace(/\s+/g, ' '),
    descriptionRange: ctx.index.rangeAt(dStart, dEnd),
  };
}

function makeUnit(ctx: BlockContext, node: Nodes, listItem: boolean): Unit | null {
  const o = offsets(node);
  if (!o) return null;
  const [start, end] = o;
  const footnotes: Footnote[] = [];
  let firstPara: Paragraph | undefined;
  if (node.type === 'paragraph') firstPara = node;
  else if ('children' in node && (node.children as Nodes[])[0]?.type === 'paragraph') firstPara = (node.children as Nodes[])[0] as Paragraph;
  if (node.type === 'listItem') {
    node.children.forEach((c, k) => {
      if (k > 0 && isFootnoteParagraph(c)) {
        const co = offsets(c);
        if (co) footnotes.push(footnoteOf(ctx, co[0], co[1]));
      }
    });
  }
  const footnoteOnly = !listItem && node.type === 'paragraph' && isFootnoteParagraph(node);
  let tag: Tag | null = null;
  let contentEnd = end;
  const leaf = footnoteOnly ? null : lastTextLeaf(node);
  const lo = leaf ? offsets(leaf) : null;
  if (lo) {
    let leafEnd = lo[1];
    const src = ctx.text.slice(lo[0], lo[1]);
    // (The footnote marker is rare: look for it before running the regex.)
    const lazy = src.includes('\\*') || src.includes('※') ? LAZY_FOOTNOTE.exec(src) : null;
    if (lazy && lazy.index > 0) {
      const fStart = lo[0] + lazy.index + 1 + (/^[ \t>]*/.exec(src.slice(lazy.index + 1))?.[0].length ?? 0);
      footnotes.push(footnoteOf(ctx, fStart, lo[1]));
      leafEnd = lo[0] + lazy.index;
    }
    tag = ctx.tags.readTag(ctx.text, lo[0], leafEnd, ctx.index);
    contentEnd = leafEnd;
  }
  footnotes.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const repeat = footnoteOnly ? null : readRepeat(ctx, firstPara, tag, contentEnd);
  return {
    start,
    end,
    type: node.type,
    listItem,
    footnoteOnly,
    tag,
    repeat,
    footnotes,
    text: plainText(node),
  };
}

/** Units of a measure (or section preamble), in order: one per paragraph, one per top-level list item. */
export function collectUnits(ctx: BlockContext, nodes: readonly RootContent[], out: Unit[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'list':
        for (const item of node.children) {
          const u = makeUnit(ctx, item, true);
          if (u) out.push(u);
        }
        break;
      case 'html':
      case 'heading':
      case 'thematicBreak':
      case 'yaml':
      case 'definition':
        break;
      default: {
        const u = makeUnit(ctx, node, false);
        if (u) out.push(u);
      }
    }
  }
}

/**
 * The kind of a tagged unit. With a 'list-item' profile, by its shape alone; with 'abbreviation-tag', by its
 * shape and its tag's forms:
 * - a paragraph whose tag has a full name and no `Full name: ABBR` definition is a planned action (a stray
 *   abbreviation in it, "(National Police Agency and MOJ)", is a wrong form that a rule reports);
 * - any other paragraph with abbreviations or a definition ends a status entry written over several paragraphs;
 * - a list item whose tag has an abbreviation or a definition is a status entry, one naming full names only a
 *   planned action (the 2-(ii) shape).
 */
function classify(u: Unit, statusEntry: 'abbreviation-tag' | 'list-item'): BlockKind | null {
  if (u.repeat) return 'repeat-mention';
  if (!u.tag) return null;
  // The profile may tell entries by shape alone: a tagged list item reports, a tagged paragraph plans.
  if (statusEntry === 'list-item') return u.listItem ? 'status-entry' : 'planned-action';
  let fullName = false;
  let abbreviated = false;
  let definition = false;
  for (const n of u.tag.names) {
    if (n.form === 'full-name') fullName = true;
    else if (n.form === 'abbreviation') abbreviated = true;
    else if (n.form === 'definition') definition = true;
  }
  if (definition) return 'status-entry';
  if (!u.listItem && fullName) return 'planned-action';
  return abbreviated ? 'status-entry' : 'planned-action';
}

export type { Unit };

/** Groups units into blocks (see draft-format.md for the shapes). */
export function groupBlocks(ctx: BlockContext, units: readonly Unit[], measureId: string): Block[] {
  const blocks: Block[] = [];
  let pending: Unit[] = [];
  let lastPA: number | null = null;
  let statusSinceLastPA = false;
  let hasPA = false;
  let hasStatus = false;

  const emit = (parts: Unit[], kind: BlockKind, tagged: Unit | null): void => {
    if (parts.length === 0) return;
    const first = parts[0] as Unit;
    const last = parts[parts.length - 1] as Unit;
    const footnotes: Footnote[] = [];
    for (const p of parts) footnotes.push(...p.footnotes);
    const dates: TemporalMention[] = [];
    for (const p of parts) dates.push(...scanTemporal(ctx.text, p.start, p.end, ctx));
    const blockParts: BlockPart[] = parts.map((p) => ({ type: p.type, range: ctx.index.rangeAt(p.start, p.end) }));
    const index = blocks.length;
    const block: Block = {
      kind,
      measureId,
      index,
      range: ctx.index.rangeAt(first.start, last.end),
      parts: blockParts,
      text: parts.map((p) => p.text).join('\n'),
      listItem: first.listItem,
      tag: tagged ? tagged.tag : null,
      footnotes,
      repeat: kind === 'repeat-mention' ? ((tagged ?? first).repeat ?? null) : null,
      dates,
      plannedActionIndex: kind === 'status-entry' || kind === 'repeat-mention' ? lastPA : null,
    };
    blocks.push(block);
    if (kind === 'planned-action') {
      lastPA = index;
      hasPA = true;
      statusSinceLastPA = false;
    } else if (kind === 'status-entry' || kind === 'repeat-mention') {
      statusSinceLastPA = true;
      hasStatus = true;
    }
  };

  /** Untagged list items (each with the paragraphs that follow it) become untagged status entries. */
  const emitListGroups = (list: Unit[]): void => {
    let group: Unit[] = [];
    for (const u of list) {
      if (u.listItem && group.length > 0) {
        emit(group, 'status-entry', null);
        group = [];
      }
      group.push(u);
    }
    if (group.length > 0) emit(group, 'status-entry', null);
  };

  for (const u of units) {
    if (u.footnoteOnly) {
      const fn = footnoteOf(ctx, u.start, u.end);
      const host = pending[pending.length - 1];
      if (host) host.footnotes.push(fn);
      else if (blocks.length > 0) (blocks[blocks.length - 1] as Block).footnotes.push(fn);
      else pending.push({ ...u, footnoteOnly: false });
      continue;
    }
    const kind = classify(u, ctx.profile.profile.blocks.statusEntry);
    if (kind === null) {
      pending.push(u);
      continue;
    }
    if (kind === 'planned-action') {
      if (statusSinceLastPA) {
        // Among status entries: untagged list items stay status entries; prose from the first paragraph on opens the action.
        const k = pending.findIndex((p) => !p.listItem);
        const before = k === -1 ? pending : pending.slice(0, k);
        const after = k === -1 ? [] : pending.slice(k);
        emitListGroups(before);
        emit([...after, u], 'planned-action', u);
      } else {
        emit([...pending, u], 'planned-action', u);
      }
      pending = [];
      continue;
    }
    // A status entry or a repeat mention.
    if (pending.length > 0) {
      const firstItem = pending.findIndex((p) => p.listItem);
      const leading = firstItem === -1 ? pending : pending.slice(0, firstItem);
      const rest = firstItem === -1 ? [] : pending.slice(firstItem);
      let carry: Unit[] = [];
      if (leading.length > 0) {
        if (!hasPA && !hasStatus) emit(leading, 'planned-action', null);
        else if (!u.listItem && rest.length === 0) carry = leading; // a status entry written over several paragraphs
        else emit(leading, 'text', null);
      }
      if (rest.length > 0) {
        if (!u.listItem) {
          // The tag closes a paragraph that continues the last untagged list item.
          let lastItem = rest.length - 1;
          while (lastItem > 0 && !(rest[lastItem] as Unit).listItem) lastItem--;
          emitListGroups(rest.slice(0, lastItem));
          carry = rest.slice(lastItem);
        } else {
          emitListGroups(rest);
        }
      }
      pending = [];
      emit([...carry, u], kind, u);
    } else {
      emit([u], kind, u);
    }
  }
  if (pending.length > 0) {
    if (!hasPA && !hasStatus) emit(pending, 'planned-action', null);
    else {
      const firstItem = pending.findIndex((p) => p.listItem);
      const leading = firstItem === -1 ? pending : pending.slice(0, firstItem);
      if (leading.length > 0) emit(leading, 'text', null);
      if (firstItem !== -1) emitListGroups(pending.slice(firstItem));
    }
  }
  return blocks;
}

export function rangeOfBlocks(blocks: readonly Block[]): Range | null {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  return first && last ? { start: first.range.start, end: last.range.end } : null;
}
