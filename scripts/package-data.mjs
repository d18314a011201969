#!/usr/bin/env node
/**
 * Puts the data files each package reads at run time into that package (run by `npm run build`, and by the
 * test suite's global setup so that tests never read a stale copy). The sources of truth stay where they are:
 *   schema/{config,frontmatter,registry,profile}.schema.json  ->  packages/core/data/schema/
 *   seeds/registry.json                               ->  packages/core/data/registry.json
 *   seeds/profiles/<lang>.json (language profiles)    ->  packages/core/data/profiles/
 *   rules/<id>.md, <id>.ja.md (and directives*.md)   ->  rules/dist/   (beside the compiled rules; not the READMEs)
 * The copies are build output (git-ignored), like dist/; a file is rewritten only when its bytes change.
 *
 *   node scripts/package-data.mjs           copy
 *   node scripts/package-data.mjs --check   exit 1 when a copy is missing or differs from its source
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every [source, copy] pair, as paths relative to the repository root. */
export function dataCopies() {
  const pairs = ['config', 'frontmatter', 'registry', 'profile'].map((name) => [`schema/${name}.schema.json`, `packages/core/data/schema/${name}.schema.json`]);
  pairs.push(['seeds/registry.json', 'packages/core/data/registry.json']);
  for (const name of readdirSync(path.join(ROOT, 'seeds/profiles')).sort()) {
    if (name.endsWith('.json')) pairs.push([`seeds/profiles/${name}`, `packages/core/data/profiles/${name}`]);
  }
  for (const name of readdirSync(path.join(ROOT, 'rules')).sort()) {
    if (name.endsWith('.md') && !name.startsWith('README')) pairs.push([`rules/${name}`, `rules/dist/${name}`]);
  }
  return pairs;
}

function read(file) {
  try {
    return readFileSync(path.join(ROOT, file));
  } catch {
    return undefined;
  }
}

/** Copies what changed; returns the copies written. */
export function copyPackageData() {
  const written = [];
  for (const [from, to] of dataCopies()) {
    const bytes = read(from);
    if (bytes === undefined) throw new Error(`package-data: ${from} is missing`);
    if (read(to)?.equals(bytes)) continue;
    const target = path.join(ROOT, to);
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, target);
    written.push(to);
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = dataCopies().filter(([from, to]) => !read(to)?.equals(read(from) ?? Buffer.alloc(0)));
    for (const [from, to] of stale) console.error(`package-data: ${to} differs from ${from}: run "npm run build"`);
    process.exit(stale.length ? 1 : 0);
  }
  try {
    const written = copyPackageData();
    console.log(`package-data: ${written.length} of ${dataCopies().length} data file(s) updated`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
