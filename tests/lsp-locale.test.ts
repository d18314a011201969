/**
 * The language of the language server's messages, hovers and code actions: the client's (`initialize` `locale`),
 * overridden by the setting `planLint.locale` ("auto": each draft's language; "en"; "ja").
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientCapabilities, CodeAction, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver/node';
import { rules } from '@plan-lint/rules';
import { lintLocaleOf, normalizeSettings } from '../packages/language-server/src/settings.js';
import { TestClient } from './lsp-client.js';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const JA_DRAFT = readFileSync(path.join(ROOT, 'fixtures/ministry-existence/invalid-ja-not-yet.md'), 'utf8');
const EN_DRAFT = readFileSync(path.join(ROOT, 'fixtures/ministry-existence/invalid-children-and-families-agency-fy2018.md'), 'utf8');
const JA_MESSAGE = '「こども家庭庁」は令和2年度にはまだ設置されていません（2023年4月1日設置。それまでは「内閣府」及び「厚生労働省」が所管していました）';
const EN_MESSAGE = 'The こども家庭庁 did not exist in FY2020 (it was established on 1 April 2023; before that, its work was done by the 内閣府 and the 厚生労働省)';

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } } },
  },
};

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`'${needle}' not found`);
  const before = text.slice(0, index + delta);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

describe('editor settings: planLint.locale', () => {
  it('reads "auto", "en" and "ja"; anything else is ignored with a problem', () => {
    expect(normalizeSettings({ locale: 'ja' }, rules).locale).toBe('ja');
    expect(normalizeSettings({ locale: 'auto' }, rules).locale).toBe('auto');
    expect(normalizeSettings({ locale: null }, rules)).not.toHaveProperty('locale');
    const bad = normalizeSettings({ locale: 'japanese' }, rules);
    expect(bad).not.toHaveProperty('locale');
    expect(bad.problems).toEqual([`the editor setting 'planLint.locale' must be "auto", "en" or "ja", not "japanese"; it is ignored.`]);
  });

  it('no setting: the client\'s language; "auto": the draft\'s; "en"/"ja": that one', () => {
    const settings = (locale?: unknown) => normalizeSettings(locale === undefined ? {} : { locale }, rules);
    expect(lintLocaleOf(settings(), 'ja')).toBe('ja');
    expect(lintLocaleOf(settings(), undefined)).toBeUndefined();
    expect(lintLocaleOf(settings('auto'), 'en')).toBeUndefined();
    expect(lintLocaleOf(settings('en'), 'ja')).toBe('en');
  });
});

describe('language server locale', () => {
  let client: TestClient | undefined;
  let ws: string | undefined;
  afterEach(async () => {
    await client?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
    client = undefined;
  });

  async function start(locale: string | undefined, settings: Record<string, unknown> = {}): Promise<TestClient> {
    ws = mkdtempSync(path.join(tmpdir(), 'plan-lint-lsp-locale-'));
    client = await TestClient.start({ capabilities: CAPABILITIES, workspace: ws, settings: { debounceMs: 0, ...settings }, ...(locale ? { locale } : {}) });
    return client;
  }
  const uriOf = (name: string): string => pathToFileURL(path.join(ws as string, name)).href;
  const messages = async (c: TestClient, uri: string, version = 1): Promise<string[]> =>
    (await c.waitForDiagnostics(uri, (p) => p.version === version)).diagnostics.filter((d) => d.code === 'ministry-existence').map((d) => d.message);

  it('a Japanese client: Japanese messages, hovers and code action titles, also on an English draft', async () => {
    const c = await start('ja-JP');
    const uri = uriOf('report.md');
    await c.open(uri, EN_DRAFT);
    const published = await c.waitForDiagnostics(uri, (p) => p.version === 1);
    const existence = published.diagnostics.find((d) => d.code === 'ministry-existence') as Diagnostic;
    expect(existence.message).toBe('「こども家庭庁」は平成30年度にはまだ設置されていません（2023年4月1日設置。それまでは「内閣府」及び「厚生労働省」が所管していました）');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: existence.range, context: { diagnostics: [existence] } });
    expect(actions.map((a) => a.title)).toContain('この行の「ministry-existence」を無効にする');
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(EN_DRAFT, '(CFA)', 1) });
    expect((hover?.contents as { value: string }).value).toContain('存続期間：2023年4月1日から現存');
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((section) => [section.detail, section.children?.map((m) => m.detail)])).toEqual([['施策1件', ['取組1件、取組状況1件']]]);
  });

  it('an English client: English messages and hovers, also on a Japanese draft', async () => {
    const c = await start('en-US');
    const uri = uriOf('report.md');
    await c.open(uri, JA_DRAFT);
    expect((await messages(c, uri))[0]).toBe(EN_MESSAGE);
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(JA_DRAFT, '内閣府】', 1) });
    const value = (hover?.contents as { value: string }).value;
    expect(value).toContain('**内閣府** (no abbreviation)');
    expect(value).toMatch(/Valid: from 2001-01-06/);
  });

  it('"auto": the draft\'s language whatever the client\'s; a changed setting applies at once', async () => {
    const c = await start('en', { locale: 'auto' });
    const ja = uriOf('ja.md');
    const en = uriOf('en.md');
    await c.open(ja, JA_DRAFT);
    await c.open(en, EN_DRAFT);
    expect((await messages(c, ja))[0]).toBe(JA_MESSAGE);
    expect((await messages(c, en))[0]).toMatch(/^The Children and Families Agency did not exist in FY2018/);
    c.settings = { debounceMs: 0, locale: 'ja' };
    const base = c.publishedFor(en).length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await c.waitForDiagnostics(en, (p) => p.diagnostics.some((d) => d.message.startsWith('「こども家庭庁」は平成30年度')), base);
    expect(after.diagnostics.length).toBeGreaterThan(0);
  });

  it('a client language messages are not written in: each draft\'s language', async () => {
    const c = await start('fr-FR');
    const uri = uriOf('ja.md');
    await c.open(uri, JA_DRAFT);
    expect((await messages(c, uri))[0]).toBe(JA_MESSAGE);
  });
});
