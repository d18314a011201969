/**
 * The protocol layer: wires an LSP connection to the language service
 * (service.ts, navigation.ts). Everything here is about LSP plumbing: client
 * capabilities, document sync, debouncing, caching, settings and file events.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyRule } from '@plan-lint/core';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type {
  CancellationToken,
  ClientCapabilities,
  CodeAction,
  Connection,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  Range,
  ServerCapabilities,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigurationResolver, type DocumentSetup } from './configuration.js';
import type { DiagnosticOptions } from './diagnostics.js';
import * as nav from './navigation.js';
import { analyze, createDocumentReuse, FIX_ALL_KIND } from './service.js';
import type { Analysis, DocumentReuse } from './service.js';
import { DEFAULT_SETTINGS, normalizeSettings, type PlanLintSettings } from './settings.js';
import { WorkspaceIndex, type WorkspaceIndexOptions } from './workspace-index.js';

export const APPLY_FIX_ALL_COMMAND = 'plan-lint.applyFixAll';
export const CONFIG_GLOB = '**/.plan-lint.{json,jsonc}';
export const DRAFT_GLOB = '**/*.md';

export interface ServerOptions {
  rules: readonly AnyRule[];
  index?: WorkspaceIndexOptions;
}

/** What the client told us it can do. */
interface ClientFeatures {
  pull: boolean;
  pullRefresh: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
  watchedFilesDynamic: boolean;
  /** Code action kinds the client understands, or null without literal support. */
  codeActionKinds: string[] | null;
  definitionLinks: boolean;
  hierarchicalSymbols: boolean;
  prepareRename: boolean;
  documentChanges: boolean;
  applyEdit: boolean;
  showMessage: boolean;
  diagnostics: DiagnosticOptions;
}

interface Entry {
  key: string;
  version: number;
  analysis: Analysis;
  setup: DocumentSetup;
  enabled: boolean;
}

function readFeatures(c: ClientCapabilities): ClientFeatures {
  const td = c.textDocument ?? {};
  const literal = td.codeAction?.codeActionLiteralSupport?.codeActionKind.valueSet;
  return {
    pull: td.diagnostic !== undefined,
    pullRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    configurationDynamic: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesDynamic: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    codeActionKinds: literal ? [...literal] : null,
    definitionLinks: td.definition?.linkSupport === true,
    hierarchicalSymbols: td.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    prepareRename: td.rename?.prepareSupport === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    applyEdit: c.workspace?.applyEdit === true,
    showMessage: true,
    diagnostics: {
      relatedInformation: (td.publishDiagnostics?.relatedInformation ?? td.diagnostic?.relatedInformation) === true,
      tags: (td.publishDiagnostics?.tagSupport ?? td.diagnostic?.tagSupport) !== undefined,
      codeDescription: (td.publishDiagnostics?.codeDescriptionSupport ?? td.diagnostic?.codeDescriptionSupport) === true,
    },
  };
}

/** Whether `kind` is `base` or below it ("source.fixAll.plan-lint" is below "source"). */
function kindWithin(kind: string, base: string): boolean {
  return kind === base || kind.startsWith(`${base}.`);
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A scheduled lint: a debounce timer or an immediate (the handle changes between the two turns it waits). */
interface Pending {
  timeout?: NodeJS.Timeout;
  immediate?: NodeJS.Immediate;
}

function cancelPending(p: Pending): void {
  if (p.timeout) clearTimeout(p.timeout);
  if (p.immediate) clearImmediate(p.immediate);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export class PlanLintServer {
  readonly documents = new TextDocuments(TextDocument);
  readonly index: WorkspaceIndex;
  private readonly resolver: ConfigurationResolver;
  private features: ClientFeatures = readFeatures({});
  private pushDiagnostics = true;
  private globalSettings: PlanLintSettings = { ...DEFAULT_SETTINGS, rules: {} };
  private readonly settingsCache = new Map<string, Promise<PlanLintSettings>>();
  private readonly lastSettings = new Map<string, PlanLintSettings>();
  /** Bumped whenever configuration or settings change: part of every cache key. */
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  /** What each open document's last lint left to reuse: an edit recomputes only what it touched. */
  private readonly reuse = new Map<string, DocumentReuse>();
  /** The entry whose diagnostics the editor shows (pushed or pulled): for onSave mode. */
  private readonly shown = new Map<string, Entry>();
  /** Pending lints: a debounce timer, or (no debounce) the turn of the event loop the lint waits for. */
  private readonly timers = new Map<string, Pending>();
  private readonly published = new Map<string, string>();
  private readonly openedAt = new Map<string, number>();
  private readonly shownProblems = new Set<string>();
  private readonly loggedCrashes = new Set<string>();
  private readonly fileWatchers = new Map<string, FSWatcher>();
  private folders: string[] = [];
  private indexReady: Promise<void> = Promise.resolve();
  private shuttingDown = false;
  /** Counts of lint runs and publications (for tests and the log). */
  readonly stats = { lints: 0, publishes: 0 };

  constructor(
    readonly connection: Connection,
    readonly options: ServerOptions,
  ) {
    this.index = new WorkspaceIndex(options.index);
    this.resolver = new ConfigurationResolver(options.rules, () => this.folders[0]);
  }

  // -------------------------------------------------------------------------
  // Setup
  // -------------------------------------------------------------------------

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.initialized());
    c.onShutdown(() => {
      this.shuttingDown = true;
      for (const t of this.timers.values()) cancelPending(t);
      this.timers.clear();
      for (const w of this.fileWatchers.values()) w.close();
      this.fileWatchers.clear();
    });

    this.documents.onDidOpen((e) => this.safe(() => this.didOpen(e.document)));
    this.documents.onDidChangeContent((e) => this.safe(() => this.didChange(e.document)));
    this.documents.onDidSave((e) => this.safe(() => this.didSave(e.document)));
    this.documents.onDidClose((e) => this.safe(() => this.didClose(e.document)));

    c.onDidChangeConfiguration((params) => this.safe(() => this.didChangeConfiguration(params.settings)));
    c.onDidChangeWatchedFiles((params) => this.safe(() => this.didChangeWatchedFiles(params.changes)));

    c.languages.diagnostics.on((params, token) => this.pullDiagnostics(params.textDocument.uri, params.previousResultId, token));

    c.onCodeAction((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) => this.codeActions(entry, params.range, params.context.diagnostics, params.context.only)),
    );
    c.onDefinition((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) => nav.definition(entry.analysis.navigation(), params.position, this.features.definitionLinks)),
    );
    c.onReferences((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) =>
        nav.references(entry.analysis.navigation(), params.position, params.context.includeDeclaration),
      ),
    );
    c.onHover((params, token) => this.request(params.textDocument.uri, token, null, (entry) => nav.hover(entry.analysis.navigation(), params.position)));
    c.onDocumentSymbol((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) =>
        this.features.hierarchicalSymbols ? nav.documentSymbols(entry.analysis.navigation()) : nav.flatSymbols(entry.analysis.navigation()),
      ),
    );
    c.onWorkspaceSymbol(async (params, token) => {
      await this.indexReady;
      if (token.isCancellationRequested) return [];
      return this.index.query(params.query);
    });
    c.onCompletion((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) => nav.completion(entry.analysis.navigation(), params.position)),
    );
    c.onPrepareRename((params, token) =>
      this.request(params.textDocument.uri, token, null, (entry) => {
        const result = nav.prepareRename(entry.analysis.navigation(), params.position);
        if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        return result;
      }),
    );
    c.onRenameRequest((params, token) =>
      this.request(params.textDocument.uri, token, null, (entry) => {
        const result = nav.rename(entry.analysis.navigation(), params.position, params.newName);
        if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        return this.workspaceEdit(entry, result.edits);
      }),
    );
    c.onExecuteCommand(async (params) => {
      if (params.command !== APPLY_FIX_ALL_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command '${params.command}'`);
      const uri = params.arguments?.[0];
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${APPLY_FIX_ALL_COMMAND} needs the document uri`);
      const entry = await this.currentEntry(uri);
      const edit = entry?.analysis.fixAllEdit();
      if (!entry || !edit) return { applied: false };
      const result = await c.workspace.applyEdit({ label: 'plan-lint: Fix all', edit: this.workspaceEdit(entry, [edit]) });
      return { applied: result.applied };
    });

    this.documents.listen(c);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.features = readFeatures(params.capabilities);
    const init = (params.initializationOptions ?? {}) as { pushDiagnostics?: unknown; settings?: unknown };
    if (init.pushDiagnostics === false && this.features.pull) this.pushDiagnostics = false;
    if (init.settings !== undefined) this.globalSettings = normalizeSettings(init.settings);

    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    if (this.folders.length === 0 && params.rootPath) this.folders = [params.rootPath];

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      definitionProvider: true,
      referencesProvider: true,
      hoverProvider: true,
      documentSymbolProvider: { label: 'plan-lint' },
      workspaceSymbolProvider: true,
      completionProvider: { triggerCharacters: ['(', ',', ' '], resolveProvider: false },
      renameProvider: this.features.prepareRename ? { prepareProvider: true } : true,
      executeCommandProvider: { commands: [APPLY_FIX_ALL_COMMAND] },
    };
    if (this.features.pull) {
      capabilities.diagnosticProvider = { identifier: 'plan-lint', interFileDependencies: false, workspaceDiagnostics: false };
    }
    const kinds = this.features.codeActionKinds;
    if (kinds) {
      const offered = [CodeActionKind.QuickFix, FIX_ALL_KIND].filter((k) => kinds.some((base) => kindWithin(k, base)));
      capabilities.codeActionProvider = { codeActionKinds: offered, resolveProvider: false };
    }
    return { capabilities, serverInfo: { name: 'plan-lint-language-server', version: '0.1.0' } };
  }

  private initialized(): void {
    const c = this.connection;
    if (this.features.configurationDynamic) {
      void c.client.register(DidChangeConfigurationNotification.type, { section: 'planLint' }).catch((e: unknown) => this.log(`registering configuration: ${errorText(e)}`));
    }
    if (this.features.watchedFilesDynamic) {
      void c.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }, { globPattern: DRAFT_GLOB }] })
        .catch((e: unknown) => this.log(`registering file watchers: ${errorText(e)}`));
    }
    const started = Date.now();
    this.indexReady = this.index
      .indexFolders(this.folders, () => this.shuttingDown)
      .then(() => this.log(`indexed ${this.index.size} Markdown file(s) in ${Date.now() - started} ms${this.index.incomplete ? ' (stopped at the limit)' : ''}`))
      .catch((e: unknown) => this.log(`indexing failed: ${errorText(e)}`));
  }

  // -------------------------------------------------------------------------
  // Documents and diagnostics
  // -------------------------------------------------------------------------

  private didOpen(doc: TextDocument): void {
    this.openedAt.set(doc.uri, doc.version);
    // The editor's text is authoritative from now on: the index must not read and build the file from disk.
    this.index.opened(doc.uri);
    this.schedule(doc.uri, 0);
  }

  private didChange(doc: TextDocument): void {
    if (this.openedAt.get(doc.uri) === doc.version) return; // the open event already scheduled it
    this.openedAt.delete(doc.uri);
    const settings = this.lastSettings.get(doc.uri) ?? this.globalSettings;
    if (settings.run === 'onSave') return;
    this.schedule(doc.uri, settings.debounceMs);
  }

  private didSave(doc: TextDocument): void {
    const settings = this.lastSettings.get(doc.uri) ?? this.globalSettings;
    if (settings.run === 'onSave') this.schedule(doc.uri, 0);
  }

  private didClose(doc: TextDocument): void {
    const uri = doc.uri;
    this.cancelTimer(uri);
    this.entries.delete(uri);
    this.reuse.delete(uri);
    this.shown.delete(uri);
    this.settingsCache.delete(uri);
    this.lastSettings.delete(uri);
    this.openedAt.delete(uri);
    this.published.delete(uri);
    if (this.pushDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    void this.index.closed(uri, uriToPath(uri));
  }

  private cancelTimer(uri: string): void {
    const t = this.timers.get(uri);
    if (t) cancelPending(t);
    this.timers.delete(uri);
  }

  /**
   * Lints the document after `delay` ms of quiet (a newer call restarts the wait). Without a delay, the lint
   * waits two turns of the event loop instead of a timer (a timer takes at least 1 ms): vscode-jsonrpc hands
   * over one queued message per turn, so changes that arrived together are all applied before the lint
   * starts, and they are linted once, for the last version.
   */
  schedule(uri: string, delay: number): void {
    this.cancelTimer(uri);
    const run = (): void => {
      this.timers.delete(uri);
      this.validate(uri).catch((e: unknown) => this.log(`linting ${uri} failed: ${errorText(e)}`));
    };
    if (delay > 0) {
      this.timers.set(uri, { timeout: setTimeout(run, delay) });
      return;
    }
    const pending: Pending = {
      immediate: setImmediate(() => {
        pending.immediate = setImmediate(run);
      }),
    };
    this.timers.set(uri, pending);
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || this.shuttingDown) return;
    const version = doc.version;
    const settings = await this.settingsFor(uri);
    // A newer edit arrived while the settings were fetched: its own timer will lint it.
    const current = this.documents.get(uri);
    if (!current || current.version !== version || this.timers.has(uri)) return;
    const entry = this.entryFor(current, settings);
    // Never publish results for a stale version.
    if (this.documents.get(uri)?.version !== entry.version) return;
    this.shown.set(uri, entry);
    this.publish(entry);
  }

  private publish(entry: Entry): void {
    if (!this.pushDiagnostics) return;
    const uri = entry.analysis.uri;
    const key = `${entry.key}#${entry.enabled}`;
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    this.stats.publishes++;
    void this.connection.sendDiagnostics({ uri, version: entry.version, diagnostics: this.diagnosticsOf(entry) });
  }

  private diagnosticsOf(entry: Entry) {
    if (!entry.enabled || entry.setup.ignored) return [];
    return entry.analysis.diagnostics(this.features.diagnostics);
  }

  /** The analysis of this version of the document (cached per uri, version and configuration generation). */
  private entryFor(doc: TextDocument, settings: PlanLintSettings): Entry {
    const key = `${doc.version}#${this.generation}`;
    const cached = this.entries.get(doc.uri);
    if (cached && cached.key === key) return cached;
    const filePath = uriToPath(doc.uri);
    const setup = this.resolver.resolve(filePath, settings.rules);
    let reuse = this.reuse.get(doc.uri);
    if (!reuse) {
      reuse = createDocumentReuse();
      this.reuse.set(doc.uri, reuse);
    }
    const analysis = analyze({ uri: doc.uri, version: doc.version, text: doc.getText(), ...(filePath ? { filePath } : {}) }, setup, reuse);
    this.stats.lints++;
    const entry: Entry = { key, version: doc.version, analysis, setup, enabled: settings.enable };
    this.entries.set(doc.uri, entry);
    this.afterLint(entry);
    return entry;
  }

  private afterLint(entry: Entry): void {
    const { setup, analysis } = entry;
    if (setup.problem) {
      const text = `plan-lint: ${setup.problem.message}`;
      if (!this.shownProblems.has(text)) {
        this.shownProblems.add(text);
        this.log(text);
        void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: text });
      }
    }
    if (setup.configFile && !this.features.watchedFilesDynamic) this.watchFile(setup.configFile);
    for (const m of analysis.messages) {
      if (m.ruleId !== 'rule-crash') continue;
      const line = `${analysis.uri}:${m.range.start.line}:${m.range.start.column}: ${m.message}`;
      if (this.loggedCrashes.has(line)) continue;
      this.loggedCrashes.add(line);
      this.connection.console.error(line);
    }
    this.index.setDocument(analysis.uri, analysis.document, analysis.positions);
  }

  /** For clients that cannot watch files for us: watch the config file in the server. */
  private watchFile(file: string): void {
    if (this.fileWatchers.has(file)) return;
    try {
      const watcher = watch(file, { persistent: false }, () => this.configChanged(file));
      watcher.on('error', () => {
        watcher.close();
        this.fileWatchers.delete(file);
      });
      this.fileWatchers.set(file, watcher);
    } catch {
      // The file vanished; the next lint looks it up again.
    }
  }

  private configChanged(file?: string): void {
    this.resolver.changed(file);
    this.shownProblems.clear();
    this.generation++;
    this.revalidateAll();
  }

  private revalidateAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
    if (this.features.pull && this.features.pullRefresh) {
      void this.connection.languages.diagnostics.refresh().catch((e: unknown) => this.log(`diagnostic refresh failed: ${errorText(e)}`));
    }
  }

  private async pullDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    const settings = await this.settingsFor(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const current = this.documents.get(uri);
    if (!current) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (current.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while it was being linted', { retriggerRequest: true });
    }
    let entry: Entry;
    const shown = this.shown.get(uri);
    if (settings.run === 'onSave' && shown && shown.key.endsWith(`#${this.generation}`)) entry = shown;
    else {
      entry = this.entryFor(current, settings);
      this.shown.set(uri, entry);
    }
    const resultId = `${entry.key}#${entry.enabled}`;
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: this.diagnosticsOf(entry) };
  }

  // -------------------------------------------------------------------------
  // Settings and files
  // -------------------------------------------------------------------------

  private settingsFor(uri: string): Promise<PlanLintSettings> {
    let pending = this.settingsCache.get(uri);
    if (!pending) {
      pending = this.features.configuration
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'planLint' })
            .then((raw: unknown) => (raw === null || raw === undefined ? this.globalSettings : normalizeSettings(raw)))
            .catch(() => this.globalSettings)
        : Promise.resolve(this.globalSettings);
      pending = pending.then((s) => {
        this.lastSettings.set(uri, s);
        return s;
      });
      this.settingsCache.set(uri, pending);
    }
    return pending;
  }

  private didChangeConfiguration(settings: unknown): void {
    const section = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['planLint'] : undefined;
    if (section !== undefined) this.globalSettings = normalizeSettings(section);
    this.settingsCache.clear();
    this.shownProblems.clear();
    this.generation++;
    this.revalidateAll();
  }

  private didChangeWatchedFiles(changes: readonly { uri: string; type: FileChangeType }[]): void {
    let config = false;
    for (const change of changes) {
      const file = uriToPath(change.uri);
      const base = file ? path.basename(file) : change.uri.slice(change.uri.lastIndexOf('/') + 1);
      if (base === '.plan-lint.json' || base === '.plan-lint.jsonc' || base.toLowerCase().endsWith('.json')) {
        this.resolver.changed(file);
        config = true;
      } else if (base.toLowerCase().endsWith('.md') && file) {
        if (change.type === FileChangeType.Deleted) this.index.remove(change.uri);
        else if (!this.documents.get(change.uri)) this.indexReady = this.indexReady.then(() => this.index.indexFile(file));
      }
    }
    if (config) {
      this.shownProblems.clear();
      this.generation++;
      this.revalidateAll();
    }
  }

  // -------------------------------------------------------------------------
  // Requests
  // -------------------------------------------------------------------------

  private async currentEntry(uri: string): Promise<Entry | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const settings = await this.settingsFor(uri);
    const current = this.documents.get(uri);
    return current ? this.entryFor(current, settings) : undefined;
  }

  /** Runs a feature on the current analysis; honours cancellation and never lets an exception kill the server. */
  private async request<T>(uri: string, token: CancellationToken, fallback: T, run: (entry: Entry) => T): Promise<T> {
    try {
      const entry = await this.currentEntry(uri);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (!entry) return fallback;
      return run(entry);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.log(`request on ${uri} failed: ${errorText(error)}`);
      return fallback;
    }
  }

  private codeActions(entry: Entry, range: Range, diagnostics: readonly Diagnostic[], only: string[] | undefined): CodeAction[] {
    const clientKinds = this.features.codeActionKinds;
    if (!clientKinds || entry.setup.ignored) return [];
    const supports = (kind: string): boolean => {
      if (!clientKinds.some((base) => kindWithin(kind, base))) return false;
      return only === undefined || only.some((o) => kindWithin(kind, o));
    };
    return entry.analysis.codeActions(range, diagnostics, supports);
  }

  private workspaceEdit(entry: Entry, edits: TextEdit[]): WorkspaceEdit {
    const uri = entry.analysis.uri;
    if (this.features.documentChanges) return { documentChanges: [{ textDocument: { uri, version: entry.version }, edits }] };
    return { changes: { [uri]: edits } };
  }

  // -------------------------------------------------------------------------

  private safe(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.log(`internal error: ${errorText(error)}`);
    }
  }

  private log(text: string): void {
    this.connection.console.log(text);
  }
}

/** Wires the plan-lint language server to a connection (call `connection.listen()` afterwards). */
export function startServer(connection: Connection, options: ServerOptions): PlanLintServer {
  const server = new PlanLintServer(connection, options);
  server.listen();
  return server;
}
