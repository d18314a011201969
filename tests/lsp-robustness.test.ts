/**
 * The language server under stress, spawned over stdio as an editor would: a 5 MB
 * document, 1,000 edits in a burst (answering requests during and after it, publishing
 * the diagnostics of the final text, with bounded memory), and, in process, rules that
 * throw in odd ways while the server keeps serving.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type DocumentSymbol,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import type { AnyRule } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { startServer } from '../packages/language-server/src/server.js';
import { buildCli, cleanTemps, ROOT, runCli, tempDir } from './cli-helpers.js';
import { sleep, TestClient } from './lsp-client.js';

const SEED = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const RSS_LIMIT_KB = 1.5 * 1024 * 1024;



/** Diagnostics as comparable strings: rule, 1-based position, message. */
const fromLsp = (ds: Diagnostic[]) => ds.map((d) => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).sort();

function freshLint(workspace: string, name: string, text: string): string[] {
  writeFileSync(path.join(workspace, name), text);
  const r = runCli(['--format', 'json', name], { cwd: workspace });
  expect([0, 1], r.stderr).toContain(r.code);
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
  return result!.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`).sort();
}

let workspace: string;
let client: TestClient;

beforeAll(async () => {
  buildCli();
  workspace = tempDir();
  client = await TestClient.start({
    workspace,
    capabilities: {
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await client?.stop();
  cleanTemps();
});

describe('language server under stress (stdio)', () => {
  it('lints a 5 MB document and keeps answering', async () => {
    const uri = pathToFileURL(path.join(workspace, 'big.md')).href;
    const text = SEED.repeat(Math.ceil(5_000_000 / SEED.length));
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.length).toBeGreaterThan(100); // every repetition's sections
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1, 0, 90_000);
    expect(published.diagnostics.some((d) => d.code === 'numbering')).toBe(true);
    expect(published.diagnostics.some((d) => d.code === 'rule-crash' || d.code === 'parse')).toBe(false);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    expect(client.rssKb()).toBeLessThan(RSS_LIMIT_KB);
  }, 180_000);

  it('answers a hover in another document while a 5 MB document is being re-linted', async () => {
    const small = pathToFileURL(path.join(workspace, 'small.md')).href;
    await client.open(small, SEED, 1);
    await client.waitForDiagnostics(small, (p) => p.version === 1, 0, 60_000);
    const big = pathToFileURL(path.join(workspace, 'big-edited.md')).href;
    const text = SEED.repeat(Math.ceil(5_000_000 / SEED.length));
    await client.open(big, text, 1);
    await client.waitForDiagnostics(big, (p) => p.version === 1, 0, 90_000);
    // A change all through the big document (nothing of the last lint is reused), a request that needs its new
    // analysis, and right behind it a hover in the small document: the hover does not wait for the big lint.
    await client.change(big, 2, [{ text: text.replace(/\(NPA\)/g, '(NPA) ') }]);
    const line = SEED.split('\n').findIndex((l) => l.includes('(NPA)'));
    const answered: string[] = [];
    const symbols = client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: big } }).then((r) => {
      answered.push('big document symbols');
      return r;
    });
    const hover = client
      .request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: small },
        position: { line, character: (SEED.split('\n')[line] as string).indexOf('(NPA)') + 2 },
      })
      .then((r) => {
        answered.push('small document hover');
        return r;
      });
    const [bigSymbols, smallHover] = await Promise.all([symbols, hover]);
    expect(answered).toEqual(['small document hover', 'big document symbols']);
    expect(smallHover?.contents.value).toContain('National Police Agency');
    expect(bigSymbols.length).toBeGreaterThan(100);
    const after = await client.waitForDiagnostics(big, (p) => p.version === 2, 0, 90_000);
    expect(after.diagnostics.some((d) => d.code === 'numbering')).toBe(true);
    await client.close(big);
    await client.close(small);
  }, 240_000);

  it('stays responsive through 1,000 edits and publishes the diagnostics of the final text', async () => {
    const uri = pathToFileURL(path.join(workspace, 'burst.md')).href;
    let text = SEED;
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const lines = text.split('\n');
    const abbrs = ['NPA', 'MOJJ', 'MEXT', 'CAO', 'XYZ'];
    let answeredDuring = 0;
    const pending: Promise<unknown>[] = [];
    for (let v = 2; v <= 1001; v++) {
      // Edit a tag near the end of some line: insert, then replace, at varied places.
      const line = (v * 37) % lines.length;
      const lineText = lines[line] ?? '';
      const at = lineText.length;
      const insert = v % 3 === 0 ? '' : ` (${abbrs[v % abbrs.length]})`;
      const range = { start: { line, character: at }, end: { line, character: at } };
      lines[line] = lineText + insert;
      text = lines.join('\n');
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert }] });
      if (v % 100 === 0) {
        pending.push(
          client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).then((s) => {
            if (Array.isArray(s) && s.length > 0) answeredDuring++;
          }),
          client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 20, character: 5 } }),
        );
      }
    }
    const started = Date.now();
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(symbols.map((s) => s.name).slice(0, 2)).toEqual([expect.stringMatching(/^Abbreviations|^1\./), expect.any(String)]);
    await Promise.all(pending);
    expect(answeredDuring).toBe(10);
    const final = await client.waitForDiagnostics(uri, (p) => p.version === 1001, 0, 60_000);
    expect(final.diagnostics.some((d) => d.code === 'ministry-known' && /MOJJ|XYZ/.test(d.message))).toBe(true);
    expect(fromLsp(final.diagnostics)).toEqual(freshLint(workspace, 'burst-final.md', text));
    // Debounced: far fewer publications than edits.
    expect(client.published.filter((p) => p.uri === uri).length).toBeLessThan(100);
    expect(client.rssKb()).toBeLessThan(RSS_LIMIT_KB);
  }, 180_000);
});

describe('rules that throw, in process', () => {
  it('turns each kind of throw into one rule-crash, recovers when the text no longer triggers it, and keeps serving', async () => {
    const base = rules[0]!.meta;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const throwing = (id: string, when: string, doThrow: () => void): AnyRule => ({
      meta: { ...base, id, docs: `${id}.md`, recommended: true, defaultSeverity: 'error' },
      check(context) {
        if (context.document.text.includes(when)) doThrow();
      },
    });
    const crashing: AnyRule[] = [
      throwing('throws-error', 'CRASH', () => {
        throw new RangeError('index out of range');
      }),
      throwing('throws-string', 'CRASH', () => {
        throw 'a string';
      }),
      throwing('throws-hostile-object', 'CRASH', () => {
        throw { get message(): string { throw new Error('no message'); }, toString(): string { throw new Error('no string'); } };
      }),
      throwing('overflows-stack', 'CRASH', () => void recurse(0)),
    ];
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(connection, { rules: [...rules, ...crashing] });
    connection.listen();
    const conn = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const published: PublishDiagnosticsParams[] = [];
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
    conn.onNotification('window/logMessage', () => undefined);
    conn.listen();
    await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await conn.sendNotification('initialized', {});
    const uri = 'untitled:Crash-1';
    const draft = '## 1. A\n\n### (i) B\n\nShall. (National Police Agency)\n\n- Done CRASH. (MOJJ)\n';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
    const wait = async (version: number) => {
      const end = Date.now() + 10_000;
      for (;;) {
        const p = published.find((x) => x.version === version || (x.version === undefined && published.indexOf(x) >= version - 1));
        if (p) return p;
        if (Date.now() > end) throw new Error(`no diagnostics for version ${version}`);
        await sleep(10);
      }
    };
    const first = await wait(1);
    const crashes = first.diagnostics.filter((d) => d.code === 'rule-crash');
    expect(crashes).toHaveLength(4);
    for (const id of ['throws-error', 'throws-string', 'throws-hostile-object', 'overflows-stack']) {
      expect(crashes.filter((d) => d.message.includes(id)), id).toHaveLength(1);
    }
    expect(first.diagnostics.some((d) => d.code === 'ministry-known')).toBe(true);
    // Remove the trigger: the crashes go, the real finding stays.
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: draft.replace('CRASH', 'it') }] });
    const end = Date.now() + 10_000;
    while (published.length < 2 && Date.now() < end) await sleep(10);
    const second = published[published.length - 1]!;
    expect(second.diagnostics.filter((d) => d.code === 'rule-crash')).toEqual([]);
    expect(second.diagnostics.some((d) => d.code === 'ministry-known')).toBe(true);
    const symbols = (await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string }[];
    expect(symbols.map((s) => s.name)).toEqual(['1. A', '1-(i) B']);
    conn.dispose();
    connection.dispose();
  });
});
