/** Reading a config file and its extra registry files, cached until one of them changes on disk. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineIndex } from '../../positions.js';
import { loadDefaultRegistry, validateRegistryData } from '../../registry.js';
import type { AnyRule, ConfigFile, Registry, RegistryBody } from '../../types.js';
import { forgetConfigLookups } from './discover.js';
import { ConfigError } from './errors.js';
import { parseConfigText } from './jsonc.js';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Its directory: globs and registry paths are relative to it. */
  dir: string;
  data: ConfigFile;
  /** The built-in registry extended with the file's extra registries. */
  registry: Registry;
  /** Absolute paths of the extra registry files. */
  registryFiles: string[];
}

/** A file as it was when read: path, mtime, size (-1, -1 when it could not be read). */
type Stamp = [string, number, number];

interface CacheEntry {
  rules: readonly AnyRule[];
  stamps: Stamp[];
  loaded: LoadedConfig;
}

const fileCache = new Map<string, CacheEntry>();
let defaultRegistry: Registry | undefined;

/** The built-in registry (loaded once; cleared with the cache). */
export function builtinRegistry(): Registry {
  defaultRegistry ??= loadDefaultRegistry();
  return defaultRegistry;
}

function stamp(file: string): Stamp {
  try {
    const s = statSync(file);
    return [file, s.mtimeMs, s.size];
  } catch {
    return [file, -1, -1];
  }
}

function unchanged(stamps: readonly Stamp[]): boolean {
  return stamps.every(([f, m, s]) => {
    const [, m2, s2] = stamp(f);
    return m === m2 && s === s2;
  });
}

/** Forgets cached config files and directory lookups (all, or those of one config file / directory). */
export function clearConfigCache(changedPath?: string): void {
  if (changedPath === undefined) {
    fileCache.clear();
    forgetConfigLookups();
    defaultRegistry = undefined;
    return;
  }
  const abs = path.resolve(changedPath);
  fileCache.delete(abs);
  for (const [key, entry] of fileCache) if (entry.loaded.registryFiles.includes(abs)) fileCache.delete(key);
  forgetConfigLookups(abs);
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function readText(file: string, what: string, where: { filePath?: string }): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ConfigError(`Cannot read ${what} ${displayPath(file)}: ${reason}`, where.filePath ? { filePath: where.filePath } : {});
  }
}

function loadRegistryFile(file: string, configLabel: string, configPath: string): RegistryBody[] {
  const label = `registry file ${displayPath(file)} (listed in ${configLabel})`;
  const text = readText(file, `registry file`, { filePath: configPath });
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const m = /position (\d+)/.exec((error as Error).message);
    const at = m ? new LineIndex(text).pointAt(Number(m[1])) : undefined;
    throw new ConfigError(`Invalid JSON in ${label}${at ? ` at ${at.line}:${at.column}` : ''}: ${(error as Error).message}`, { filePath: file, key: 'registry' });
  }
  const { data, errors } = validateRegistryData(json);
  if (!data || errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    throw new ConfigError(`Invalid ${label}: ${errors[0] ?? 'not a registry'}${more}`, { filePath: file, key: 'registry' });
  }
  return data.bodies;
}

/** Reads, parses and validates one config file and its extra registries (cached; see clearConfigCache). */
export function loadConfigFile(configPath: string, rules: readonly AnyRule[]): LoadedConfig {
  const abs = path.resolve(configPath);
  const cached = fileCache.get(abs);
  if (cached && cached.rules === rules && unchanged(cached.stamps)) return cached.loaded;
  const label = displayPath(abs);
  const text = readText(abs, 'config file', { filePath: abs });
  const data = parseConfigText(text, rules, { label, filePath: abs, jsonc: /\.jsonc$/i.test(abs) });
  const dir = path.dirname(abs);
  const registryFiles = (data.registry === undefined ? [] : Array.isArray(data.registry) ? data.registry : [data.registry]).map((p) =>
    path.resolve(dir, p),
  );
  let registry = builtinRegistry();
  const stamps: Stamp[] = [stamp(abs)];
  for (const file of registryFiles) {
    stamps.push(stamp(file));
    registry = registry.extend(loadRegistryFile(file, label, abs));
  }
  const loaded: LoadedConfig = { path: abs, dir, data, registry, registryFiles };
  fileCache.set(abs, { rules, stamps, loaded });
  return loaded;
}

export const loadConfig = loadConfigFile;
