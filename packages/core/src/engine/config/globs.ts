/**
 * The config's globs (minimatch, `dot: true`), relative to the config file's folder: a pattern without "/"
 * matches at any depth (`*.draft.md`); a pattern ending in "/" matches everything under that folder; an
 * ignore pattern matching a folder ignores its files.
 */
import path from 'node:path';
import { minimatch } from 'minimatch';
import type { LoadedConfig } from './load.js';

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function normalizePattern(pattern: string): string {
  let p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.endsWith('/')) p += '**';
  if (!p.replace(/\/\*\*$/, '').includes('/') && !p.startsWith('**/')) p = `**/${p}`;
  return p;
}

/** The file's path relative to `dir` in POSIX form, or undefined when it is outside. */
export function relativeTo(dir: string, filePath: string, cwd: string): string | undefined {
  const rel = path.relative(dir, path.resolve(cwd, filePath));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

/** Whether one of the patterns matches `rel` (or, with `folders`, one of the folders it is in). */
export function matchesAny(rel: string, patterns: readonly string[], folders: boolean): boolean {
  const candidates = [rel];
  if (folders) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) candidates.push(parts.slice(0, i).join('/'));
  }
  return patterns.some((p) => {
    const np = normalizePattern(p);
    return candidates.some((c) => minimatch(c, np, { dot: true }));
  });
}

/** Whether the config's `ignores` match the file. */
export function isIgnored(loaded: LoadedConfig, filePath: string, cwd = process.cwd()): boolean {
  const rel = relativeTo(loaded.dir, filePath, cwd);
  return rel !== undefined && matchesAny(rel, loaded.data.ignores ?? [], true);
}
