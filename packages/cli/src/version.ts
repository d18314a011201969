import { readFileSync } from 'node:fs';

let cachedVersion: string | undefined;

/** This package's version (its package.json, beside dist/ where both dist/version.js and the bundle are). */
export function version(): string {
  cachedVersion ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
