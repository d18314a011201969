/**
 * Configuration changes for every client, with or without `workspace/didChangeWatchedFiles`: the files that
 * decide each open draft's configuration (`.plan-lint.json` / `.plan-lint.jsonc` at and above its folder, the
 * registry files the config names) are polled by path. Polling by path survives what a file watcher misses:
 * a config created where none was, and atomic saves (write a temporary file, rename it over the old one).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '@plan-lint/core';

/** How often the files are checked, in milliseconds: changes take effect within about this long. */
export const POLL_INTERVAL_MS = 250;

function stampOf(file: string): string {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'absent';
}

/** The config files that could apply to a draft in `dir`: each candidate name at `dir` and every folder above. */
export function configCandidates(dir: string): string[] {
  const out: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) out.push(path.join(current, name));
    const parent = path.dirname(current);
    if (parent === current) return out;
    current = parent;
  }
}

export class ConfigFileWatcher {
  /** The files each open document depends on. */
  private readonly owners = new Map<string, readonly string[]>();
  /** The last seen state of each watched file. */
  private readonly stamps = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  /** `onChange` gets the files that changed since the last check (created, deleted, rewritten or replaced). */
  constructor(
    private readonly onChange: (files: string[]) => void,
    private readonly intervalMs = POLL_INTERVAL_MS,
  ) {}

  /** Sets the files `owner` (a document uri) depends on; new files are stamped now, so only later changes count. */
  watch(owner: string, files: readonly string[]): void {
    this.owners.set(owner, files);
    for (const f of files) if (!this.stamps.has(f)) this.stamps.set(f, stampOf(f));
    this.prune();
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }

  unwatch(owner: string): void {
    this.owners.delete(owner);
    this.prune();
  }

  /**
   * Records the current state of a file the client reported as changed. Returns false when the poll already
   * saw this very state (the change was handled); true when it is news, or the file is not watched here.
   */
  take(file: string): boolean {
    const now = stampOf(file);
    const news = this.stamps.get(file) !== now;
    if (this.stamps.has(file)) this.stamps.set(file, now);
    return news;
  }

  /** Checks every watched file once; reports the changed ones. */
  poll(): void {
    const changed: string[] = [];
    for (const [file, before] of this.stamps) {
      const now = stampOf(file);
      if (now === before) continue;
      this.stamps.set(file, now);
      changed.push(file);
    }
    if (changed.length > 0) this.onChange(changed);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.owners.clear();
    this.stamps.clear();
  }

  private prune(): void {
    const wanted = new Set<string>();
    for (const files of this.owners.values()) for (const f of files) wanted.add(f);
    for (const f of this.stamps.keys()) if (!wanted.has(f)) this.stamps.delete(f);
    if (wanted.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
