/**
 * The built language server and the files around a draft: configuration changes seen without any help from the
 * client (as in Neovim and Helix, which do not watch files for the server), and documents that are not drafts
 * (plain text, code, JSON) left alone while the workspace symbols tell drafts apart.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams, SymbolInformation } from 'vscode-languageserver/node';
import { execFileSync } from 'node:child_process';
import { sleep, TestClient } from './lsp-client.js';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DRAFT = readFileSync(path.join(ROOT, 'fixtures/lsp/draft.md'), 'utf8');

/** A client without file watching, configuration requests or dynamic registration (Neovim 0.7, Helix). */
const PLAIN_CLIENT: ClientCapabilities = { textDocument: { synchronization: { didSave: true }, publishDiagnostics: {} } };

const clients: TestClient[] = [];
const dirs: string[] = [];

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-lsp-ws-'));
  dirs.push(dir);
  copyFileSync(path.join(ROOT, 'fixtures/lsp/draft.md'), path.join(dir, 'draft.md'));
  copyFileSync(path.join(ROOT, 'fixtures/lsp/other.md'), path.join(dir, 'other.md'));
  return dir;
}

async function start(dir: string, capabilities: ClientCapabilities): Promise<TestClient> {
  const client = await TestClient.start({ capabilities, workspace: dir });
  clients.push(client);
  return client;
}

/** Saves a file as many editors do: write a temporary file, then rename it over the old one. */
function atomicWrite(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

const messages = (p: PublishDiagnosticsParams) => p.diagnostics.map((d: Diagnostic) => d.message);
const mentions = (p: PublishDiagnosticsParams, needle: string) => messages(p).some((m) => m.includes(needle));

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/language-server'], { cwd: ROOT, stdio: 'pipe' });
}, 240_000);

afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('configuration changes in a client that watches no files', () => {
  it('applies a config created while the draft is open, every atomic save of it, and edits of its registry file', async () => {
    const dir = workspace();
    const client = await start(dir, PLAIN_CLIENT);
    const uri = pathToFileURL(path.join(dir, 'draft.md')).href;
    await client.open(uri, DRAFT, 1);
    const first = await client.waitForDiagnostics(uri);
    expect(mentions(first, "'MET' is not a known")).toBe(true);
    const config = path.join(dir, '.plan-lint.json');
    const wait = (pred: (p: PublishDiagnosticsParams) => boolean) => client.waitForDiagnostics(uri, pred, client.publishedFor(uri).length, 5000);

    // Created while the draft is open (the "no config here" answer must not stick).
    writeFileSync(config, JSON.stringify({ rules: { 'ministry-known': 'off' } }));
    await wait((p) => !p.diagnostics.some((d) => d.code === 'ministry-known'));

    // Two atomic saves in a row: each one applies.
    atomicWrite(config, JSON.stringify({ rules: { 'ministry-known': 'off', 'repeat-mention-format': 'off' } }));
    await wait((p) => !p.diagnostics.some((d) => d.code === 'repeat-mention-format' || d.code === 'ministry-known'));
    atomicWrite(config, JSON.stringify({ rules: {}, registry: 'extra.json' }));
    const extra = path.join(dir, 'extra.json');
    const met = { id: 'met', name: 'Ministry of Extra Things', abbreviations: ['MET'], nameJa: '追加省', validFrom: '2001-01-06' };
    // The registry file does not exist yet: that is reported; creating it fixes the draft's diagnostics.
    await wait((p) => p.diagnostics.length === 1 && p.diagnostics[0]?.code === 'config' && mentions(p, 'extra.json'));
    writeFileSync(extra, JSON.stringify({ version: 'test', bodies: [met] }));
    const known = await wait((p) => p.diagnostics.some((d) => d.code === 'repeat-mention-format'));
    expect(mentions(known, "'MET' is not a known")).toBe(false);
    expect(mentions(known, "'MOJJ' is not a known")).toBe(true);

    // An edit of the registry file in place.
    writeFileSync(extra, JSON.stringify({ version: 'test', bodies: [{ ...met, abbreviations: ['MXT'] }] }));
    await wait((p) => mentions(p, "'MET' is not a known"));

    // Deleting the config: back to the defaults.
    rmSync(config);
    const back = await wait((p) => mentions(p, "'MET' is not a known") && !p.diagnostics.some((d) => d.code === 'config'));
    expect(back.diagnostics.map((d) => d.code)).toEqual(first.diagnostics.map((d) => d.code));
  });
});

describe('documents that are not drafts', () => {
  const FULL: ClientCapabilities = {
    workspace: { symbol: {}, didChangeWatchedFiles: { dynamicRegistration: true } },
    textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true }, diagnostic: {}, documentSymbol: {} },
  };

  it('lints and indexes only Markdown: not plain text, code or JSON buffers, even with a draft in them', async () => {
    const dir = workspace();
    const client = await start(dir, FULL);
    const plain = 'untitled:Untitled-1';
    const code = pathToFileURL(path.join(dir, 'notes.ts')).href;
    const json = pathToFileURL(path.join(dir, 'package.json')).href;
    const draftAsText = pathToFileURL(path.join(dir, 'copy.md')).href;
    const unique = DRAFT.replace('Support for child victims', 'Support for child victims in buffers');
    await client.open(plain, unique, 1, 'plaintext');
    await client.open(code, unique, 1, 'typescript');
    await client.open(json, unique, 1, 'json');
    // A .md file that the client names with no useful language id is still a draft.
    await client.open(draftAsText, DRAFT, 1, 'plaintext');
    await client.waitForDiagnostics(draftAsText, (p) => p.diagnostics.length > 0);
    await sleep(500);
    expect(client.published.map((p) => path.basename(p.uri))).toEqual(['copy.md']);
    const pulled = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: plain } });
    expect(pulled.items).toEqual([]);
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'child victims in buffers' });
    expect(symbols).toEqual([]);
    await waitForLog(client, /indexed \d+ Markdown file/);
    expect(client.logs.find((l) => /indexed \d+ Markdown file/.test(l))).toMatch(/^indexed 2 Markdown file\(s\)/);
  });

  it('drops a closed untitled buffer from the workspace symbols, and names file and fiscal year in container names', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'fy2019.md'), DRAFT.replace('fiscal-year: 2018', 'fiscal-year: 2019').replace('(FY2018)', '(FY2019)'));
    const client = await start(dir, FULL);
    const untitled = 'untitled:Untitled-2';
    await client.open(untitled, '## 7. Buffer only\n\n### (i) Measure typed in an unsaved buffer\n\nText. (National Police Agency)\n', 1);
    await client.waitForDiagnostics(untitled);
    const query = (q: string) => client.request<SymbolInformation[]>('workspace/symbol', { query: q });
    expect((await query('typed in an unsaved buffer')).map((s) => [s.name, s.containerName])).toEqual([
      ['7-(i) Measure typed in an unsaved buffer', 'Untitled-2 — 7. Buffer only — 1 planned action, 0 status entries'],
    ]);
    await client.close(untitled);
    await sleep(200);
    expect(await query('typed in an unsaved buffer')).toEqual([]);

    // Two reports with the same measures: the container names tell them apart.
    const victims = await query('Support for child victims');
    expect(victims.map((s) => s.containerName).sort()).toEqual([
      'draft.md (FY2018) — 2. Protection of children from sexual exploitation — 1 planned action, 2 status entries, 1 repeat mention',
      'fy2019.md (FY2019) — 2. Protection of children from sexual exploitation — 1 planned action, 2 status entries, 1 repeat mention',
    ]);
    const sections = await query('2. Protection of children');
    expect(sections.map((s) => s.containerName).sort()).toEqual(['draft.md (FY2018)', 'fy2019.md (FY2019)']);
  });
});

async function waitForLog(client: TestClient, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 200 && !client.logs.some((l) => pattern.test(l)); i++) await sleep(25);
}
