#!/usr/bin/env node
/**
 * Builds the self-contained extension:
 *   dist/extension.cjs   the client (CommonJS, `vscode` external)
 *   dist/server.mjs      the language server with the engine, the rules and their dependencies
 *   packages/core/data/      the data the engine reads at run time (the registry, the JSON Schemas), copied
 *                            from @plan-lint/core's data/ (the build puts it there: scripts/package-data.mjs)
 *
 * The engine finds its data relative to its own module (`new URL('../data/', import.meta.url)`). In one
 * bundle every module shares one import.meta.url, so each `import.meta.url` of @plan-lint/core is rewritten
 * to the URL that module would have inside the extension (<extension>/packages/core/dist/...:
 * scripts/module-url-plugin.mjs), which makes those relative paths land on the copied files. The server
 * links diagnostics to the documentation site; it reads no rule documentation file.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { moduleUrlPlugin } from '../../../scripts/module-url-plugin.mjs';
import { copyPackageData } from '../../../scripts/package-data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.resolve(here, '..');
const root = path.resolve(ext, '../..');

// 1. Compile the server and what it references (core, rules), so dist/ is current.
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', path.join(root, 'packages/language-server')], {
  stdio: 'inherit',
});

for (const out of ['extension.cjs', 'server.mjs']) rmSync(path.join(ext, 'dist', out), { force: true });

// 2. The client: CommonJS, as VS Code loads extensions with require().
await esbuild.build({
  entryPoints: [path.join(ext, 'src/extension.ts')],
  outfile: path.join(ext, 'dist/extension.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

// 3. The server: ESM (the unified stack is ESM-only); CommonJS dependencies get a real require().
await esbuild.build({
  entryPoints: [path.join(root, 'packages/language-server/dist/main.js')],
  outfile: path.join(ext, 'dist/server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ESM builds first: jsonc-parser's "main" is a UMD build that esbuild cannot follow.
  mainFields: ['module', 'main'],
  plugins: [moduleUrlPlugin([{ dir: path.join(root, 'packages/core'), base: 'new URL("../packages/core/", import.meta.url)' }])],
  banner: { js: "import { createRequire as __planLintCreateRequire } from 'node:module'; const require = __planLintCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// 4. The data the engine reads at run time (brought up to date first), at the place the rewritten module URLs
// point to.
copyPackageData();
const data = path.join(root, 'packages/core/data');
for (const dir of ['schema', 'seeds', 'rules', 'packages']) rmSync(path.join(ext, dir), { recursive: true, force: true });
cpSync(data, path.join(ext, 'packages/core/data'), { recursive: true });
console.log(`plan-lint-vscode: built dist/extension.cjs, dist/server.mjs and copied the engine's data (packages/core/data)`);
