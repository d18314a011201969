import { promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { UsageError } from './args.js';

export interface DiscoveryOptions {
  cwd: string;
  /** Whether a path is ignored (ignore files, config ignores, node_modules, .git). */
  isIgnored(absolute: string, isDirectory: boolean): boolean;
  errorOnUnmatchedPattern: boolean;
}

export interface Discovery {
  /** Absolute paths, deduplicated, in a deterministic order. */
  files: string[];
  /** Notes for stderr (an explicitly named file that is ignored). */
  warnings: string[];
}

const MAGIC = /[*?[\]{}]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** What a directory contributes: its Markdown files (`.md`, `.markdown`). */
function isMarkdown(name: string): boolean {
  return /\.(?:md|markdown)$/i.test(name);
}

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(p);
  } catch {
    return undefined;
  }
}

/** Every file below `dir` (recursively, sorted), skipping ignored directories. */
async function walk(
  dir: string,
  accept: (absolute: string) => boolean,
  isIgnored: DiscoveryOptions['isIgnored'],
  seen: { all: number; ignored: number },
  out: string[],
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read directory '${dir}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const stats = await statOrUndefined(absolute);
      // Follow links to files; do not follow links to directories (avoids cycles).
      isFile = stats?.isFile() ?? false;
      isDirectory = false;
    }
    if (isDirectory) {
      if (isIgnored(absolute, true)) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') seen.ignored++;
        continue;
      }
      await walk(absolute, accept, isIgnored, seen, out);
    } else if (isFile && accept(absolute)) {
      seen.all++;
      if (isIgnored(absolute, false)) {
        seen.ignored++;
        continue;
      }
      out.push(absolute);
    }
  }
}

/** The leading path segments of a glob that contain no magic ("docs/**\/*.md" → "docs"). */
export function globBase(pattern: string): string {
  const segments = toPosix(pattern).split('/');
  const base: string[] = [];
  for (const segment of segments) {
    if (MAGIC.test(segment)) break;
    base.push(segment);
  }
  if (base.length === segments.length) base.pop();
  const joined = base.join('/');
  return joined === '' ? (pattern.startsWith('/') ? '/' : '.') : joined;
}

/**
 * Expand files, directories (their **\/*.md and **\/*.markdown) and globs into the files to lint.
 * Throws UsageError for a path that does not exist or a pattern that matches nothing
 * (unless errorOnUnmatchedPattern is false).
 */
export async function discoverFiles(patterns: readonly string[], options: DiscoveryOptions): Promise<Discovery> {
  const { cwd, isIgnored } = options;
  const found = new Set<string>();
  const warnings: string[] = [];
  const unmatched = (message: string): void => {
    if (options.errorOnUnmatchedPattern) throw new UsageError(message);
  };

  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stats = await statOrUndefined(absolute);
    if (stats?.isFile()) {
      if (isIgnored(absolute, false)) {
        warnings.push(`'${pattern}' is ignored (by .plan-lintignore, the config's "ignores", or because it is in node_modules/.git); use --no-ignore to lint it.`);
        continue;
      }
      found.add(absolute);
      continue;
    }
    if (stats?.isDirectory()) {
      const out: string[] = [];
      const seen = { all: 0, ignored: 0 };
      if (isIgnored(absolute, true)) {
        unmatched(`All files in '${pattern}' are ignored; use --no-ignore to lint them.`);
        continue;
      }
      await walk(absolute, (f) => isMarkdown(f), isIgnored, seen, out);
      if (out.length === 0) {
        unmatched(
          seen.ignored > 0
            ? `All Markdown files in '${pattern}' are ignored; use --no-ignore to lint them.`
            : `No Markdown (*.md, *.markdown) files found in '${pattern}'.`,
        );
      }
      out.forEach((f) => found.add(f));
      continue;
    }
    if (!isGlob(pattern)) {
      unmatched(`No such file or directory: '${pattern}'.`);
      continue;
    }
    const base = path.resolve(cwd, globBase(pattern));
    const baseStats = await statOrUndefined(base);
    const out: string[] = [];
    const seen = { all: 0, ignored: 0 };
    if (baseStats?.isDirectory()) {
      const absolutePattern = path.isAbsolute(pattern);
      const normalizedPattern = toPosix(pattern).replace(/^\.\//, '');
      const matches = (file: string): boolean => {
        const candidate = absolutePattern ? toPosix(file) : toPosix(path.relative(cwd, file));
        return minimatch(candidate, normalizedPattern, { dot: false });
      };
      await walk(base, matches, isIgnored, seen, out);
    }
    if (out.length === 0) {
      unmatched(
        seen.all > 0
          ? `All files matched by '${pattern}' are ignored; use --no-ignore to lint them.`
          : `No files matching the pattern '${pattern}' were found.`,
      );
    }
    out.forEach((f) => found.add(f));
  }

  const files = [...found].sort((a, b) => {
    const pa = toPosix(a);
    const pb = toPosix(b);
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  return { files, warnings };
}
