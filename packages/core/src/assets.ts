/**
 * Where the engine's data files are, and how their JSON Schemas become validators. One place for both,
 * so that the engine works the same from its TypeScript sources (tests), from `packages/core/dist`, and
 * from a bundle (the CLI's `packages/cli/dist/plan-lint.mjs`, the VS Code extension's `dist/server.mjs`).
 *
 * DATA FILES: `seeds/registry.json`, `schema/*.json`, `rules/<id>.md`, relative to the asset root: the
 * nearest directory at or above this module that holds `seeds/registry.json` (the repository root, or the
 * extracted VS Code extension, which copies the files). `setAssetRoot(dir)` fixes it for embedders.
 *
 * VALIDATORS: `schemaValidator(key, schema)` returns the validator of a JSON Schema. A build may register
 * validators generated ahead of time with ajv's standalone code (`usePrecompiledValidators`); one is used
 * only when the schema it was generated from is the same JSON as the schema asked for, so a stale build is
 * slower, never wrong. Otherwise ajv compiles the schema on first use (ajv itself is loaded only then).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';

const MARKER = 'seeds/registry.json';

let root: URL | undefined;

/** Fixes the asset root (a directory path or `file:` URL); `undefined` goes back to the search. */
export function setAssetRoot(dir: string | URL | undefined): void {
  if (dir === undefined) {
    root = undefined;
    return;
  }
  const url = typeof dir === 'string' ? pathToFileURL(dir) : new URL(dir.href);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  root = url;
}

/** The asset root as a `file:` URL ending in "/". */
export function assetRoot(): URL {
  if (root) return root;
  const here = import.meta.url;
  let dir = new URL('./', here);
  for (;;) {
    if (dir.protocol === 'file:' && existsSync(fileURLToPath(new URL(MARKER, dir)))) {
      root = dir;
      return dir;
    }
    const parent = new URL('../', dir);
    if (parent.href === dir.href) break;
    dir = parent;
  }
  // Not found: where the repository root is from packages/core/{src,dist}/assets.* (messages then name the missing file).
  root = new URL('../../../', here);
  return root;
}

/** A data file's URL, e.g. `assetUrl('schema/frontmatter.schema.json')`. */
export function assetUrl(relative: string): URL {
  return new URL(relative, assetRoot());
}

// ---------------------------------------------------------------------------
// Validators
// ---------------------------------------------------------------------------

/** A validator generated ahead of time, with the JSON (`JSON.stringify`) of the schema it was generated from. */
export interface PrecompiledValidator {
  schema: string;
  validate: ValidateFunction;
}

const precompiled = new Map<string, PrecompiledValidator>();
const compiled = new Map<string, { schema: string; validate: ValidateFunction }>();

/**
 * Registers validators generated at build time, by key: `registry`, `frontmatter`, `config` (the config
 * schema of the built-in rules) and `rule:<id>` (a rule's options).
 */
export function usePrecompiledValidators(validators: Readonly<Record<string, PrecompiledValidator>>): void {
  for (const [key, v] of Object.entries(validators)) precompiled.set(key, v);
}

/** How many validators were compiled at run time (not taken from the build); for tests and the benchmark. */
export function runtimeCompileCount(): number {
  return compileCount;
}
let compileCount = 0;

type AjvModule = typeof import('ajv');
let ajvModule: AjvModule | undefined;

function loadAjv(): AjvModule {
  if (!ajvModule) {
    // A bundler sees the literal require and bundles ajv as a module evaluated only here, on first use;
    // unbundled ESM has no `require`, so Node's own loader is asked (ajv is CommonJS).
    ajvModule = (typeof require === 'function' ? require('ajv') : createRequire(import.meta.url)('ajv')) as AjvModule;
  }
  return ajvModule;
}

/**
 * The validator of `schema` under `key` (ajv, `allErrors`, not strict). Cached per key as long as the schema
 * stays the same JSON. Throws what ajv throws for an invalid schema.
 */
export function schemaValidator(key: string, schema: object, schemaJson: string = JSON.stringify(schema)): ValidateFunction {
  const pre = precompiled.get(key);
  if (pre && pre.schema === schemaJson) return pre.validate;
  const done = compiled.get(key);
  if (done && done.schema === schemaJson) return done.validate;
  const { Ajv } = loadAjv();
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  compileCount++;
  compiled.set(key, { schema: schemaJson, validate });
  return validate;
}
