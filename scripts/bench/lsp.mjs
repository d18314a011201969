// Edit-to-publish latency of the built language server: spawned over stdio, driven with
// createProtocolConnection (vscode-languageserver/node). After didOpen, single-character edits are typed one at a
// time into a status entry in the middle of the document; each next edit waits until the diagnostics of the
// previous version were published (plus a short pause), and the latency is the time from sending didChange to
// receiving publishDiagnostics for that version.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';

const TYPED = ' The activity was continued and expanded during the fiscal year under review, with more sessions';

/** Where to type: just before the responsibility tag of a status entry around the middle of the document. */
export function typingPoint(text) {
  const lines = text.split('\n');
  const start = Math.floor(lines.length / 2);
  for (let k = 0; k < lines.length; k++) {
    const i = (start + k) % lines.length;
    const line = lines[i];
    if (!/^\s*[-*] /.test(line) || line.startsWith('- Repeat mention')) continue;
    const tag = line.lastIndexOf(' (');
    if (tag > 40 && line.endsWith(')')) return { line: i, character: tag };
  }
  return { line: start, character: 0 };
}

/**
 * `others`: documents opened first (each waited for), e.g. the plan and the other reports linked to it. `linkedEdit`:
 * after the typing, one edit of another open document (the plan); `refreshMs` is the time until every document of
 * `others` that is not the edited one, and `file`, had new diagnostics published.
 * @param {{ serverBin: string, workspace: string, file: string, text: string, edits: number, settings?: Record<string, unknown>,
 *           pauseMs?: number, timeoutMs?: number, nodeArgs?: string[], others?: { file: string, text: string }[],
 *           linkedEdit?: { file: string, text: string } }} options
 * @returns {Promise<{ openMs: number, latencies: number[], publishes: number, diagnostics: number, stderr: string, refreshMs?: number }>}
 */
export async function measureServer(options) {
  const { serverBin, workspace, file, text, edits, settings, pauseMs = 30, timeoutMs = 30_000, nodeArgs = [], others = [], linkedEdit } = options;
  const proc = spawn(process.execPath, [...nodeArgs, serverBin, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d.toString()));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  /** @type {Map<number, (t: number) => void>} */
  const waiting = new Map();
  /** @type {Map<number, number>} */
  const arrived = new Map();
  let publishes = 0;
  let diagnostics = 0;
  const uri = pathToFileURL(file).href;
  /** Publications per uri (every document), and who waits for the next one of a uri. */
  const count = new Map();
  const next = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const t = performance.now();
    count.set(p.uri, (count.get(p.uri) ?? 0) + 1);
    next.get(p.uri)?.(t);
    if (p.uri !== uri) return;
    publishes++;
    diagnostics = p.diagnostics.length;
    if (typeof p.version !== 'number') return;
    if (!arrived.has(p.version)) arrived.set(p.version, t);
    waiting.get(p.version)?.(t);
  });
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();

  const published = (version) =>
    new Promise((resolve, reject) => {
      const seen = arrived.get(version);
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(() => {
        waiting.delete(version);
        reject(new Error(`no publishDiagnostics for version ${version} within ${timeoutMs} ms\n${stderr.slice(-2000)}`));
      }, timeoutMs);
      waiting.set(version, (t) => {
        clearTimeout(timer);
        waiting.delete(version);
        resolve(t);
      });
    });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  try {
    const folder = pathToFileURL(workspace).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'bench' }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
        },
      },
      ...(settings ? { initializationOptions: { settings } } : {}),
    });
    await conn.sendNotification('initialized', {});
    const nextPublish = (u) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no publishDiagnostics for ${u} within ${timeoutMs} ms\n${stderr.slice(-2000)}`)), timeoutMs);
        next.set(u, (t) => {
          clearTimeout(timer);
          next.delete(u);
          resolve(t);
        });
      });
    for (const other of others) {
      const u = pathToFileURL(other.file).href;
      const opened = nextPublish(u);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: other.text } });
      await opened;
    }
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const openMs = (await published(1)) - t0;

    const at = typingPoint(text);
    const latencies = [];
    for (let i = 0; i < edits; i++) {
      await sleep(pauseMs);
      const version = i + 2;
      const ch = TYPED[i % TYPED.length];
      const pos = { line: at.line, character: at.character + i };
      const sent = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: pos, end: pos }, rangeLength: 0, text: ch }],
      });
      latencies.push((await published(version)) - sent);
    }
    let refreshMs;
    if (linkedEdit) {
      await sleep(pauseMs * 10);
      const editedUri = pathToFileURL(linkedEdit.file).href;
      const waits = [uri, ...others.map((o) => pathToFileURL(o.file).href)].filter((u) => u !== editedUri).map(nextPublish);
      const sent = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: editedUri, version: 2 }, contentChanges: [{ text: linkedEdit.text }] });
      refreshMs = Math.max(...(await Promise.all(waits))) - sent;
    }
    return { openMs, latencies, publishes, diagnostics, stderr, ...(refreshMs !== undefined ? { refreshMs } : {}) };
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), sleep(2000)]);
      await conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    conn.dispose();
    await Promise.race([new Promise((r) => proc.once('exit', r)), sleep(2000)]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill();
  }
}
