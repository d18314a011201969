/** Markdown → mdast (CommonMark + YAML front matter). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { limitNesting, MAX_NESTING, parseInChunks } from './safe-parse.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

/** Spans of container markers read as text because they nest deeper than MAX_NESTING. */
export const nestingCuts = new WeakMap<Root, [number, number][]>();

export function parseMarkdown(text: string): Root {
  // Guarded: nesting capped and long drafts parsed in chunks (see safe-parse.ts).
  const cuts: [number, number][] = [];
  const tree = parseInChunks(limitNesting(text, MAX_NESTING, cuts), (chunk) => processor.parse(chunk));
  if (cuts.length > 0) nestingCuts.set(tree, cuts);
  return tree;
}
