import { readFileSync } from 'node:fs';

let cachedVersion: string | undefined;

/** plan-lint's version, from packages/cli/package.json. */
export function version(): string {
  if (cachedVersion === undefined) {
    cachedVersion = '0.0.0';
    // packages/cli/package.json, above this module (dist/version.js) or the bundle (dist/plan-lint.cjs).
    let dir = new URL('./', import.meta.url);
    for (let depth = 0; depth < 4; depth++) {
      try {
        const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@plan-lint/cli') {
          cachedVersion = pkg.version ?? '0.0.0';
          break;
        }
      } catch {
        // not here
      }
      dir = new URL('../', dir);
    }
  }
  return cachedVersion;
}
