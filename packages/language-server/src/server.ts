/**
 * The protocol layer: wires an LSP connection to the language service
 * (service.ts, navigation.ts). Everything here is about LSP plumbing: client
 * capabilities, document sync, debouncing, caching, settings and file events.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localeOf, textIn, type AnyRule, type Locale, type Localized } from '@plan-lint/core';
import {
  CodeActionKind,
  CodeActionTriggerKind,
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
  CodeActionParams,
  Connection,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  Location,
  Position,
  ServerCapabilities,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigFileWatcher } from './config-watch.js';
import { ConfigurationResolver, type DocumentSetup } from './configuration.js';
import type { DiagnosticOptions } from './diagnostics.js';
import { createServerLinker, dependsOn, originalDefinition, planDefinition, planHover, planReferences, type OpenReport } from './links.js';
import * as nav from './navigation.js';
import { Analysis, buildDocument, createDocumentReuse, FIX_ALL_KIND } from './service.js';
import type { DocumentInput, DocumentReuse } from './service.js';
import { DEFAULT_SETTINGS, lintLocaleOf, normalizeSettings, type PlanLintSettings } from './settings.js';
import { PositionMapper } from './positions.js';
import { WorkspaceIndex, type WorkspaceIndexOptions } from './workspace-index.js';
import { serverVersion } from './version.js';

export const APPLY_FIX_ALL_COMMAND = 'plan-lint.applyFixAll';
export const CONFIG_GLOB = '**/.plan-lint.{json,jsonc}';
export const DRAFT_GLOB = '**/*.{md,markdown}';
const FIX_ALL_TITLE: Localized = { en: 'Fix all auto-fixable plan-lint problems', ja: 'plan-lintで自動修正できる問題をすべて修正' };

/** Language ids that say nothing about the content: then the file name decides. */
const GENERIC_LANGUAGE_IDS = new Set(['', 'plaintext', 'text']);

/** Whether a document is a draft to lint: Markdown by its language id, or by its file name when the id says nothing. */
export function isDraftDocument(languageId: string, uri: string): boolean {
  if (languageId === 'markdown') return true;
  return GENERIC_LANGUAGE_IDS.has(languageId) && /\.(?:md|markdown)$/i.test(uri.replace(/[?#].*$/, ''));
}

/** What a deferred fix-all action carries until `codeAction/resolve` computes its edits. */
interface FixAllData {
  uri: string;
  version: number;
}

function isFixAllData(value: unknown): value is FixAllData {
  const v = value as Partial<FixAllData> | null;
  return typeof v === 'object' && v !== null && typeof v.uri === 'string' && typeof v.version === 'number';
}

/**
 * Lets the event loop run twice: requests that arrived meanwhile (vscode-jsonrpc hands over one message per
 * turn, after the I/O phase) are answered before the work goes on.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

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
  /** The client resolves code actions lazily (`codeAction/resolve` may fill in `edit`). */
  codeActionResolve: boolean;
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
    codeActionResolve: td.codeAction?.resolveSupport?.properties.includes('edit') === true,
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
  /** Whether document symbols list sections; off when the client lists Markdown headings itself (see nav.SymbolOptions). */
  private symbolOptions: nav.SymbolOptions = { sections: true };
  private globalSettings: PlanLintSettings = { ...DEFAULT_SETTINGS, rules: {} };
  /** The client's language (`initialize` `locale`), when messages are written in it. */
  private clientLocale: Locale | undefined;
  private readonly settingsCache = new Map<string, Promise<PlanLintSettings>>();
  private readonly lastSettings = new Map<string, PlanLintSettings>();
  /** Bumped whenever configuration or settings change: part of every cache key. */
  private generation = 0;
  private readonly entries = new Map<string, Entry>();
  /** Per open report: bumped when a document it links to changes (part of its cache key, like `generation`). */
  private readonly linkGeneration = new Map<string, number>();
  /** Open documents that are drafts (Markdown); every other open document is left alone. */
  private readonly drafts = new Set<string>();
  /** Lints under way, by uri: a request for the same version and configuration waits for it instead of linting again. */
  private readonly running = new Map<string, { key: string; promise: Promise<Entry | undefined> }>();
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
  private readonly configWatcher = new ConfigFileWatcher((files) => this.configFilesChanged(files));
  private folders: string[] = [];
  private indexReady: Promise<void> = Promise.resolve();
  private shuttingDown = false;
  /** The plans and previous reports that open reports link to: open buffers win over the disk. */
  private readonly linker = createServerLinker((file) => this.documents.get(pathToFileURL(file).href)?.getText());
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
      this.configWatcher.dispose();
    });

    this.documents.onDidOpen((e) => this.safe(() => this.didOpen(e.document)));
    this.documents.onDidChangeContent((e) => this.safe(() => this.didChange(e.document)));
    this.documents.onDidSave((e) => this.safe(() => this.didSave(e.document)));
    this.documents.onDidClose((e) => this.safe(() => this.didClose(e.document)));

    c.onDidChangeConfiguration((params) => this.safe(() => this.didChangeConfiguration(params.settings)));
    c.onDidChangeWatchedFiles((params) => this.safe(() => this.didChangeWatchedFiles(params.changes)));

    c.languages.diagnostics.on((params, token) => this.pullDiagnostics(params.textDocument.uri, params.previousResultId, token));

    c.onCodeAction((params, token) => this.request(params.textDocument.uri, token, [], (entry) => this.codeActions(entry, params)));
    c.onCodeActionResolve((action, token) => this.resolveCodeAction(action, token));
    c.onDefinition((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) => {
        // On a report's measure heading: the plan's measure; else within the document (a repeat mention's target,
        // an abbreviation's legend entry); else, in a translation, the original's measure or status entry.
        const input = entry.analysis.linkedInput();
        const inPlan = planDefinition(input, params.position);
        if (inPlan.length > 0) return inPlan;
        const local = nav.definition(entry.analysis.navigation(), params.position, this.features.definitionLinks);
        return local.length > 0 ? local : originalDefinition(input, params.position);
      }),
    );
    c.onReferences((params, token) =>
      this.request(params.textDocument.uri, token, [], async (entry) => [
        ...nav.references(entry.analysis.navigation(), params.position, params.context.includeDeclaration),
        ...(await this.reportReferences(entry, params.position, token)),
      ]),
    );
    c.onHover((params, token) =>
      this.request(params.textDocument.uri, token, null, (entry) => planHover(entry.analysis.linkedInput(), params.position) ?? nav.hover(entry.analysis.navigation(), params.position)),
    );
    c.onDocumentSymbol((params, token) =>
      this.request(params.textDocument.uri, token, [], (entry) =>
        this.features.hierarchicalSymbols
          ? nav.documentSymbols(entry.analysis.navigation(), this.symbolOptions)
          : nav.flatSymbols(entry.analysis.navigation(), this.symbolOptions),
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
      const entry = this.drafts.has(uri) ? await this.currentEntry(uri) : undefined;
      const edits = entry?.analysis.fixAllEdits() ?? [];
      if (!entry || edits.length === 0) return { applied: false };
      const label = textIn({ en: 'plan-lint: Fix all', ja: 'plan-lint：すべて修正' }, entry.analysis.locale);
      const result = await c.workspace.applyEdit({ label, edit: this.workspaceEdit(entry, edits) });
      return { applied: result.applied };
    });

    this.documents.listen(c);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.features = readFeatures(params.capabilities);
    const init = (params.initializationOptions ?? {}) as { pushDiagnostics?: unknown; sectionSymbols?: unknown; settings?: unknown };
    if (init.pushDiagnostics === false && this.features.pull) this.pushDiagnostics = false;
    if (init.sectionSymbols === false) this.symbolOptions = { sections: false };
    if (init.settings !== undefined) this.globalSettings = this.readSettings(init.settings);
    this.clientLocale = localeOf(params.locale);

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
      completionProvider: { triggerCharacters: ['(', ','], resolveProvider: false },
      renameProvider: this.features.prepareRename ? { prepareProvider: true } : true,
      executeCommandProvider: { commands: [APPLY_FIX_ALL_COMMAND] },
    };
    if (this.features.pull) {
      capabilities.diagnosticProvider = { identifier: 'plan-lint', interFileDependencies: false, workspaceDiagnostics: false };
    }
    const kinds = this.features.codeActionKinds;
    if (kinds) {
      const offered = [CodeActionKind.QuickFix, FIX_ALL_KIND].filter((k) => kinds.some((base) => kindWithin(k, base)));
      capabilities.codeActionProvider = { codeActionKinds: offered, resolveProvider: this.features.codeActionResolve };
    }
    return { capabilities, serverInfo: { name: 'plan-lint-language-server', version: serverVersion() } };
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
      .then((found) => this.log(`indexed ${found} Markdown file(s) in ${Date.now() - started} ms${this.index.incomplete ? ' (stopped at the limit)' : ''}`))
      .catch((e: unknown) => this.log(`indexing failed: ${errorText(e)}`));
  }

  // -------------------------------------------------------------------------
  // Documents and diagnostics
  // -------------------------------------------------------------------------

  private didOpen(doc: TextDocument): void {
    if (!isDraftDocument(doc.languageId, doc.uri)) return;
    this.drafts.add(doc.uri);
    this.openedAt.set(doc.uri, doc.version);
    // The editor's text is authoritative from now on: the index must not read and build the file from disk.
    this.index.opened(doc.uri);
    this.schedule(doc.uri, 0);
    // Its buffer is what reports linking it read from now on (it may not even be saved yet).
    this.linkedChanged(doc.uri);
  }

  private didChange(doc: TextDocument): void {
    if (!this.drafts.has(doc.uri)) return;
    this.linkedChanged(doc.uri);
    if (this.openedAt.get(doc.uri) === doc.version) return; // the open event already scheduled it
    this.openedAt.delete(doc.uri);
    const settings = this.lastSettings.get(doc.uri) ?? this.globalSettings;
    if (settings.run === 'onSave') return;
    this.schedule(doc.uri, settings.debounceMs);
  }

  private didSave(doc: TextDocument): void {
    if (!this.drafts.has(doc.uri)) return;
    const settings = this.lastSettings.get(doc.uri) ?? this.globalSettings;
    if (settings.run === 'onSave') this.schedule(doc.uri, 0);
  }

  private didClose(doc: TextDocument): void {
    const uri = doc.uri;
    if (!this.drafts.delete(uri)) return;
    this.cancelTimer(uri);
    this.entries.delete(uri);
    this.linkGeneration.delete(uri);
    this.running.delete(uri);
    this.reuse.delete(uri);
    this.shown.delete(uri);
    this.settingsCache.delete(uri);
    this.lastSettings.delete(uri);
    this.openedAt.delete(uri);
    this.published.delete(uri);
    this.configWatcher.unwatch(uri);
    if (this.pushDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    void this.index.closed(uri, uriToPath(uri));
    // Reports that link it read the file on disk from now on.
    this.linkedChanged(uri);
  }

  /**
   * A document that open reports may link to changed (its buffer, or the file on disk): the linker forgets it and
   * every open report that read it (or tried to: it may be the missing one) is linted again, without being touched.
   */
  private linkedChanged(uri: string): void {
    const file = uriToPath(uri);
    if (!file) return;
    this.linker.forget(file);
    for (const [other, entry] of this.entries) {
      if (other === uri) continue;
      if (!dependsOn(entry.analysis.result.linked, file)) continue;
      this.linkGeneration.set(other, (this.linkGeneration.get(other) ?? 0) + 1);
      this.schedule(other, (this.lastSettings.get(other) ?? this.globalSettings).debounceMs);
    }
  }

  /**
   * On a plan's measure heading: that measure in every report linked to the plan, and the repeat mentions pointing
   * to it: open reports from their buffers, the workspace's other drafts from the disk.
   */
  private async reportReferences(entry: Entry, position: Position, token: CancellationToken): Promise<Location[]> {
    const { document, positions } = entry.analysis;
    const file = uriToPath(entry.analysis.uri);
    if (document.kind !== 'plan' || !file) return [];
    const measure = nav.measureHeadingAt(document, positions.offsetAt(position));
    if (!measure) return [];
    const reports: OpenReport[] = [...this.entries.values()].map((e) => ({ uri: e.analysis.uri, ...e.analysis.linkedInput() }));
    await this.indexReady;
    for (const uri of this.index.diskUris()) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (this.documents.get(uri)) continue;
      const report = await this.diskReport(uri);
      if (report) reports.push(report);
    }
    return planReferences(file, measure, reports);
  }

  /** A draft on disk with the documents it links to, when it links a plan (front matter `plan:` or the configuration). */
  private async diskReport(uri: string): Promise<OpenReport | undefined> {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    const text = await readFile(filePath, 'utf8').catch(() => undefined);
    if (text === undefined || this.documents.get(uri)) return undefined;
    const setup: DocumentSetup = { ...this.resolver.resolve(filePath, this.globalSettings.rules), linker: this.linker };
    if (setup.problem || !(text.includes('plan:') || setup.config.links?.plan !== undefined)) return undefined;
    const document = buildDocument({ uri, version: 0, text, filePath }, setup);
    if (!document) return undefined;
    return { uri, document, positions: new PositionMapper(text), linked: this.linker.resolve(document, filePath, setup.config) };
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
    if (!doc || !this.drafts.has(uri) || this.shuttingDown) return;
    const version = doc.version;
    const settings = await this.settingsFor(uri);
    // A newer edit arrived while the settings were fetched: its own timer will lint it.
    const current = this.documents.get(uri);
    if (!current || current.version !== version || this.timers.has(uri)) return;
    const entry = await this.entryFor(current, settings);
    if (!entry) return;
    // Let requests that arrived during the lint go first; never publish results for a stale version.
    await nextTurn();
    if (this.documents.get(uri)?.version !== entry.version || this.timers.has(uri) || this.shuttingDown) return;
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

  /**
   * The analysis of this version of the document (cached per uri, version and configuration generation; a lint
   * under way is shared). Undefined when a newer version or configuration came in before it was done.
   */
  private entryFor(doc: TextDocument, settings: PlanLintSettings): Promise<Entry | undefined> {
    const key = `${doc.version}#${this.generation}#${this.linkGeneration.get(doc.uri) ?? 0}`;
    const cached = this.entries.get(doc.uri);
    if (cached && cached.key === key) return Promise.resolve(cached);
    const running = this.running.get(doc.uri);
    if (running && running.key === key) return running.promise;
    const promise = this.lint(doc, settings, key).finally(() => {
      if (this.running.get(doc.uri)?.promise === promise) this.running.delete(doc.uri);
    });
    this.running.set(doc.uri, { key, promise });
    return promise;
  }

  /**
   * Lints in two phases (the plan model, then the rules) with a turn of the event loop between them, so that a
   * long document does not hold up other documents' requests, and stops when the work is no longer wanted.
   */
  private async lint(doc: TextDocument, settings: PlanLintSettings, key: string): Promise<Entry | undefined> {
    const { uri, version } = doc;
    const generation = this.generation;
    const filePath = uriToPath(uri);
    const input: DocumentInput = { uri, version, text: doc.getText(), ...(filePath ? { filePath } : {}) };
    const locale = lintLocaleOf(settings, this.clientLocale);
    const setup: DocumentSetup = { ...this.resolver.resolve(filePath, settings.rules), linker: this.linker, ...(locale ? { locale } : {}) };
    const reuse = this.reuseFor(uri);
    const document = setup.problem ? undefined : buildDocument(input, setup);
    await nextTurn();
    if (this.shuttingDown || this.documents.get(uri)?.version !== version || this.generation !== generation) return undefined;
    const analysis = new Analysis(input, setup, reuse, document);
    this.stats.lints++;
    const entry: Entry = { key, version, analysis, setup, enabled: settings.enable };
    this.entries.set(uri, entry);
    this.afterLint(entry);
    return entry;
  }

  private reuseFor(uri: string): DocumentReuse {
    let reuse = this.reuse.get(uri);
    if (!reuse) {
      reuse = createDocumentReuse();
      this.reuse.set(uri, reuse);
    }
    return reuse;
  }

  private afterLint(entry: Entry): void {
    const { setup, analysis } = entry;
    if (setup.problem) this.reportOnce(`plan-lint: ${setup.problem.message}`, MessageType.Error);
    this.configWatcher.watch(analysis.uri, setup.dependencies);
    for (const m of analysis.messages) {
      if (m.ruleId !== 'rule-crash') continue;
      const line = `${analysis.uri}:${m.range.start.line}:${m.range.start.column}: ${m.message}`;
      if (this.loggedCrashes.has(line)) continue;
      this.loggedCrashes.add(line);
      this.connection.console.error(line);
    }
    this.index.setDocument(analysis.uri, analysis.document, analysis.positions);
  }

  /** Shows a problem once (until the configuration or settings change) and writes it to the output log. */
  private reportOnce(text: string, type: MessageType): void {
    if (this.shownProblems.has(text)) return;
    this.shownProblems.add(text);
    this.log(text);
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message: text });
  }

  /** Config or registry files changed on disk (seen by the server's own polling, or reported by the client). */
  private configFilesChanged(files: readonly string[]): void {
    for (const file of files) this.resolver.changed(file);
    this.shownProblems.clear();
    this.generation++;
    this.revalidateAll();
  }

  private revalidateAll(): void {
    for (const uri of this.drafts) this.schedule(uri, 0);
    if (this.features.pull && this.features.pullRefresh) {
      void this.connection.languages.diagnostics.refresh().catch((e: unknown) => this.log(`diagnostic refresh failed: ${errorText(e)}`));
    }
  }

  private async pullDiagnostics(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.documents.get(uri);
    if (!doc || !this.drafts.has(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    const settings = await this.settingsFor(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const current = this.documents.get(uri);
    if (!current) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const changed = () => new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while it was being linted', { retriggerRequest: true });
    if (current.version !== version) throw changed();
    let entry: Entry | undefined;
    const shown = this.shown.get(uri);
    if (settings.run === 'onSave' && shown && shown.key.endsWith(`#${this.generation}`)) entry = shown;
    else {
      entry = await this.entryFor(current, settings);
      if (!entry) throw changed();
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      this.shown.set(uri, entry);
    }
    const resultId = `${entry.key}#${entry.enabled}`;
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: this.diagnosticsOf(entry) };
  }

  // -------------------------------------------------------------------------
  // Settings and files
  // -------------------------------------------------------------------------

  /** Reads `planLint` settings; what is wrong in them is shown once and logged, and the valid rest applies. */
  private readSettings(raw: unknown): PlanLintSettings {
    const settings = normalizeSettings(raw, this.options.rules);
    for (const problem of settings.problems) this.reportOnce(`plan-lint: ${problem}`, MessageType.Warning);
    return settings;
  }

  private settingsFor(uri: string): Promise<PlanLintSettings> {
    let pending = this.settingsCache.get(uri);
    if (!pending) {
      pending = this.features.configuration
        ? this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'planLint' })
            .then((raw: unknown) => (raw === null || raw === undefined ? this.globalSettings : this.readSettings(raw)))
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
    this.shownProblems.clear();
    const section = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['planLint'] : undefined;
    if (section !== undefined) this.globalSettings = this.readSettings(section);
    this.settingsCache.clear();
    this.generation++;
    this.revalidateAll();
  }

  private didChangeWatchedFiles(changes: readonly { uri: string; type: FileChangeType }[]): void {
    const configFiles: string[] = [];
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      const base = path.basename(file).toLowerCase();
      if (base.endsWith('.json') || base.endsWith('.jsonc')) {
        // The server's own polling may have seen this change already.
        if (this.configWatcher.take(file)) configFiles.push(file);
      } else if (isDraftDocument('', change.uri)) {
        if (change.type === FileChangeType.Deleted) this.index.remove(change.uri);
        else if (!this.drafts.has(change.uri)) this.indexReady = this.indexReady.then(() => this.index.indexFile(file));
        if (!this.drafts.has(change.uri)) this.linkedChanged(change.uri);
      }
    }
    if (configFiles.length > 0) this.configFilesChanged(configFiles);
  }

  // -------------------------------------------------------------------------
  // Requests
  // -------------------------------------------------------------------------

  /** The analysis of the document's current version (waiting for a lint under way); undefined for non-drafts. */
  private async currentEntry(uri: string, token?: CancellationToken): Promise<Entry | undefined> {
    if (!this.drafts.has(uri)) return undefined;
    const settings = await this.settingsFor(uri);
    for (;;) {
      const current = this.documents.get(uri);
      if (!current || !this.drafts.has(uri) || token?.isCancellationRequested) return undefined;
      const entry = await this.entryFor(current, settings);
      if (entry) return entry;
      // A newer version came in while linting: answer for that one.
    }
  }

  /** Runs a feature on the current analysis; honours cancellation and never lets an exception kill the server. */
  private async request<T>(uri: string, token: CancellationToken, fallback: T, run: (entry: Entry) => T | Promise<T>): Promise<T> {
    try {
      const entry = await this.currentEntry(uri, token);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      if (!entry) return fallback;
      return await run(entry);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.log(`request on ${uri} failed: ${errorText(error)}`);
      return fallback;
    }
  }

  private codeActions(entry: Entry, params: CodeActionParams): CodeAction[] {
    const clientKinds = this.features.codeActionKinds;
    if (!clientKinds || entry.setup.ignored) return [];
    const { only, diagnostics, triggerKind } = params.context;
    const supports = (kind: string): boolean => {
      if (!clientKinds.some((base) => kindWithin(kind, base))) return false;
      return only === undefined || only.some((o) => kindWithin(kind, o));
    };
    const actions = entry.analysis.codeActions(params.range, diagnostics, supports, (edits) => this.workspaceEdit(entry, edits));
    if (supports(FIX_ALL_KIND) && entry.analysis.fixable) {
      actions.push(this.fixAllAction(entry, only !== undefined && triggerKind !== CodeActionTriggerKind.Automatic));
    }
    return actions;
  }

  /**
   * "Fix all": its edits cost a lint per round of fixes, so they are computed only when wanted: on
   * `codeAction/resolve` when the client can resolve; else right away when the request asked for this kind
   * explicitly, or through the fix-all command when the action is chosen.
   */
  private fixAllAction(entry: Entry, explicit: boolean): CodeAction {
    const uri = entry.analysis.uri;
    const title = textIn(FIX_ALL_TITLE, entry.analysis.locale);
    const action: CodeAction = { title, kind: FIX_ALL_KIND };
    if (this.features.codeActionResolve) action.data = { uri, version: entry.version } satisfies FixAllData;
    else if (explicit) action.edit = this.workspaceEdit(entry, entry.analysis.fixAllEdits());
    else action.command = { title, command: APPLY_FIX_ALL_COMMAND, arguments: [uri] };
    return action;
  }

  private async resolveCodeAction(action: CodeAction, token: CancellationToken): Promise<CodeAction> {
    const data: unknown = action.data;
    if (action.kind !== FIX_ALL_KIND || !isFixAllData(data)) return action;
    const entry = await this.currentEntry(data.uri, token);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    // The document changed since the action was offered: its edits would not fit (the versioned edit says so too).
    if (!entry || entry.version !== data.version) return action;
    return { ...action, edit: this.workspaceEdit(entry, entry.analysis.fixAllEdits()) };
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
