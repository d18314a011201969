#!/usr/bin/env node
// Writes schema/config.schema.json from the rules' option schemas (buildConfigSchema in
// packages/core/src/engine/config-schema.ts). Needs the build (npm run build).
//   node scripts/gen-config-schema.mjs          write the file
//   node scripts/gen-config-schema.mjs --check  exit 1 when the committed file is stale
// tests/config-schema.test.ts makes the same comparison from the TypeScript sources, so a rule
// whose options change fails the test suite until the schema is regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const target = fileURLToPath(new URL('schema/config.schema.json', root));

let core;
let rulesModule;
try {
  core = await import(new URL('packages/core/dist/index.js', root).href);
  rulesModule = await import(new URL('rules/dist/index.js', root).href);
} catch (error) {
  console.error(`gen-config-schema: cannot load the built packages (run "npm run build" first): ${error.message}`);
  process.exit(2);
}

const json = core.configSchemaJson(rulesModule.rules);
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // not there yet
}

if (process.argv.includes('--check')) {
  if (current !== json) {
    console.error('schema/config.schema.json is stale: run "node scripts/gen-config-schema.mjs"');
    process.exit(1);
  }
  console.log('schema/config.schema.json is up to date');
} else if (current !== json) {
  writeFileSync(target, json);
  console.log(`wrote schema/config.schema.json (${rulesModule.rules.length} rules)`);
} else {
  console.log('schema/config.schema.json is up to date');
}
