/**
 * The built plan-lint language server, spawned over stdio and driven with
 * JSON-RPC as an editor would: diagnostics (push and pull), debounce,
 * code actions, navigation, completion, rename and configuration changes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type LocationLink,
  type PublishDiagnosticsParams,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { DOCS_BASE_URL } from '@plan-lint/core';
import { SERVER_BIN, sleep, TestClient } from './lsp-client.js';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = SERVER_BIN;
const FIXTURES = path.join(ROOT, 'fixtures/lsp');
const SEED = path.join(ROOT, 'seeds/fy2018-status-report.md');

// ---------------------------------------------------------------------------
// A small LSP client
// ---------------------------------------------------------------------------

const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    symbol: { dynamicRegistration: false },
    executeCommand: { dynamicRegistration: false },
    configuration: true,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    references: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.organizeImports'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    rename: { prepareSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
  window: { showMessage: {} },
};

/** Capabilities of a plain client: no pull diagnostics, no workspace/configuration, no dynamic registration. */
const MINIMAL_CAPABILITIES: ClientCapabilities = {
  textDocument: { synchronization: { didSave: true }, publishDiagnostics: {} },
};


async function waitUntil(pred: () => boolean, what: string, timeout = 10000): Promise<void> {
  const end = Date.now() + timeout;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The LSP position of the `nth` occurrence of `needle` in `text`, moved `delta` characters. */
function positionOf(text: string, needle: string, delta = 0, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`'${needle}' not found`);
  }
  const offset = index + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function lineOf(text: string, needle: string, nth = 0): number {
  return positionOf(text, needle, 0, nth).line;
}

/** Applies LSP edits to a text (end-to-start). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => {
    let o = 0;
    for (let i = 0; i < p.line; i++) o += (lines[i] ?? '').length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.documentChanges) {
    return edit.documentChanges.flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? (c.edits as TextEdit[]) : []));
  }
  return edit.changes?.[uri] ?? [];
}

function codes(p: { diagnostics: Diagnostic[] }): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

function makeWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-lsp-'));
  copyFileSync(path.join(FIXTURES, 'draft.md'), path.join(dir, 'draft.md'));
  copyFileSync(path.join(FIXTURES, 'other.md'), path.join(dir, 'other.md'));
  return dir;
}

// ---------------------------------------------------------------------------

beforeAll(() => {
  // Build the server (and core and rules, which it references) from the current sources.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/language-server'], { cwd: ROOT, stdio: 'pipe' });
}, 240000);

describe('plan-lint-language-server binary', () => {
  it('refuses to start without a transport and says how to start it', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [BIN], { stdio: 'pipe' });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toContain('--stdio');
  });

  it('is linked as an npm binary at the repository root', () => {
    expect(existsSync(path.join(ROOT, 'node_modules/.bin/plan-lint-language-server'))).toBe(true);
  });
});

describe('language server with a full client', () => {
  let ws: string;
  let client: TestClient;
  let uri: string;
  let text: string;

  beforeAll(async () => {
    ws = makeWorkspace();
    uri = pathToFileURL(path.join(ws, 'draft.md')).href;
    text = readFileSync(path.join(ws, 'draft.md'), 'utf8');
    client = await TestClient.start({ capabilities: FULL_CAPABILITIES, workspace: ws, settings: { debounceMs: 150 } });
  });

  afterAll(async () => {
    await client?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('offers incremental sync, pull diagnostics and only the code action kinds the client knows', () => {
    const caps = client.capabilities as {
      textDocumentSync: { change: number };
      diagnosticProvider?: unknown;
      codeActionProvider: { codeActionKinds: string[] };
      renameProvider: { prepareProvider: boolean };
    };
    expect(caps.textDocumentSync.change).toBe(2);
    expect(caps.diagnosticProvider).toMatchObject({ interFileDependencies: false });
    expect(caps.codeActionProvider.codeActionKinds).toEqual(['quickfix', 'source.fixAll.plan-lint']);
    expect(caps.renameProvider.prepareProvider).toBe(true);
  });

  it('registers watchers for configuration files and drafts', async () => {
    await waitUntil(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watcher registration');
    const watched = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    expect(JSON.stringify(watched?.registerOptions)).toContain('.plan-lint.{json,jsonc}');
  });

  it('publishes diagnostics with exact ranges, codes, docs links, related places and tags on open', async () => {
    await client.open(uri, text, 1);
    const p = await client.waitForDiagnostics(uri);
    expect(p.version).toBe(1);
    expect(codes(p)).toEqual([
      'ministry-known',
      'repeat-mention-target',
      'ministry-known',
      'unused-disable-directive',
      'repeat-mention-format',
      'ministry-not-responsible',
    ]);
    const mojj = p.diagnostics[0] as Diagnostic;
    const at = positionOf(text, 'MOJJ');
    expect(mojj.range).toEqual({ start: at, end: { line: at.line, character: at.character + 4 } });
    expect(mojj.severity).toBe(1);
    expect(mojj.source).toBe('plan-lint');
    expect(mojj.message).toBe("'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'?");
    expect(mojj.codeDescription?.href).toBe(`${DOCS_BASE_URL}rules/ministry-known.html`);

    const target = p.diagnostics[1] as Diagnostic;
    expect(target.range.start.line).toBe(lineOf(text, 'Repeat mention 1 - (ix)'));
    expect(target.relatedInformation?.map((r) => [r.message, r.location.range.start.line])).toEqual([['Section 1', lineOf(text, '## 1.')]]);
    expect(target.relatedInformation?.[0]?.location.uri).toBe(uri);

    const unused = p.diagnostics[3] as Diagnostic;
    expect(unused.tags).toEqual([1]);
    expect(unused.range.start.line).toBe(lineOf(text, '<!-- plan-lint-disable-next-line'));
  });

  it('answers pull diagnostics with a result id, then "unchanged"', async () => {
    const full = await client.request<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(full.kind).toBe('full');
    expect(full.items.map((d) => d.code)).toEqual(codes(client.publishedFor(uri).at(-1) as PublishDiagnosticsParams));
    const again = await client.request<{ kind: string; resultId: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: full.resultId });
    expect(again).toEqual({ kind: 'unchanged', resultId: full.resultId });
  });

  it('offers the preferred quick fix, suggestions and "disable for this line"', async () => {
    const p = client.publishedFor(uri).at(-1) as PublishDiagnosticsParams;
    const mojj = p.diagnostics[0] as Diagnostic;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: mojj.range,
      context: { diagnostics: [mojj], only: ['quickfix'] },
    });
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ["Replace 'MOJJ' with 'MOJ'", 'quickfix', true],
      ['Disable ministry-known for this line', 'quickfix', false],
    ]);
    const fixed = applyEdits(text, editsOf(actions[0]?.edit, uri));
    expect(fixed).toContain('prosecutors in July 2018. (MOJ)');

    const met = p.diagnostics[2] as Diagnostic;
    const suggestions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: met.range,
      context: { diagnostics: [met] },
    });
    const titles = suggestions.map((a) => a.title);
    expect(titles.slice(0, 3)).toEqual(["Replace 'MET' with 'MEXT'", "Replace 'MET' with 'METI'", "Replace 'MET' with 'MIC'"]);
    expect(suggestions.slice(0, 3).every((a) => a.isPreferred !== true)).toBe(true);
    expect(titles).toContain('Disable ministry-known for this line');
    // Without `only`, the fix-all source action is offered too, but not computed: it runs the fix-all command when chosen
    // (this client cannot resolve code actions).
    const fixAll = suggestions.find((a) => a.kind === 'source.fixAll.plan-lint');
    expect(fixAll?.edit).toBeUndefined();
    expect(fixAll?.command).toEqual({ title: 'Fix all auto-fixable plan-lint problems', command: 'plan-lint.applyFixAll', arguments: [uri] });

    // The disable comment goes at the end of the line and silences exactly that message.
    const disable = suggestions.find((a) => a.title === 'Disable ministry-known for this line') as CodeAction;
    const disabled = applyEdits(text, editsOf(disable.edit, uri));
    expect(disabled.split('\n')[met.range.start.line]).toBe(`${text.split('\n')[met.range.start.line]} <!-- plan-lint-disable-line ministry-known -->`);
    const pulled = await lintText(client, uri, disabled);
    expect(pulled.filter((c) => c === 'ministry-known')).toHaveLength(1);
    expect(pulled).not.toContain('unknown-rule-in-directive');
    await client.change(uri, nextVersion(), [{ text }]);
  });

  it('disables a rule for a line without changing the Markdown structure, even inside a wrapped list item', async () => {
    const wrappedUri = pathToFileURL(path.join(ws, 'wrapped.md')).href;
    const wrapped = [
      '---',
      'document: status-report',
      'fiscal-year: 2018',
      '---',
      '',
      '## 1. Awareness',
      '',
      '### (i) Conference',
      '',
      'Efforts shall be made. (National Police Agency)',
      '',
      '- NPA held the conference in July 2018 and the',
      '  follow-up meeting in August 2018. (NPAA)',
      '- NPA held a seminar on April 31, 2018. (NPA)',
      '  - A nested note from May 2018. (MOJJ)',
      '- NPA ran a campaign on February 30, 2018.  ',
      '  It went well. (NPA)',
      '',
      '### (iii) Lectures ###',
      '',
      'Lectures shall be held. (National Police Agency)',
      '',
      '- NPA held lectures in July 2018. (NPA)',
      '',
    ].join('\n');
    await client.open(wrappedUri, wrapped, 1);
    const p = await client.waitForDiagnostics(wrappedUri);
    // A wrapped item's second line, an item right after another, a nested item, a line ending in a hard break, a heading.
    expect(p.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['ministry-known', 12],
      ['date-valid', 13],
      ['ministry-known', 14],
      ['date-valid', 15],
      ['numbering', 18],
    ]);
    for (const d of p.diagnostics) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: wrappedUri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      const disable = actions.find((a) => a.title === `Disable ${String(d.code)} for this line`) as CodeAction;
      const disabled = applyEdits(wrapped, editsOf(disable.edit, wrappedUri));
      expect(disabled.split('\n').length, String(d.code)).toBe(wrapped.split('\n').length);
      expect(markdownStructure(disabled), `${String(d.code)} at line ${d.range.start.line + 1}`).toEqual(markdownStructure(wrapped));
      // The comment silences exactly that message and is not itself unused.
      const codes = await lintText(client, wrappedUri, disabled);
      expect(codes).toEqual(p.diagnostics.filter((x) => x !== d).map((x) => String(x.code)));
    }
    expect(applyEdits(wrapped, editsOf((await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: wrappedUri },
      range: (p.diagnostics[3] as Diagnostic).range,
      context: { diagnostics: [p.diagnostics[3]], only: ['quickfix'] },
    })).find((a) => a.title.startsWith('Disable'))?.edit, wrappedUri)).split('\n')[15]).toBe('- NPA ran a campaign on February 30, 2018. <!-- plan-lint-disable-line date-valid -->  ');
    await client.close(wrappedUri);
  });

  it('fixes everything fixable with source.fixAll.plan-lint: one small edit per place, for this version', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.plan-lint']);
    expect(actions[0]?.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: client.versions.get(uri) } });
    const edits = editsOf(actions[0]?.edit, uri);
    // Two places change ('MOJJ'; the unused comment and the repeat mention's spacing on the line after it): two
    // edits, none resending the text between them.
    expect(edits.map((e) => e.range.start.line)).toEqual([lineOf(text, '(MOJJ)'), lineOf(text, 'Repeat mention 1-(ii)') - 1]);
    expect(edits.every((e) => e.range.end.line - e.range.start.line <= 1 && e.newText.length < 40)).toBe(true);
    const fixed = applyEdits(text, edits);
    expect(fixed).toContain('(MOJ)');
    expect(fixed).toContain('- Repeat mention 1 - (ii): Holding');
    expect(fixed).not.toContain('<!-- plan-lint-disable-next-line date-valid -->');
    const after = await lintText(client, uri, fixed);
    expect(after).not.toContain('unused-disable-directive');
    expect(after).not.toContain('repeat-mention-format');
    expect(after.filter((c) => c === 'ministry-known')).toEqual(['ministry-known']); // 'MET' has no single fix
    await client.change(uri, nextVersion(), [{ text }]);
    // Requesting refactorings only returns nothing.
    const none = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    });
    expect(none).toEqual([]);
  });

  it('debounces quick edits into one publication for the final version', async () => {
    const base = client.publishedFor(uri).length;
    const at = positionOf(text, 'MOJJ', 3);
    // Three quick edits: delete the extra J, then retype the closing part twice.
    await client.change(uri, nextVersion(), [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
    await client.change(uri, nextVersion(), [{ range: { start: at, end: at }, text: 'X' }]);
    const last = nextVersion();
    await client.change(uri, last, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === last, base);
    await sleep(500);
    const after = client.publishedFor(uri).slice(base);
    expect(after.map((x) => x.version)).toEqual([last]);
    expect(p.diagnostics.filter((d) => d.code === 'ministry-known')).toHaveLength(1); // only 'MET' is left
    text = text.replace('(MOJJ)', '(MOJ)');
  });

  it('goes from a repeat mention to its measure', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'Repeat mention 1 - (i)', 20) });
    expect(links).toHaveLength(1);
    const link = links[0] as LocationLink;
    expect(link.targetUri).toBe(uri);
    expect(link.targetSelectionRange.start).toEqual({ line: lineOf(text, '### (i) Convening'), character: 0 });
    expect(link.originSelectionRange?.start.line).toBe(lineOf(text, 'Repeat mention 1 - (i)'));
    const nothing = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'Repeat mention 1 - (ix)', 3) });
    expect(nothing).toEqual([]);
  });

  it('finds every repeat mention of a measure', async () => {
    const heading = positionOf(text, '### (ii) Holding', 6);
    const withDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: heading, context: { includeDeclaration: true } });
    expect(withDecl.map((l) => l.range.start.line)).toEqual([lineOf(text, '### (ii) Holding'), lineOf(text, 'Repeat mention 1-(ii)')]);
    const withoutDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: heading, context: { includeDeclaration: false } });
    expect(withoutDecl.map((l) => l.range.start.line)).toEqual([lineOf(text, 'Repeat mention 1-(ii)')]);
    const first = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: positionOf(text, '### (i) Convening', 5), context: { includeDeclaration: false } });
    expect(first.map((l) => l.range.start.line)).toEqual([lineOf(text, 'Repeat mention 1 - (i)')]);
  });

  it('explains tag names and repeat mentions on hover', async () => {
    const npa = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '(NPA)', 2) });
    const npaText = (npa.contents as { value: string }).value;
    expect(npaText).toContain('National Police Agency');
    expect(npaText).toContain('警察庁');
    expect(npaText).toMatch(/Valid: /);
    const moj = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Ministry of Justice)', 3) });
    expect((moj.contents as { value: string }).value).toContain('(MOJ');
    const unknown = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '(MET)', 2) });
    expect((unknown.contents as { value: string }).value).toContain("'MET' is not a known ministry abbreviation");
    const repeat = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Repeat mention 1 - (i)', 3) });
    const repeatText = (repeat.contents as { value: string }).value;
    expect(repeatText).toContain('1-(i)');
    expect(repeatText).toContain('Convening of a public-private conference for the promotion of social awareness');
    expect(repeatText).toContain('NPA participated in the 36th Meeting');
    const plain = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'Lectures shall', 2) });
    expect(plain).toBeNull();
  });

  it('lists sections and measures with counts as document symbols', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual([
      '1. Enhancement of public awareness for the eradication of child sexual exploitation',
      '2. Protection of children from sexual exploitation',
    ]);
    expect(symbols[0]?.children?.map((m) => [m.name, m.detail])).toEqual([
      ['1-(i) Convening of a public-private conference for the promotion of social awareness', '1 planned action, 3 status entries'],
      ['1-(ii) Holding of lectures on juvenile delinquency prevention classes', '1 planned action, 1 status entry, 2 repeat mentions'],
    ]);
  });

  it('finds measures across the workspace, including drafts that are not open', async () => {
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'cyber patrols' });
    expect(found.map((s) => [s.name, path.basename(fileURLToPath(s.location.uri))])).toEqual([
      ['3-(i) Cyber patrols against child pornography on the internet', 'other.md'],
    ]);
    const victims = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'child victims' });
    expect(victims.map((s) => s.name)).toContain('2-(i) Support for child victims');
    // A new draft on disk appears after a watched-file event.
    const third = path.join(ws, 'third.md');
    writeFileSync(third, '## 4. International cooperation\n\n### (i) Participation in international conferences\n\nText. (Ministry of Foreign Affairs)\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(third).href, type: 1 }] });
    let names: string[] = [];
    for (let i = 0; i < 100 && !names.includes('4-(i) Participation in international conferences'); i++) {
      names = (await client.request<SymbolInformation[]>('workspace/symbol', { query: 'international conferences' })).map((s) => s.name);
      await sleep(50);
    }
    expect(names).toEqual(['4-(i) Participation in international conferences']);
  });

  it('completes abbreviations in status entries, full names in planned actions, and repeat-mention targets', async () => {
    const lines = text.split('\n');
    const entryLine = lineOf(text, '- NPA held juvenile');
    // Type a new status entry with an open tag after the first one of 1-(ii).
    const statusLine = '- MEXT distributed leaflets in October 2018. (M';
    await client.change(uri, nextVersion(), [{ range: { start: { line: entryLine + 1, character: 0 }, end: { line: entryLine + 1, character: 0 } }, text: `${statusLine}\n` }]);
    const abbr = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: entryLine + 1, character: statusLine.length } });
    const labels = abbr.map((i) => i.label).sort();
    expect(labels).toEqual(expect.arrayContaining(['MEXT', 'METI', 'MHLW', 'MIC', 'MOFA', 'MOJ']));
    expect(labels).not.toContain('NPA');
    expect(labels).not.toContain('CFA'); // the Children and Families Agency did not exist in FY2018
    const mext = abbr.find((i) => i.label === 'MEXT') as CompletionItem;
    expect(mext.detail).toBe('Ministry of Education, Culture, Sports, Science and Technology');
    expect(mext.textEdit).toMatchObject({ range: { start: { line: entryLine + 1, character: statusLine.length - 1 } }, newText: 'MEXT' });

    // A planned action paragraph: full names.
    const planLine = lineOf(text, 'Lectures shall be held');
    const planned = (lines[planLine] as string).replace(/\(National Police Agency.*$/, '(National Police Agency, Ministry of J');
    await client.change(uri, nextVersion(), [{ range: { start: { line: planLine, character: 0 }, end: { line: planLine, character: (lines[planLine] as string).length } }, text: planned }]);
    const full = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: planLine, character: planned.length } });
    expect(full.map((i) => i.label)).toEqual(['Ministry of Justice']);
    expect(full[0]?.textEdit).toMatchObject({ newText: 'Ministry of Justice', range: { start: { character: planned.length - 'Ministry of J'.length } } });

    // After "Repeat mention ": the measures of the document with their titles.
    const repeatLine = '- Repeat mention ';
    await client.change(uri, nextVersion(), [{ range: { start: { line: entryLine + 1, character: 0 }, end: { line: entryLine + 1, character: statusLine.length } }, text: repeatLine }]);
    const targets = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: entryLine + 1, character: repeatLine.length } });
    expect(targets.map((i) => [i.label, i.detail])).toEqual([
      ['1 - (i): ', 'Convening of a public-private conference for the promotion of social awareness'],
      ['2 - (i): ', 'Support for child victims'],
    ]);
    await client.change(uri, nextVersion(), [{ text }]);
  });

  it('offers ministries only in a tag position, never in prose or after a digit-comma, and not those already in the tag', async () => {
    expect((client.capabilities as { completionProvider: { triggerCharacters: string[] } }).completionProvider.triggerCharacters).toEqual(['(', ',']);
    const at = lineOf(text, '- NPA held juvenile') + 1;
    await client.change(uri, nextVersion(), [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: '\n' }]);
    // Typed character by character; the editor asks after each trigger character and each letter.
    const typed = '- NPA held lectures (in 47 prefectures, with 2,602 events) in 2018. (NPA, M';
    const offeredAt: [string, string[]][] = [];
    for (let i = 1; i <= typed.length; i++) {
      if (!/[(,A-Za-z]/.test(typed[i - 1] as string)) continue;
      await client.change(uri, nextVersion(), [{ range: { start: { line: at, character: 0 }, end: { line: at, character: i - 1 } }, text: typed.slice(0, i) }]);
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: at, character: i } });
      if (items.length > 0) offeredAt.push([typed.slice(0, i), items.map((x) => x.label).sort()]);
    }
    const tag = typed.indexOf('. (') + 3;
    // Nothing in the sentence; from the tag's "(" on, the names that fit.
    expect(offeredAt.map(([t]) => t)).toEqual([0, 1, 2, 3, 4].map((n) => typed.slice(0, tag + n)).concat(typed));
    expect(offeredAt[1]?.[1]).toEqual(['NPA', 'NPSC']); // "(N"
    expect(offeredAt[4]?.[1]).not.toContain('NPA'); // "(NPA," : NPA is already in the tag
    expect(offeredAt[5]?.[1]).toEqual(['METI', 'MEXT', 'MHLW', 'MIC', 'MOFA', 'MOJ']);

    // Repeat-mention targets filter on what they insert.
    const repeat = '- Repeat mention 1 - (';
    await client.change(uri, nextVersion(), [{ range: { start: { line: at, character: 0 }, end: { line: at, character: typed.length } }, text: repeat }]);
    const targets = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: at, character: repeat.length } });
    expect(targets.map((x) => [x.label, x.filterText ?? x.label])).toEqual([['1 - (i): ', '1 - (i): ']]);
    await client.change(uri, nextVersion(), [{ text }]);
  });

  it('renames a measure numeral with every repeat mention, and refuses anything else clearly', async () => {
    const refused = await client
      .request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(text, 'Lectures shall', 2) })
      .then(() => 'accepted', (e: Error) => e.message);
    expect(refused).toBe("Only a measure's numeral can be renamed");
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(text, '### (ii) Holding', 6) });
    expect(prepared.placeholder).toBe('ii');
    expect(prepared.range.start).toEqual(positionOf(text, '### (ii) Holding', 5));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '### (ii) Holding', 6), newName: 'iii' });
    const renamed = applyEdits(text, editsOf(edit, uri));
    expect(renamed).toContain('### (iii) Holding');
    expect(renamed).toContain('- Repeat mention 1-(iii): Holding');
    expect(edit.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: lastVersion } });
    const clash = await client
      .request('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '### (ii) Holding', 6), newName: 'i' })
      .then(() => 'accepted', (e: Error) => e.message);
    expect(clash).toMatch(/already has a measure \(i\)/);
    const bad = await client
      .request('textDocument/rename', { textDocument: { uri }, position: positionOf(text, '### (ii) Holding', 6), newName: 'two' })
      .then(() => 'accepted', (e: Error) => e.message);
    expect(bad).toMatch(/not a lowercase roman numeral/);
  });

  it('applies fix-all through the command', async () => {
    const before = client.applied.length;
    const result = await client.request<{ applied: boolean }>('workspace/executeCommand', { command: 'plan-lint.applyFixAll', arguments: [uri] });
    expect(result.applied).toBe(true);
    expect(client.applied).toHaveLength(before + 1);
    expect(applyEdits(text, editsOf(client.applied.at(-1), uri))).toContain('Repeat mention 1 - (ii):');
  });

  it('re-lints when the configuration file changes, and reports an invalid one without stopping', async () => {
    const base = client.publishedFor(uri).length;
    const refreshes = client.refreshes;
    const config = path.join(ws, '.plan-lint.json');
    writeFileSync(config, JSON.stringify({ rules: { 'ministry-known': 'off', 'repeat-mention-format': 'warn' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 1 }] });
    const p = await client.waitForDiagnostics(uri, (x) => !codes(x).includes('ministry-known'), base);
    expect(p.diagnostics.find((d) => d.code === 'repeat-mention-format')?.severity).toBe(2);
    await waitUntil(() => client.refreshes > refreshes, 'workspace/diagnostic/refresh');

    const base2 = client.publishedFor(uri).length;
    writeFileSync(config, JSON.stringify({ rules: { 'ministry-knwon': 'off' } }));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const bad = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length === 1, base2);
    expect(bad.diagnostics[0]?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(bad.diagnostics[0]?.message).toContain("Unknown rule 'ministry-knwon'");
    expect(bad.diagnostics[0]?.message).toContain("did you mean 'ministry-known'?");
    await waitUntil(() => client.shown.some((m) => m.type === 1 && m.message.includes('ministry-knwon')), 'an error message');

    // The server still answers, and recovers when the file is fixed.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols).toHaveLength(2);
    const base3 = client.publishedFor(uri).length;
    rmSync(config);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 3 }] });
    const good = await client.waitForDiagnostics(uri, (x) => codes(x).includes('ministry-known'), base3);
    expect(codes(good)).toContain('repeat-mention-target');
  });

  it('follows editor settings from workspace/configuration', async () => {
    client.settings = { rules: { 'repeat-mention-target': 'off' }, debounceMs: 150 };
    const base = client.publishedFor(uri).length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const p = await client.waitForDiagnostics(uri, (x) => !codes(x).includes('repeat-mention-target'), base);
    expect(codes(p)).toContain('repeat-mention-format');

    client.settings = { enable: false };
    const base2 = client.publishedFor(uri).length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length === 0, base2);
    expect(off.version).toBe(lastVersion);

    // A bad entry is reported once, as a message and in the log; the valid rest of the setting still applies.
    client.settings = { rules: { 'no-such-rule': 'off', 'repeat-mention-target': 'warning', 'repeat-mention-format': 'off' } };
    const base3 = client.publishedFor(uri).length;
    const shown3 = client.shown.length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const partly = await client.waitForDiagnostics(uri, (x) => !codes(x).includes('repeat-mention-format'), base3);
    expect(codes(partly)).toEqual(['repeat-mention-target', 'ministry-known', 'unused-disable-directive', 'ministry-not-responsible']);
    expect(partly.diagnostics.find((d) => d.code === 'repeat-mention-target')?.severity).toBe(1); // 'warning' is ignored, not applied
    await waitUntil(() => client.shown.length >= shown3 + 2, 'two setting problems shown');
    await sleep(300);
    const problems = client.shown.slice(shown3);
    expect(problems.map((m) => [m.type, m.message.split(/; |\. This entry/)[0]])).toEqual([
      [2, "plan-lint: Unknown rule 'no-such-rule' in the editor setting 'planLint.rules'"],
      [2, "plan-lint: Invalid severity 'warning' for rule 'repeat-mention-target' in the editor setting 'planLint.rules'"],
    ]);
    expect(problems.every((m) => m.message.endsWith('This entry is ignored; the other settings apply.'))).toBe(true);
    expect(problems.every((m) => client.logs.includes(m.message))).toBe(true);

    client.settings = { run: 'onSave', debounceMs: 50 };
    const base4 = client.publishedFor(uri).length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(uri, (x) => x.diagnostics.length > 1, base4);
    const base5 = client.publishedFor(uri).length;
    const edited = nextVersion();
    await client.change(uri, edited, [{ text: text.replace('(MOJ)', '(MOJX)') }]);
    await sleep(400);
    expect(client.publishedFor(uri).length).toBe(base5);
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await client.waitForDiagnostics(uri, () => true, base5);
    expect(saved.version).toBe(edited);
    expect(saved.diagnostics.some((d) => d.message.includes("'MOJX'"))).toBe(true);
    client.settings = { debounceMs: 150 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('clears diagnostics when the document closes', async () => {
    await sleep(300);
    const base = client.publishedFor(uri).length;
    await client.close(uri);
    const p = await client.waitForDiagnostics(uri, () => true, base);
    expect(p.diagnostics).toEqual([]);
    await sleep(300);
    expect(client.publishedFor(uri).slice(base).map((x) => x.diagnostics.length)).toEqual([0]);
  });

  it('lints the converted FY2018 report without crashing', async () => {
    if (!existsSync(SEED)) {
      console.warn(`skipped: ${SEED} does not exist yet`);
      return;
    }
    const seedText = readFileSync(SEED, 'utf8');
    const seedUri = pathToFileURL(path.join(ws, 'fy2018-status-report.md')).href;
    await client.open(seedUri, seedText, 7);
    const p = await client.waitForDiagnostics(seedUri);
    expect(p.version).toBe(7);
    expect(codes(p)).not.toContain('rule-crash');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    expect(symbols.map((s) => s.children?.length)).toEqual([21, 15, 9, 18, 12, 13]);
    // Go to Definition works from every repeat mention whose target exists, and lands on a measure heading.
    const lines = seedText.split('\n');
    const mentionLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[-*]\s+Repeat mention\b/.test(l));
    expect(mentionLines.length).toBeGreaterThanOrEqual(20);
    let resolved = 0;
    for (const [l, i] of mentionLines) {
      const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: seedUri }, position: { line: i, character: l.indexOf('Repeat') + 2 } });
      if (links.length === 0) continue;
      resolved++;
      expect(lines[(links[0] as LocationLink).targetSelectionRange.start.line]).toMatch(/^#+\s*\([ivxlc]+\)/);
    }
    // Only mentions reported as pointing nowhere may stay unresolved.
    const broken = p.diagnostics.filter((d) => d.code === 'repeat-mention-target' && d.message.includes('has no measure')).length;
    expect(resolved + broken).toBe(mentionLines.length);
    await client.close(seedUri);
  });
});

describe('language server with a client that resolves code actions', () => {
  let ws: string;
  let client: TestClient;

  beforeAll(async () => {
    ws = makeWorkspace();
    const capabilities = structuredClone(FULL_CAPABILITIES);
    (capabilities.textDocument?.codeAction as Record<string, unknown>)['resolveSupport'] = { properties: ['edit'] };
    client = await TestClient.start({ capabilities, workspace: ws, settings: { debounceMs: 50 } });
  });

  afterAll(async () => {
    await client?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('computes fix-all only on codeAction/resolve, as small edits for the version it was offered for', async () => {
    expect((client.capabilities as { codeActionProvider: { resolveProvider: boolean } }).codeActionProvider.resolveProvider).toBe(true);
    const uri = pathToFileURL(path.join(ws, 'draft.md')).href;
    const text = readFileSync(path.join(ws, 'draft.md'), 'utf8');
    await client.open(uri, text, 3);
    await client.waitForDiagnostics(uri);
    const request = (only?: string[]) =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], triggerKind: 2, ...(only ? { only } : {}) },
      });
    const [offered] = (await request()).filter((a) => a.kind === 'source.fixAll.plan-lint');
    expect(offered?.edit).toBeUndefined();
    expect(offered?.command).toBeUndefined();
    const resolved = await client.request<CodeAction>('codeAction/resolve', offered);
    expect(resolved.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: 3 } });
    const edits = editsOf(resolved.edit, uri);
    expect(edits).toHaveLength(2);
    const fixed = applyEdits(text, edits);
    expect(fixed).toContain('(MOJ)');
    expect(fixed).toContain('- Repeat mention 1 - (ii): Holding');
    // Offered for version 3, resolved after an edit: no stale edits.
    await client.change(uri, 4, [{ text: text.replace('(MOJJ)', '(MOJX)') }]);
    const stale = await client.request<CodeAction>('codeAction/resolve', offered);
    expect(stale.edit).toBeUndefined();
  });
});

describe('language server with a minimal client', () => {
  let ws: string;
  let client: TestClient;

  beforeAll(async () => {
    ws = makeWorkspace();
    client = await TestClient.start({ capabilities: MINIMAL_CAPABILITIES, workspace: ws });
  });

  afterAll(async () => {
    await client?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('still gets pushed diagnostics and settings through didChangeConfiguration', async () => {
    const caps = client.capabilities as { diagnosticProvider?: unknown; codeActionProvider?: unknown };
    expect(caps.diagnosticProvider).toBeUndefined();
    expect(caps.codeActionProvider).toBeUndefined();
    const uri = pathToFileURL(path.join(ws, 'draft.md')).href;
    const text = readFileSync(path.join(ws, 'draft.md'), 'utf8');
    await client.open(uri, text, 5);
    const p = await client.waitForDiagnostics(uri);
    expect(p.version).toBe(5);
    expect(codes(p)).toContain('ministry-known');
    // No related-information support: the related places are folded into the message.
    const target = p.diagnostics.find((d) => d.code === 'repeat-mention-target') as Diagnostic;
    expect(target.relatedInformation).toBeUndefined();
    expect(target.message).toContain('Section 1 (line 7)');
    expect(client.configurationRequests).toBe(0);

    const base = client.publishedFor(uri).length;
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { planLint: { rules: { 'ministry-known': 'off' } } } });
    const q = await client.waitForDiagnostics(uri, (x) => !codes(x).includes('ministry-known'), base);
    expect(codes(q)).toContain('repeat-mention-target');
  });
});

/** A Markdown text's syntax tree without positions, plan-lint comments and the spaces they leave at line ends. */
function markdownStructure(markdown: string): unknown {
  type Node = { type: string; value?: string; position?: unknown; children?: Node[] };
  const clean = (node: Node): Node => {
    const { position: _position, ...rest } = node;
    if (rest.type === 'text' && rest.value !== undefined) rest.value = rest.value.replace(/[ \t]+(?=\n|$)/g, '');
    if (rest.children) {
      const merged: Node[] = [];
      for (const child of rest.children) {
        if (child.type === 'html' && /^<!--\s*plan-lint-/.test(child.value ?? '')) continue;
        const last = merged.at(-1);
        if (last?.type === 'text' && child.type === 'text') last.value = `${last.value ?? ''}${child.value ?? ''}`;
        else merged.push({ ...child });
      }
      rest.children = merged.map(clean);
    }
    return rest;
  };
  return clean(unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(markdown) as Node);
}

/** Pull diagnostics for a text (sent as a full change), as rule ids. */
async function lintText(client: TestClient, uri: string, newText: string): Promise<string[]> {
  await client.change(uri, nextVersion(), [{ text: newText }]);
  const r = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  return r.items.map((d) => String(d.code));
}

/** Document versions only grow, as in an editor. */
let lastVersion = 10;
function nextVersion(): number {
  return ++lastVersion;
}
