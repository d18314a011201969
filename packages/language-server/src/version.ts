import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The server's version, read from its package.json (`../package.json` from `src/` and `dist/`). In the VS Code
 * extension the server is bundled into `dist/server.mjs`, so this is the extension's package.json, which
 * has the same version (every package of the repository does; tests/versions.test.ts).
 */
export function serverVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
