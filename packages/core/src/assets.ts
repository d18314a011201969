/**
 * Where the engine's data files are, and how their JSON Schemas become validators. One place for both.
 *
 * DATA FILES: `registry.json` (the ministry registry) and `schema/*.json` (front matter, registry,
 * configuration), in this package's `data/` folder: `new URL('../data/', import.meta.url)` from
 * `src/assets.ts` (tests), `dist/assets.js` (an install) and any bundle that gives this module its installed
 * URL (the CLI bundle and the VS Code extension's server do: scripts/module-url-plugin.mjs). The files are
 * copied there from `schema/` and `seeds/registry.json` by the build (scripts/package-data.mjs); a
 * configuration's `registry` still replaces the registry.
 *
 * VALIDATORS: `schemaValidator(key, schema)` returns the validator of a JSON Schema. A build may register
 * validators generated ahead of time with ajv's standalone code (`usePrecompiledValidators`); one is used
 * only when the schema it was generated from is the same JSON as the schema asked for, so a stale build is
 * slower, never wrong. Otherwise ajv compiles the schema on first use (ajv itself is loaded only then).
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

let root: URL | undefined;

/** The package's data folder, as a `file:` URL ending in "/". */
export function assetRoot(): URL {
  root ??= new URL('../data/', import.meta.url);
  return root;
}

/** A data file's URL, e.g. `assetUrl('schema/frontmatter.schema.json')`, `assetUrl('registry.json')`. */
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
