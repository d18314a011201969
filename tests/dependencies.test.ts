/**
 * Honest dependencies (issue 11): every package declares what its code imports, and imports what it declares.
 * Read from the sources, per package of the workspace:
 *   - run-time code (src/, bin/, the rules' modules): each bare import is in `dependencies` (a type-only import
 *     may name the package or its `@types/` package there); an installed package has nothing else to resolve from;
 *   - build scripts (a package's scripts/): in `dependencies` or `devDependencies`;
 *   - every entry of `dependencies` is imported by the run-time code, and every `devDependencies` entry by
 *     some code of the package or named in one of its package.json scripts.
 * The repository root (private: tests, benchmark and build scripts) is held to the same rule for its devDependencies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  name: string;
  private?: boolean;
  workspaces?: string[];
  scripts?: Record<string, string>;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
const rootManifest = readJson(path.join(ROOT, 'package.json'));
const workspaces = rootManifest.workspaces ?? [];

/** Source files below `dir` (recursively), without dist/ and node_modules/. */
function sources(dir: string, recursive = true): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (recursive && name !== 'dist' && name !== 'node_modules' && !name.startsWith('.')) out.push(...sources(file));
    } else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) {
      out.push(file);
    }
  }
  return out;
}

interface Imported {
  /** Package names imported for their values (run time). */
  value: Set<string>;
  /** Package names imported for types only. */
  type: Set<string>;
}

/** The package a bare specifier names ('@a/b/c' -> '@a/b', 'x/y' -> 'x'); undefined for relative paths and Node's modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  // Not a package name (a template in generated code, `${name}`): not an import.
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/|$)/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The packages `files` import: static and dynamic imports, re-exports, require() calls. */
export function importsOf(files: readonly string[]): Imported {
  const found: Imported = { value: new Set(), type: new Set() };
  for (const file of files) {
    // Comments out first (a `// import x from 'y'` in prose is no import); `://` in URLs is kept.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    const add = (specifier: string | undefined, typeOnly: boolean) => {
      const name = specifier === undefined ? undefined : packageOf(specifier);
      if (name !== undefined) (typeOnly ? found.type : found.value).add(name);
    };
    for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g)) add(m[3], m[2] !== undefined);
    for (const m of text.matchAll(/(typeof\s+)?\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g)) add(m[2], m[1] !== undefined);
    for (const m of text.matchAll(/\brequire(?:\.resolve)?\(\s*['"]([^'"\n]+)['"]\s*\)/g)) add(m[1], false);
  }
  return found;
}

/** What a package's code may import: its dependencies; a type-only import may be satisfied by `@types/<name>`. */
function typesPackage(name: string): string {
  return name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
}

/** The commands an installed package provides (its package.json "bin"), found as Node would from `dir`. */
function binsOf(dir: string, name: string): string[] {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(at, 'node_modules', name, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
      if (typeof manifest.bin === 'string') return [name.replace(/^@[^/]+\//, '')];
      return Object.keys(manifest.bin ?? {});
    } catch {
      if (path.dirname(at) === at) return [];
    }
  }
}

interface Problem {
  package: string;
  problem: string;
}

function check(dir: string, manifest: Manifest, runtimeFiles: string[], buildFiles: string[]): Problem[] {
  const problems: Problem[] = [];
  const report = (problem: string) => problems.push({ package: manifest.name, problem });
  const deps = new Set(Object.keys(manifest.dependencies ?? {}));
  const devDeps = new Set(Object.keys(manifest.devDependencies ?? {}));
  const runtime = importsOf(runtimeFiles);
  const build = importsOf(buildFiles);
  // The VS Code API is the host's (engines.vscode), typed by @types/vscode.
  const host = manifest.engines?.['vscode'] !== undefined ? new Set(['vscode']) : new Set<string>();
  const self = manifest.name;

  for (const name of runtime.value) {
    if (name !== self && !host.has(name) && !deps.has(name)) report(`imports '${name}' at run time but does not declare it in dependencies`);
  }
  for (const name of runtime.type) {
    if (name === self || host.has(name) || runtime.value.has(name)) continue;
    if (!deps.has(name) && !deps.has(typesPackage(name))) report(`imports types from '${name}' but declares neither it nor ${typesPackage(name)} in dependencies`);
  }
  for (const name of [...build.value, ...build.type]) {
    if (name !== self && !host.has(name) && !deps.has(name) && !devDeps.has(name) && !devDeps.has(typesPackage(name)) && !deps.has(typesPackage(name))) {
      report(`its build scripts import '${name}' but it is declared in neither dependencies nor devDependencies`);
    }
  }
  const usedAtRuntime = (dep: string) => runtime.value.has(dep) || runtime.type.has(dep) || [...runtime.type, ...runtime.value].some((n) => typesPackage(n) === dep);
  for (const dep of deps) if (!usedAtRuntime(dep)) report(`declares '${dep}' in dependencies but its run-time code never imports it`);
  const scripts = Object.values(manifest.scripts ?? {}).join(' ');
  const commands = new Set(scripts.split(/[\s&|;()]+/));
  const all = [...runtime.value, ...runtime.type, ...build.value, ...build.type];
  const text = [...runtimeFiles, ...buildFiles].map((f) => readFileSync(f, 'utf8')).join('\n') + scripts;
  for (const dep of devDeps) {
    const used =
      all.includes(dep) ||
      all.some((n) => typesPackage(n) === dep) ||
      (host.has('vscode') && dep === '@types/vscode') ||
      (dep === '@types/node' && /['"]node:/.test(text)) ||
      binsOf(dir, dep).some((bin) => commands.has(bin)) ||
      text.includes(`node_modules/${dep}/`);
    if (!used) report(`declares '${dep}' in devDependencies but nothing of the package uses it (no import, no command of its in the scripts)`);
  }
  return problems;
}

/** A workspace package's run-time and build files. */
function packageFiles(dir: string): { runtime: string[]; build: string[] } {
  const abs = path.join(ROOT, dir);
  const hasSrc = sources(path.join(abs, 'src')).length > 0;
  const runtime = hasSrc ? [...sources(path.join(abs, 'src')), ...sources(path.join(abs, 'bin'))] : sources(abs);
  return { runtime, build: sources(path.join(abs, 'scripts')) };
}

describe('declared dependencies', () => {
  it('finds imports of every kind (the checker itself)', () => {
    const found = importsOf([fileURLToPath(import.meta.url)]);
    expect([...found.value].sort()).toEqual(['vitest']);
    const core = importsOf(packageFiles('packages/core').runtime);
    expect([...core.value]).toEqual(expect.arrayContaining(['ajv', 'remark-parse', 'unified', 'yaml']));
    expect([...core.type]).toContain('mdast');
  });

  for (const dir of workspaces) {
    it(`are exactly what ${dir} imports`, () => {
      const manifest = readJson(path.join(ROOT, dir, 'package.json'));
      const { runtime, build } = packageFiles(dir);
      expect(runtime.length).toBeGreaterThan(0);
      expect(check(path.join(ROOT, dir), manifest, runtime, build)).toEqual([]);
    });
  }

  // The VS Code end-to-end harness has its own package.json (installed by `npm run test:vscode`, not by the root).
  const E2E = path.join(ROOT, 'tests/vscode-e2e');

  it('of the VS Code end-to-end harness are what it imports', () => {
    const files = sources(E2E);
    expect(files.length).toBeGreaterThan(0);
    // code-server is run as a program (node_modules/.bin), never imported.
    const problems = check(E2E, readJson(path.join(E2E, 'package.json')), files, []).filter((p) => !p.problem.startsWith("declares 'code-server'"));
    expect(problems).toEqual([]);
  });

  it('of the repository root are what its tests and scripts import', () => {
    const files = [...sources(path.join(ROOT, 'tests')), ...sources(path.join(ROOT, 'scripts')), path.join(ROOT, 'vitest.config.ts')].filter(
      (f) => !f.startsWith(E2E + path.sep),
    );
    // The root's own code may import the workspace packages (npm links them); everything else is a devDependency.
    const workspaceNames = workspaces.map((dir) => readJson(path.join(ROOT, dir, 'package.json')).name);
    const problems = check(ROOT, rootManifest, [], files).filter((p) => !workspaceNames.some((name) => p.problem.includes(`'${name}'`)));
    expect(problems).toEqual([]);
  });
});
