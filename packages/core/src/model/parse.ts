/** Markdown → mdast (CommonMark + YAML front matter). */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { limitNesting, parseInChunks } from './safe-parse.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

export function parseMarkdown(text: string): Root {
  // Guarded: nesting capped and long drafts parsed in chunks (see safe-parse.ts).
  return parseInChunks(limitNesting(text), (chunk) => processor.parse(chunk));
}
