/** ConfigError and the wording shared by every configuration message. */
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import type { LineIndex } from '../../positions.js';
import { didYouMean } from '../suggest.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly filePath: string | undefined;
  readonly key: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, details: { filePath?: string; key?: string; line?: number; column?: number } = {}) {
    super(message);
    this.filePath = details.filePath;
    this.key = details.key;
    this.line = details.line;
    this.column = details.column;
  }
}

/** Where a config error is: file label plus optional JSON location (for line/column). */
export interface Where {
  label: string;
  filePath?: string;
  tree?: JsonNode;
  index?: LineIndex;
}

/** Throws a ConfigError at `location` (a JSON path); `keyNode`: point at the property's key, not its value. */
export function fail(where: Where, message: string, location: (string | number)[], keyNode = false): never {
  const details: { filePath?: string; key?: string; line?: number; column?: number } = {};
  if (where.filePath !== undefined) details.filePath = where.filePath;
  if (location.length > 0) details.key = location.map(String).join('.');
  if (where.tree && where.index) {
    let node = findNodeAtLocation(where.tree, location);
    if (node && keyNode && node.parent?.type === 'property') node = node.parent.children?.[0] ?? node;
    if (node) {
      const p = where.index.pointAt(node.offset);
      details.line = p.line;
      details.column = p.column;
    }
  }
  throw new ConfigError(message, details);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}

export function quoteList(items: readonly string[]): string {
  const q = items.map((i) => `"${i}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

export function suggestion(text: string, candidates: Iterable<string>, fallback = ''): string {
  const s = didYouMean(text, candidates);
  return s !== undefined ? `; did you mean '${s}'?` : fallback;
}
