import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';

/** One gitignore-style pattern, anchored at the directory that declared it. */
interface IgnoreRule {
  base: string;
  pattern: string;
  negated: boolean;
  directoryOnly: boolean;
  source: string;
}

export const IGNORE_FILE = '.plan-lintignore';

/** Directories that are never linted. */
const ALWAYS_IGNORED = new Set(['node_modules', '.git']);

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Parse gitignore-like lines into rules relative to `base`. */
export function parseIgnorePatterns(lines: readonly string[], base: string, source: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let raw of lines) {
    raw = raw.replace(/\r$/, '');
    // Trailing spaces are ignored unless escaped with a backslash.
    raw = raw.replace(/(?<!\\)\s+$/, '').replace(/\\ $/, ' ');
    if (raw === '' || raw.startsWith('#')) continue;
    let negated = false;
    if (raw.startsWith('!')) {
      negated = true;
      raw = raw.slice(1);
    } else if (raw.startsWith('\\!') || raw.startsWith('\\#')) {
      raw = raw.slice(1);
    }
    let directoryOnly = false;
    if (raw.endsWith('/')) {
      directoryOnly = true;
      raw = raw.replace(/\/+$/, '');
    }
    if (raw === '') continue;
    // A slash at the start or in the middle anchors the pattern to `base`; otherwise it matches at any depth.
    const anchored = raw.includes('/');
    raw = raw.replace(/^\/+/, '');
    const pattern = anchored || raw.startsWith('**') ? raw : `**/${raw}`;
    rules.push({ base, pattern, negated, directoryOnly, source });
  }
  return rules;
}

/**
 * Decides which paths are ignored: `.plan-lintignore` files (gitignore syntax) in the current
 * directory and its ancestors, extra patterns (the config's `ignores`), and node_modules/.git always.
 */
export class IgnoreMatcher {
  private readonly rules: IgnoreRule[] = [];

  constructor(
    readonly cwd: string,
    readonly enabled = true,
  ) {}

  private readonly loadedDirs = new Set<string>();
  private discovering = false;

  /**
   * A matcher that reads `.plan-lintignore` from the current directory, every directory above it,
   * and every directory between them and a checked path (like nested .gitignore files).
   */
  static discover(cwd: string, enabled: boolean): IgnoreMatcher {
    const matcher = new IgnoreMatcher(path.resolve(cwd), enabled);
    if (!enabled) return matcher;
    matcher.discovering = true;
    matcher.ensureAncestorsLoaded(path.join(path.resolve(cwd), IGNORE_FILE));
    return matcher;
  }

  /** Load the ignore files of every directory from the root down to the parent of `absolute`. */
  private ensureAncestorsLoaded(absolute: string): void {
    const dirs: string[] = [];
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      if (this.loadedDirs.has(dir)) break;
      dirs.push(dir);
      if (path.dirname(dir) === dir) break;
    }
    for (const dir of dirs.reverse()) {
      this.loadedDirs.add(dir);
      const file = path.join(dir, IGNORE_FILE);
      try {
        if (existsSync(file) && statSync(file).isFile()) this.addFile(file);
      } catch {
        // An unreadable ignore file of an unrelated directory is skipped.
      }
    }
  }

  addFile(file: string): void {
    const text = readFileSync(file, 'utf8');
    this.rules.push(...parseIgnorePatterns(text.split('\n'), path.dirname(path.resolve(file)), file));
  }

  /** Add patterns (e.g. the config's `ignores`) relative to `base`. */
  addPatterns(patterns: readonly string[], base: string, source: string): void {
    this.rules.push(...parseIgnorePatterns(patterns, path.resolve(base), source));
  }

  private matchOne(absolute: string, isDirectory: boolean): boolean | undefined {
    let verdict: boolean | undefined;
    for (const rule of this.rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      const relative = path.relative(rule.base, absolute);
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (minimatch(toPosix(relative), rule.pattern, { dot: true })) verdict = !rule.negated;
    }
    return verdict;
  }

  /** Whether a path (file or directory) is ignored, including because a directory above it is. */
  ignores(absolute: string, isDirectory: boolean): boolean {
    const resolved = path.resolve(absolute);
    const segments = resolved.split(path.sep);
    const fromCwd = path.relative(this.cwd, resolved);
    const checked = fromCwd.startsWith('..') || path.isAbsolute(fromCwd) ? segments : fromCwd.split(path.sep);
    if (checked.slice(0, isDirectory ? undefined : -1).some((s) => ALWAYS_IGNORED.has(s))) return true;
    if (!this.enabled) return false;
    if (this.discovering) this.ensureAncestorsLoaded(resolved);
    if (this.rules.length === 0) return false;
    // A file inside an ignored directory cannot be re-included (as in git).
    const root = path.parse(resolved).root;
    let prefix = root;
    for (let i = 1; i < segments.length - 1; i++) {
      prefix = path.join(prefix, segments[i] as string);
      if (this.matchOne(prefix, true) === true) return true;
    }
    return this.matchOne(resolved, isDirectory) === true;
  }
}
