/**
 * The built language server on a Japanese draft (the sample report of seeds/ and an edited copy of it):
 * diagnostics, hover with the Japanese name (and the English one), definition from a 再掲 entry.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCapabilities, Hover, LocationLink } from 'vscode-languageserver/node';
import { TestClient } from './lsp-client.js';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SAMPLE = readFileSync(path.join(ROOT, 'seeds/sample-ja-status-report.md'), 'utf8');

const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
  },
};

/** The LSP position of `needle` in `text` (UTF-16 columns, as LSP counts), moved `delta` characters. */
function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`'${needle}' not found`);
  const before = text.slice(0, index + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

describe('language server on a Japanese draft', () => {
  let client: TestClient;
  let ws: string;
  let version = 1;
  const uri = () => pathToFileURL(path.join(ws, 'sample-ja.md')).href;
  const hoverText = async (text: string, needle: string, delta: number): Promise<string> => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri() }, position: positionOf(text, needle, delta) });
    return (hover?.contents as { value?: string } | undefined)?.value ?? '';
  };

  beforeAll(async () => {
    ws = mkdtempSync(path.join(tmpdir(), 'plan-lint-lsp-ja-'));
    client = await TestClient.start({ capabilities: CAPABILITIES, workspace: ws, settings: { debounceMs: 0 } });
    await client.open(uri(), SAMPLE, version);
  });

  afterAll(async () => {
    await client?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('publishes no diagnostic for the sample, and the Japanese findings of an edit', async () => {
    const clean = await client.waitForDiagnostics(uri(), (p) => p.version === 1);
    expect(clean.diagnostics).toEqual([]);
    const edited = SAMPLE.replace('平成30年4月23日に児童の性的搾取等撲滅対策推進協議会を開催し、関係府省庁から前年度の取組状況を報告するとともに、意見交換を行った。【警察庁】', '協議会を開催した。【警察省】');
    version++;
    await client.change(uri(), version, [{ text: edited }]);
    const found = await client.waitForDiagnostics(uri(), (p) => p.version === version);
    expect(found.diagnostics.map((d) => [d.code, d.message, d.range.start])).toEqual([
      ['ministry-known', '「警察省」は府省庁名として登録されていません。「警察庁」の誤りではありませんか', positionOf(edited, '警察省')],
    ]);
    version++;
    await client.change(uri(), version, [{ text: SAMPLE }]);
    await client.waitForDiagnostics(uri(), (p) => p.version === version && p.diagnostics.length === 0);
  });

  it('shows the Japanese name, the short forms and the English name on hover', async () => {
    const npa = await hoverText(SAMPLE, '【警察庁】', 2);
    expect(npa).toContain('**警察庁**（警察）');
    expect(npa).toContain('National Police Agency');
    expect(npa).toContain('存続期間：1954年7月1日から現存');
    const mext = await hoverText(SAMPLE, '文部科学省】', 1);
    expect(mext).toContain('**文部科学省**（文科、文科省）');
    expect(mext).toContain('Ministry of Education, Culture, Sports, Science and Technology');
  });

  it('goes from a 再掲 entry to the measure it names, and shows that measure on hover', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', {
      textDocument: { uri: uri() },
      position: positionOf(SAMPLE, '再掲 1－（2）', 4),
    });
    expect(links.map((l) => [l.targetUri, l.targetSelectionRange.start])).toEqual([[uri(), positionOf(SAMPLE, '### （２）国民に向けた')]]);
    expect(links[0]?.originSelectionRange?.start).toEqual(positionOf(SAMPLE, '再掲 1－（2）'));
    const hover = await hoverText(SAMPLE, '再掲 2－（1）', 2);
    expect(hover).toContain('**2-(1)** インターネットの安全・安心な利用に向けた啓発');
  });
});
