/**
 * The language server with linked documents, over stdio: a report's plan is read whether or not it is open (an
 * open buffer wins), an edit of the plan in another tab or on disk gives every open report that links it fresh
 * diagnostics without touching it, and navigation crosses from a report to its plan and back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCapabilities, CodeAction, Hover, Location, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TestClient } from './lsp-client.js';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const LINKED = path.join(ROOT, 'fixtures/linked');
const plan = readFileSync(path.join(LINKED, 'plan.md'), 'utf8');
const report = readFileSync(path.join(LINKED, 'report-fy2018.md'), 'utf8');

const CAPABILITIES: ClientCapabilities = {
  workspace: { applyEdit: true, configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: false },
    references: {},
    publishDiagnostics: { relatedInformation: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
  },
};

let ws: string;
let client: TestClient | undefined;
beforeAll(() => {
  ws = mkdtempSync(path.join(tmpdir(), 'plan-lint-lsp-link-'));
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

async function start(files: Record<string, string>): Promise<{ client: TestClient; uri: (name: string) => string; dir: string }> {
  const dir = mkdtempSync(path.join(ws, 'p-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  client = await TestClient.start({ capabilities: CAPABILITIES, workspace: dir, settings: { debounceMs: 0 } });
  return { client, dir, uri: (name) => pathToFileURL(path.join(dir, name)).href };
}

describe('linked documents in the language server', () => {
  it('reads the plan from disk when it is not open, and refreshes the report when the plan is edited in another tab', async () => {
    const { client, uri } = await start({ 'plan.md': plan, 'r.md': report });
    await client.open(uri('r.md'), report);
    const first = await client.waitForDiagnostics(uri('r.md'));
    expect(codes(first)).toEqual([]);
    const count = client.publishedFor(uri('r.md')).length;
    // The plan is opened and edited; the report is not touched.
    await client.open(uri('plan.md'), plan);
    await client.change(uri('plan.md'), 2, [{ text: plan.replace('shall be strengthened on', 'shall be considered on') }]);
    const fresh = await client.waitForDiagnostics(uri('r.md'), (p) => codes(p).includes('plan-action-text'), count);
    const diagnostic = fresh.diagnostics[0];
    expect(diagnostic?.message).toContain("'considered' → 'strengthened'");
    expect(diagnostic?.relatedInformation?.[0]?.location.uri).toBe(uri('plan.md'));
    // Closing the plan's tab: the file on disk is the plan again.
    const again = client.publishedFor(uri('r.md')).length;
    await client.close(uri('plan.md'));
    const back = await client.waitForDiagnostics(uri('r.md'), (p) => codes(p).length === 0, again);
    expect(codes(back)).toEqual([]);
  });

  it('follows a plan that exists only as an unsaved buffer once it is opened', async () => {
    const { client, uri } = await start({ 'r.md': report });
    await client.open(uri('r.md'), report);
    const missing = await client.waitForDiagnostics(uri('r.md'), (p) => codes(p).includes('document-link'));
    expect(missing.diagnostics[0]?.message).toBe("The plan 'plan.md' does not exist");
    const count = client.publishedFor(uri('r.md')).length;
    await client.open(uri('plan.md'), plan);
    const found = await client.waitForDiagnostics(uri('r.md'), () => true, count);
    expect(codes(found)).toEqual([]);
  });

  it('refreshes the report when the plan changes on disk (a watched-file notification)', async () => {
    const { client, uri, dir } = await start({ 'plan.md': plan, 'r.md': report });
    await client.open(uri('r.md'), report);
    await client.waitForDiagnostics(uri('r.md'));
    const count = client.publishedFor(uri('r.md')).length;
    writeFileSync(path.join(dir, 'plan.md'), plan.replace('(Ministry of Foreign Affairs)', '(Ministry of Foreign Affairs and Ministry of Justice)'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('plan.md'), type: 2 }] });
    const fresh = await client.waitForDiagnostics(uri('r.md'), (p) => codes(p).includes('plan-ministries'), count);
    expect(fresh.diagnostics.find((d) => d.code === 'plan-ministries')?.message).toContain("drops 'Ministry of Justice'");
  });

  it("goes from a report's measure heading to the plan's measure, hovers with the plan's text, and offers \"Use the plan's text\"", async () => {
    const reworded = report.replace('shall be strengthened on', 'shall be considered on');
    const { client, uri } = await start({ 'plan.md': plan, 'r.md': reworded });
    await client.open(uri('r.md'), reworded);
    const published = await client.waitForDiagnostics(uri('r.md'), (p) => codes(p).includes('plan-action-text'));
    const heading = { line: 25, character: 6 }; // "### (ii) Promotion of public relations toward the general public"
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('r.md') }, position: heading });
    expect(definition).toEqual([{ uri: uri('plan.md'), range: { start: { line: 12, character: 0 }, end: { line: 12, character: 64 } } }]);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri('r.md') }, position: heading });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('**Plan 1-(ii)** — Promotion of public relations toward the general public');
    expect(value).toContain('> Public relations activities for the prevention of victimization shall be strengthened');
    expect(value).toContain("This report differs from the plan: planned action: 'strengthened' → 'considered'.");
    const unchanged = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri('r.md') }, position: { line: 33, character: 6 } });
    expect((unchanged.contents as { value: string }).value).toContain('This report matches the plan.');
    const diagnostic = published.diagnostics.find((d) => d.code === 'plan-action-text');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('r.md') },
      range: diagnostic?.range,
      context: { diagnostics: [diagnostic] },
    });
    const use = actions.find((a) => a.title === "Use the plan's text");
    expect(use?.edit?.changes?.[uri('r.md')] ?? use?.edit?.documentChanges).toBeDefined();
    const edits = use?.edit?.changes?.[uri('r.md')] ?? [];
    expect(edits.map((e) => e.newText)).toEqual(['strengthened']);
  });

  it('does the same for a Japanese report: the definition, the hover with the differing characters, the fix in Japanese', async () => {
    const jaPlan = readFileSync(path.join(LINKED, 'ja-plan.md'), 'utf8');
    const jaReport = readFileSync(path.join(ROOT, 'fixtures/plan-action-text/invalid-ja-word-changed.md'), 'utf8').replace('../linked/ja-plan.md', 'ja-plan.md');
    const { client, uri } = await start({ 'ja-plan.md': jaPlan, 'r.md': jaReport });
    await client.open(uri('r.md'), jaReport);
    const published = await client.waitForDiagnostics(uri('r.md'), (p) => codes(p).includes('plan-action-text'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'plan-action-text');
    expect(diagnostic?.message).toBe('施策1－（2）の施策内容が計画の文言と異なります（「強化」を「検討」に変更）');
    const heading = { line: 18, character: 6 }; // "### （２）国民に向けた広報啓発活動の推進"
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('r.md') }, position: heading });
    expect(definition).toEqual([{ uri: uri('ja-plan.md'), range: { start: { line: 13, character: 0 }, end: { line: 13, character: 22 } } }]);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri('r.md') }, position: heading });
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('— 国民に向けた広報啓発活動の推進');
    expect(value).toContain('> ウェブサイトや政府広報を通じた広報啓発活動を強化する。【警察庁、総務省】');
    // The two differing characters, not the whole sentence (quoted 'x' → 'y' or 「x」を「y」, as the hover's language has it).
    expect(value).toMatch(/['「]強化['」].{1,5}['「]検討['」]/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri('r.md') },
      range: diagnostic?.range,
      context: { diagnostics: [diagnostic] },
    });
    const use = actions.find((a) => a.title === '計画の文言に改める');
    expect((use?.edit?.changes?.[uri('r.md')] ?? []).map((e) => e.newText)).toEqual(['強化']);
  });

  it("lists, for a plan's measure, every open report's measure and the repeat mentions pointing to it", async () => {
    const fy2019 = readFileSync(path.join(LINKED, 'report-fy2019.md'), 'utf8').replace(
      '- Training on the new teaching materials',
      '- Repeat mention 1 - (ii): A video on the prevention of victimization (MEXT)\n\n- Training on the new teaching materials',
    );
    const { client, uri } = await start({ 'plan.md': plan, 'report-fy2018.md': report, 'report-fy2019.md': fy2019 });
    await client.open(uri('report-fy2018.md'), report);
    await client.open(uri('report-fy2019.md'), fy2019);
    await client.open(uri('plan.md'), plan);
    await client.waitForDiagnostics(uri('report-fy2018.md'));
    await client.waitForDiagnostics(uri('report-fy2019.md'));
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri('plan.md') },
      position: { line: 12, character: 6 },
      context: { includeDeclaration: false },
    });
    const found = refs.map((l) => `${path.basename(fileURLToPath(l.uri))}:${l.range.start.line + 1}`).sort();
    expect(found).toEqual(['report-fy2018.md:26', 'report-fy2019.md:27', 'report-fy2019.md:47']);
  });

  it("lists, for a plan's measure, the reports on disk that link the plan, and takes an open report from its unsaved buffer", async () => {
    const fy2019 = readFileSync(path.join(LINKED, 'report-fy2019.md'), 'utf8').replace(
      '- Training on the new teaching materials',
      '- Repeat mention 1 - (ii): A video on the prevention of victimization (MEXT)\n\n- Training on the new teaching materials',
    );
    const { client, uri } = await start({ 'plan.md': plan, 'report-fy2018.md': report, 'report-fy2019.md': fy2019 });
    await client.open(uri('plan.md'), plan);
    await client.waitForDiagnostics(uri('plan.md'));
    const references = async (): Promise<string[]> => {
      const refs = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: uri('plan.md') },
        position: { line: 12, character: 6 },
        context: { includeDeclaration: false },
      });
      return refs.map((l) => `${path.basename(fileURLToPath(l.uri))}:${l.range.start.line + 1}`).sort();
    };
    // Only the plan is open: both reports are read from disk.
    expect(await references()).toEqual(['report-fy2018.md:26', 'report-fy2019.md:27', 'report-fy2019.md:47']);
    // The FY2019 report is opened with two unsaved lines above everything: its buffer wins over the disk.
    const edited = `${fy2019.replace(/^(---\n[\s\S]*?\n---\n)/, '$1\n\n')}`;
    expect(edited).not.toBe(fy2019);
    await client.open(uri('report-fy2019.md'), edited);
    await client.waitForDiagnostics(uri('report-fy2019.md'));
    expect(await references()).toEqual(['report-fy2018.md:26', 'report-fy2019.md:29', 'report-fy2019.md:49']);
  });
});
