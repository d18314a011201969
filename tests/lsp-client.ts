/**
 * A small LSP client for the tests: spawns the built plan-lint language server over stdio and records what it
 * sends (diagnostics, messages, registrations, edits), answering workspace/configuration with `settings`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';

export const SERVER_BIN = path.join(fileURLToPath(new URL('..', import.meta.url)), 'packages/language-server/bin/plan-lint-language-server.js');

export interface StartOptions {
  capabilities: ClientCapabilities;
  workspace: string;
  /** Returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** The client's display language (`initialize` `locale`), e.g. "ja" or "en-US". */
  locale?: string;
  /** The server's command (default: `node packages/language-server/bin/plan-lint-language-server.js --stdio`). */
  command?: { file: string; args: readonly string[]; env?: NodeJS.ProcessEnv };
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shown: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly applied: WorkspaceEdit[] = [];
  /** The last version sent for each document. */
  readonly versions = new Map<string, number>();
  refreshes = 0;
  configurationRequests = 0;
  settings: Record<string, unknown>;
  capabilities: Record<string, unknown> = {};
  serverInfo: { name: string; version?: string } | undefined;
  private stderr = '';

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.published.push(p));
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => this.shown.push(p));
    conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
      this.configurationRequests++;
      return p.items.map(() => this.settings);
    });
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.applied.push(p.edit);
      return { applied: true };
    });
    conn.listen();
  }

  static async start(options: StartOptions): Promise<TestClient> {
    const command = options.command ?? { file: process.execPath, args: [SERVER_BIN, '--stdio'] };
    const proc = spawn(command.file, command.args, { cwd: options.workspace, stdio: ['pipe', 'pipe', 'pipe'], ...(command.env ? { env: command.env } : {}) });
    if (!proc.stdout || !proc.stdin) throw new Error('no stdio');
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(proc, conn, options.settings ?? {});
    const folder = pathToFileURL(options.workspace).href;
    const result = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'ws' }],
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
    })) as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
    client.capabilities = result.capabilities;
    client.serverInfo = result.serverInfo;
    await conn.sendNotification('initialized', {});
    return client;
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }

  /** The server process's resident memory (Linux /proc). */
  rssKb(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  }

  get stderrText(): string {
    return this.stderr;
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, version);
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: ({ range: Range; text: string } | { text: string })[]): Promise<void> {
    this.versions.set(uri, version);
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** Waits for a publication for `uri` (after the first `after` ones) that satisfies `pred`. */
  async waitForDiagnostics(
    uri: string,
    pred: (p: PublishDiagnosticsParams) => boolean = () => true,
    after = 0,
    timeout = 10000,
  ): Promise<PublishDiagnosticsParams> {
    const end = Date.now() + timeout;
    for (;;) {
      const found = this.publishedFor(uri).slice(after).find(pred);
      if (found) return found;
      if (Date.now() > end) {
        throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.publishedFor(uri).map((p) => [p.version, p.diagnostics.map((d) => d.code)]))}\n${this.stderr}`);
      }
      await sleep(20);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
