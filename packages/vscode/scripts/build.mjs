#!/usr/bin/env node
/**
 * Builds the self-contained extension:
 *   dist/extension.cjs   the client (CommonJS, `vscode` external)
 *   dist/server.mjs      the language server with the engine, the rules and their dependencies
 *   schema/*.json, seeds/registry.json, seeds/profiles/*.json, rules/*.md   data the server reads at run time, copied from the repository
 *
 * The engine finds its data files relative to its own module (`new URL('../../../seeds/registry.json',
 * import.meta.url)`). In one bundle every module shares one import.meta.url, so each `import.meta.url`
 * of @plan-lint/core is rewritten to the URL that module would have inside the extension
 * (<extension>/packages/core/dist/...), which makes those relative paths land on the copied files.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.resolve(here, '..');
const root = path.resolve(ext, '../..');

// 1. Compile the server and what it references (core, rules), so dist/ is current.
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', path.join(root, 'packages/language-server')], {
  stdio: 'inherit',
});

/** Rewrites import.meta.url in the engine's modules (see the header). */
const moduleUrlPlugin = {
  name: 'plan-lint-module-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/]core[\\/]dist[\\/].*\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      const replacement = `new URL(${JSON.stringify(`../${rel}`)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', replacement), loader: 'js' };
    });
  },
};

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
  plugins: [moduleUrlPlugin],
  banner: { js: "import { createRequire as __planLintCreateRequire } from 'node:module'; const require = __planLintCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// 4. Data files the server reads at run time, at the same relative places as in the repository.
function copy(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}
for (const dir of ['schema', 'seeds', 'rules']) rmSync(path.join(ext, dir), { recursive: true, force: true });
for (const name of ['config.schema.json', 'frontmatter.schema.json', 'registry.schema.json', 'profile.schema.json']) {
  const from = path.join(root, 'schema', name);
  if (!existsSync(from)) throw new Error(`missing ${from}: the extension needs it`);
  copy(from, path.join(ext, 'schema', name));
}
copy(path.join(root, 'seeds/registry.json'), path.join(ext, 'seeds/registry.json'));
for (const name of readdirSync(path.join(root, 'seeds/profiles'))) {
  if (name.endsWith('.json')) copy(path.join(root, 'seeds/profiles', name), path.join(ext, 'seeds/profiles', name));
}
for (const name of readdirSync(path.join(root, 'rules'))) {
  if (name.endsWith('.md')) copy(path.join(root, 'rules', name), path.join(ext, 'rules', name));
}
console.log(`plan-lint-vscode: built dist/extension.cjs, dist/server.mjs and copied the schemas, registry, language profiles and rule docs`);
