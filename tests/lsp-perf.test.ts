/**
 * The language server's edit path does only the work an edit needs: changes that arrived together linted once
 * (without a debounce timer), and no build of an open document from disk. (What a keystroke recomputes in the
 * rules is counted in rules-memo.test.ts.) Work is counted, never timed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConfig } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { describe, expect, it } from 'vitest';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer } from '../packages/language-server/src/server.js';
import { analyze, type LintSetup } from '../packages/language-server/src/service.js';
import { WorkspaceIndex } from '../packages/language-server/src/workspace-index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORT = readFileSync(path.join(ROOT, 'seeds/fy2018-status-report.md'), 'utf8');
const setup: LintSetup = { config: createConfig({ rules, extends: 'plan-lint:recommended' }), rules };

/** Where the benchmark types: just before the tag of a status entry in the middle of the report. */
function typingOffset(text: string): number {
  const tag = text.indexOf(' (NPA)\n', text.length >> 1);
  expect(tag).toBeGreaterThan(0);
  return tag;
}

function frame(message: unknown): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the server without a debounce', () => {
  it('lints changes that arrived together once, for the last version', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const server = startServer(connection, { rules });
    connection.listen();
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const published: PublishDiagnosticsParams[] = [];
    client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
    client.listen();
    try {
      await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
      await client.sendNotification('initialized', {});
      const uri = 'untitled:Report-1';
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: REPORT } });
      const until = async (done: () => boolean) => {
        const end = Date.now() + 20_000;
        while (!done() && Date.now() < end) await sleep(5);
        expect(done()).toBe(true);
      };
      await until(() => published.some((p) => p.version === 1));
      const lintsAfterOpen = server.stats.lints;

      // One keystroke: one lint, published for its version.
      const lines = REPORT.slice(0, typingOffset(REPORT)).split('\n');
      const pos = { line: lines.length - 1, character: (lines[lines.length - 1] as string).length };
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: pos, end: pos }, text: 'x' }],
      });
      await until(() => published.some((p) => p.version === 2));
      expect(server.stats.lints).toBe(lintsAfterOpen + 1);

      // Three changes in one read (as when the editor sends them while the server is busy): one lint, for v5.
      const changes = [3, 4, 5].map((version, k) =>
        frame({
          jsonrpc: '2.0',
          method: 'textDocument/didChange',
          params: {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line: pos.line, character: pos.character + 1 + k }, end: { line: pos.line, character: pos.character + 1 + k } }, text: 'yz'[k % 2] }],
          },
        }),
      );
      toServer.write(changes.join(''));
      await until(() => published.some((p) => p.version === 5));
      await sleep(100);
      expect(published.filter((p) => (p.version ?? 0) >= 3).map((p) => p.version)).toEqual([5]);
      expect(server.stats.lints).toBe(lintsAfterOpen + 2);
      const text = `${REPORT.slice(0, typingOffset(REPORT))}xyzy${REPORT.slice(typingOffset(REPORT))}`;
      const last = published.find((p) => p.version === 5);
      expect(last?.diagnostics).toEqual(analyze({ uri, version: 5, text }, setup).diagnostics({ relatedInformation: false, tags: false, codeDescription: false }));
    } finally {
      client.dispose();
      connection.dispose();
    }
  });
});

describe('the workspace index', () => {
  it('does not read and build a draft from disk once the editor has it open', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-index-'));
    try {
      const file = path.join(dir, 'report.md');
      writeFileSync(file, REPORT);
      const uri = pathToFileURL(file).href;
      const index = new WorkspaceIndex();
      index.opened(uri);
      await index.indexFile(file);
      expect(index.size).toBe(0);
      // Closed again: the disk copy is indexed.
      await index.closed(uri, file);
      expect(index.size).toBe(1);
      expect(index.query('1-(ii)').length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
