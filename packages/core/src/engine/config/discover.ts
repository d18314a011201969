/** Finding the config file of a draft: the nearest one upward, with lookups cached per directory. */
import { statSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE_NAMES = ['.plan-lint.json', '.plan-lint.jsonc'] as const;

/** Directory → the config file that applies there (null: none). */
const dirCache = new Map<string, string | null>();

/** The nearest `.plan-lint.json` / `.plan-lint.jsonc` at or above `startDir` (absolute path), or undefined. */
export function findConfigFile(startDir: string): string | undefined {
  const visited: string[] = [];
  let dir = path.resolve(startDir);
  let found: string | null = null;
  for (;;) {
    const cached = dirCache.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    found = configFileIn(dir);
    if (found !== null) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of visited) dirCache.set(d, found);
  return found ?? undefined;
}

function configFileIn(dir: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

/**
 * Forgets cached lookups: all of them, or (given an absolute path) those a change at that path can alter —
 * a config file created or deleted changes the lookup of its directory and everything below.
 */
export function forgetConfigLookups(changedPath?: string): void {
  if (changedPath === undefined) {
    dirCache.clear();
    return;
  }
  const dir = CONFIG_FILE_NAMES.some((n) => path.basename(changedPath) === n) ? path.dirname(changedPath) : changedPath;
  for (const key of dirCache.keys()) if (key === dir || key.startsWith(dir + path.sep)) dirCache.delete(key);
}
