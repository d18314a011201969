/**
 * The VS Code extension package: `npm run package:vscode` builds a .vsix that
 * holds the client, the bundled server and the data it reads, and the server
 * inside it runs on its own (no repository, no node_modules).
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DOCS_BASE_URL } from '@plan-lint/core';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const VSIX = path.join(ROOT, 'packages/vscode/plan-lint-vscode.vsix');

/** Reads a zip archive (stored or deflated entries) into name → content, without external tools. */
function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    jsonValidation: { fileMatch: string[]; url: string }[];
  };
}

describe('VS Code extension package', () => {
  let dir: string;
  let entries: string[];
  let ext: string;

  beforeAll(() => {
    rmSync(VSIX, { force: true });
    execFileSync('npm', ['run', 'package:vscode'], { cwd: ROOT, stdio: 'pipe', timeout: 240000 });
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-vsix-'));
    const files = readZip(VSIX);
    entries = [...files.keys()];
    for (const [name, content] of files) {
      if (name.endsWith('/')) continue;
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    ext = path.join(dir, 'extension');
  }, 300000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("contains the client, the bundled server and the engine's data (the schemas, the registry)", () => {
    for (const file of [
      'extension/package.json',
      'extension/readme.md',
      'extension/dist/extension.cjs',
      'extension/dist/server.mjs',
      'extension/packages/core/data/schema/config.schema.json',
      'extension/packages/core/data/schema/frontmatter.schema.json',
      'extension/packages/core/data/schema/registry.schema.json',
      'extension/packages/core/data/registry.json',
      'extension/packages/core/data/schema/profile.schema.json',
      'extension/packages/core/data/profiles/en.json',
      'extension/packages/core/data/profiles/ja.json',
    ]) {
      expect(entries).toContain(file);
    }
    // Self-contained: no node_modules, no TypeScript sources.
    expect(entries.filter((e) => e.includes('node_modules') || e.endsWith('.ts'))).toEqual([]);
    expect(readFileSync(path.join(ext, 'packages/core/data/schema/config.schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schema/config.schema.json'), 'utf8'));
    expect(readFileSync(path.join(ext, 'packages/core/data/registry.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'seeds/registry.json'), 'utf8'));
  });

  it('declares activation on Markdown, the settings, the fix-all command and validation of .plan-lint.json', () => {
    const manifest = JSON.parse(readFileSync(path.join(ext, 'package.json'), 'utf8')) as Manifest;
    expect(manifest.main).toBe('./dist/extension.cjs');
    expect(manifest.activationEvents).toEqual(['onLanguage:markdown']);
    expect(manifest.contributes.commands).toEqual([{ command: 'plan-lint.fixAll', title: 'Fix all', category: 'plan-lint' }]);
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(['planLint.debounceMs', 'planLint.enable', 'planLint.locale', 'planLint.rules', 'planLint.run', 'planLint.trace.server']);
    expect(props['planLint.debounceMs']?.default).toBe(200);
    // Unset (null): the editor's display language; the values the server reads (settings.ts).
    expect(props['planLint.locale']).toMatchObject({ default: null, enum: [null, 'auto', 'en', 'ja'] });
    const validation = manifest.contributes.jsonValidation[0];
    expect(validation?.fileMatch).toEqual(['.plan-lint.json', '.plan-lint.jsonc']);
    expect(existsSync(path.join(ext, validation?.url ?? 'missing'))).toBe(true);
  });

  it('has a CommonJS client that needs nothing but the vscode module', () => {
    const code = readFileSync(path.join(ext, 'dist/extension.cjs'), 'utf8');
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string));
    const external = [...required].filter((m) => !m.startsWith('node:') && !createRequire(import.meta.url)('node:module').builtinModules.includes(m));
    expect(external).toEqual(['vscode']);
    expect(code).toContain('plan-lint.applyFixAll');
  });

  it('runs the bundled server on its own, with the registry from the package and links to the documentation site', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'plan-lint-vsix-ws-'));
    const draft = path.join(ws, 'draft.md');
    copyFileSync(path.join(ROOT, 'fixtures/lsp/draft.md'), draft);
    const text = readFileSync(draft, 'utf8');
    // Run from the extracted package, outside the repository, as VS Code would (--node-ipc there; --stdio here).
    const proc = spawn(process.execPath, [path.join(ext, 'dist/server.mjs'), '--stdio'], { cwd: ws, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: '' } });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const published: PublishDiagnosticsParams[] = [];
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
    conn.listen();
    try {
      const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ws).href, capabilities: { textDocument: { publishDiagnostics: { codeDescriptionSupport: true } }, workspace: {} } })) as { serverInfo?: { version?: string } };
      // The bundled server reports the extension's version (the one version of every package: tests/versions.test.ts).
      expect(init.serverInfo?.version).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
      await conn.sendNotification('initialized', {});
      const uri = pathToFileURL(draft).href;
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const end = Date.now() + 15000;
      while (!published.some((p) => p.uri === uri) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      const p = published.find((x) => x.uri === uri);
      expect(p, stderr).toBeDefined();
      const mojj = p?.diagnostics.find((d) => d.message.includes("'MOJJ'"));
      expect(mojj?.code).toBe('ministry-known');
      const href = mojj?.codeDescription?.href ?? '';
      expect(href).toBe(`${DOCS_BASE_URL}rules/ministry-known.html`);
      const hover = (await conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: text.split('\n').findIndex((l) => l.includes('(NPA)')), character: text.split('\n').find((l) => l.includes('(NPA)'))!.indexOf('(NPA)') + 2 },
      })) as { contents: { value: string } };
      expect(hover.contents.value).toContain('警察庁');
    } finally {
      conn.dispose();
      proc.kill();
      rmSync(ws, { recursive: true, force: true });
    }
  }, 60000);
});
