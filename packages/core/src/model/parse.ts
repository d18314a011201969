/** Markdown → mdast (CommonMark + YAML front matter). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { limitNesting, MAX_NESTING, parseInChunks } from './safe-parse.js';
import { limitInlineMarkup } from './inline-guard.js';
import { fastParse } from './fast-parse.js';
import { withoutBom } from './text.js';

/** remark-parse with front matter, made on first use: a draft the fast path reads whole never needs it. */
let processor: ReturnType<typeof makeProcessor> | undefined;
function makeProcessor() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
}
const remark = (chunk: string): Root => (processor ??= makeProcessor()).parse(chunk);

/**
 * One chunk's tree: built directly for the plainest Markdown (fast-parse.ts: the same tree, far
 * faster), else by remark-parse. PLAN_LINT_FAST_PARSE=0 turns the fast path off (to compare, or to rule it out).
 */
const parseChunkText =
  typeof process !== 'undefined' && process.env['PLAN_LINT_FAST_PARSE'] === '0'
    ? remark
    : (chunk: string): Root => fastParse(chunk) ?? remark(chunk);

/** Spans of container markers read as text because they nest deeper than MAX_NESTING. */
export const nestingCuts = new WeakMap<Root, [number, number][]>();

/**
 * The tree of `text`.
 *
 * A leading byte order mark is not part of the text: remark-parse skips it and counts every position from the
 * character after it, so this parse does too (the chunks after the first are placed from there, and front
 * matter after a BOM is front matter).
 */
export function parseMarkdown(text: string): Root {
  const body = withoutBom(text);
  // Guarded: nesting capped and long drafts parsed in chunks (see safe-parse.ts).
  const cuts: [number, number][] = [];
  const tree = parseInChunks(limitInlineMarkup(limitNesting(body, MAX_NESTING, cuts)), parseChunkText);
  if (cuts.length > 0) nestingCuts.set(tree, cuts);
  return tree;
}
