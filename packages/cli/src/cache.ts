/**
 * --cache: the results of drafts that have not changed, kept in one JSON file between runs (default
 * `.plan-lint-cache` in the current directory; --cache-location FILE or DIRECTORY/).
 *
 * A draft's entry is used only when its key matches: the key hashes plan-lint's version, the draft's path and
 * content, the configuration resolved for it (rule severities and options, inline-config settings) and the
 * content of the ministry registry it is linted with, plus the documents it links to (see `cacheKey`). The
 * file is written atomically (temporary file, then rename) and only when something changed; a cache that
 * cannot be read or is not plan-lint's (corrupt, another format) is ignored and rebuilt.
 * Not used for standard input or the HTML report (which needs the plan model, not kept in the cache).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '@plan-lint/core';
import { writeFileAtomic } from './atomic.js';
import { errnoReason, type RunContext } from './io.js';
import type { LintOutcome } from './lint-task.js';

export const DEFAULT_CACHE_FILE = '.plan-lint-cache';
/** Bumped when the file's shape or what a result holds changes. */
const CACHE_FORMAT = 1;

type CachedResult = LintOutcome['result'];

interface CacheFile {
  planLintCache: typeof CACHE_FORMAT;
  /** Absolute path of a draft → its key and result. */
  entries: Record<string, { key: string; result: CachedResult }>;
}

/** A document a draft's result depends on besides its own text. */
export interface LinkedDocument {
  path: string;
  text: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The key of one draft's result. `linked`: the documents its result also depends on (a report's plan and
 * previous year's report, once rules read documents a draft names in its front matter): their paths and
 * contents join the key here, so that a change in any of them invalidates the entry.
 */
export function cacheKey(version: string, filePath: string, text: string, config: ResolvedConfig, linked: readonly LinkedDocument[]): string {
  const settings = {
    rules: config.rules,
    noInlineConfig: config.noInlineConfig,
    reportUnusedDisableDirectives: config.reportUnusedDisableDirectives,
    lang: config.lang ?? null,
    locale: config.locale ?? null,
    registry: config.registry.bodies,
  };
  return sha256(
    JSON.stringify([CACHE_FORMAT, version, filePath, sha256(text), sha256(JSON.stringify(settings)), linked.map((d) => [d.path, sha256(d.text)])]),
  );
}

/** Where the cache lives: --cache-location as a file, or `.plan-lint-cache` in it when it is a directory. */
export async function cacheFileOf(location: string | undefined, cwd: string): Promise<string> {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  if (/[\\/]$/.test(location)) return path.join(resolved, DEFAULT_CACHE_FILE);
  const stats = await fs.stat(resolved).catch(() => undefined);
  return stats?.isDirectory() ? path.join(resolved, DEFAULT_CACHE_FILE) : resolved;
}

function isCacheFile(value: unknown): value is CacheFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CacheFile>;
  return v.planLintCache === CACHE_FORMAT && typeof v.entries === 'object' && v.entries !== null && !Array.isArray(v.entries);
}

export class LintCache {
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly entries: CacheFile['entries'],
  ) {}

  /** Reads the cache file; a missing, unreadable or corrupt one gives an empty cache (a --debug note says why). */
  static async open(file: string, run: RunContext): Promise<LintCache> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') run.debugLog(`cache ${file} not read (${errnoReason(error)}); starting empty`);
      return new LintCache(file, {});
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!isCacheFile(value)) {
      run.debugLog(`cache ${file} is not a plan-lint cache of this format; ignored`);
      return new LintCache(file, {});
    }
    return new LintCache(file, value.entries);
  }

  /**
   * The cached result of a draft, if its key matches. `fixing`: only a result with nothing to fix (fixing
   * would change nothing, so the result is the same).
   */
  get(filePath: string, key: string, fixing: boolean): CachedResult | undefined {
    const entry = this.entries[filePath];
    if (!entry || entry.key !== key) return undefined;
    if (fixing && entry.result.messages.some((m) => m.fix !== undefined)) return undefined;
    return entry.result;
  }

  /** Keeps a draft's result; a fixed draft's result is not kept (it describes the fixed text). */
  set(filePath: string, key: string, outcome: LintOutcome): void {
    if (outcome.output !== undefined) return;
    this.entries[filePath] = { key, result: outcome.result };
    this.changed = true;
  }

  /** Writes the cache atomically if anything changed; a cache that cannot be written is a warning. */
  async save(run: RunContext): Promise<void> {
    if (!this.changed) return;
    const data: CacheFile = { planLintCache: CACHE_FORMAT, entries: this.entries };
    try {
      await writeFileAtomic(this.file, JSON.stringify(data));
    } catch (error) {
      run.io.stderr.write(`plan-lint: warning: cannot write the cache '${path.relative(run.io.cwd, this.file) || this.file}': ${errnoReason(error)}.\n`);
    }
  }
}
