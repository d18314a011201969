/**
 * One version (issue 11): the root package.json's. Every package of the workspace has it, depends on its
 * siblings at exactly it, and the programs report it: `plan-lint --version`, the language server's
 * `--version` and `serverInfo.version`, the VS Code extension's manifest. CHANGELOG.md has a section for it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli-helpers.js';
import { SERVER_BIN, TestClient } from './lsp-client.js';

interface Manifest {
  name: string;
  version: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;
const root = manifest('.');
const VERSION = root.version;
const packages = (root.workspaces ?? []).map((dir) => ({ dir, ...manifest(dir) }));
const names = new Set(packages.map((p) => p.name));

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the version', () => {
  it('is the root version in every package, and siblings depend on each other at exactly it', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packages.map((p) => [p.dir, p.version])).toEqual(packages.map((p) => [p.dir, VERSION]));
    for (const p of packages) {
      for (const [dep, range] of Object.entries({ ...p.dependencies, ...p.devDependencies })) {
        if (names.has(dep)) expect(`${p.name} -> ${dep}@${range}`).toBe(`${p.name} -> ${dep}@${VERSION}`);
      }
    }
  });

  it('is what plan-lint --version prints, from the bundle and from the compiled modules', () => {
    const bin = path.join(ROOT, 'packages/cli/bin/plan-lint.js');
    expect(spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).stdout).toBe(`v${VERSION}\n`);
    const compiled = `import(${JSON.stringify(path.join(ROOT, 'packages/cli/dist/main.js'))}).then((m) => console.log(m.version()))`;
    expect(spawnSync(process.execPath, ['-e', compiled], { encoding: 'utf8' }).stdout).toBe(`${VERSION}\n`);
  });

  it("is the language server's --version and its serverInfo.version", async () => {
    expect(spawnSync(process.execPath, [SERVER_BIN, '--version'], { encoding: 'utf8' }).stdout).toBe(`${VERSION}\n`);
    const workspace = mkdtempSync(path.join(tmpdir(), 'plan-lint-version-'));
    temps.push(workspace);
    const client = await TestClient.start({ capabilities: {}, workspace });
    try {
      expect(client.serverInfo).toEqual({ name: 'plan-lint-language-server', version: VERSION });
    } finally {
      await client.stop();
    }
  });

  it("is the VS Code extension's version, and CHANGELOG.md has a section for it", () => {
    expect(manifest('packages/vscode').version).toBe(VERSION);
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## \\[${VERSION.replace(/\./g, '\\.')}\\]`, 'm'));
    expect(changelog).toMatch(/^## \[0\.1\.0\] - \d{4}-\d{2}-\d{2}$/m);
  });
});
