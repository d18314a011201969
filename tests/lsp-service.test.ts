/**
 * The language service without a process: the pure layer (analysis, code
 * actions, navigation, edits) and the server wired to in-memory streams with a
 * rule that crashes.
 */
import { PassThrough } from 'node:stream';
import { createConfig, resolveConfig } from '@plan-lint/core';
import type { AnyRule } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { describe, expect, it } from 'vitest';
import {
  createConnection,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import * as nav from '../packages/language-server/src/navigation.js';
import { startServer } from '../packages/language-server/src/server.js';
import { analyze, applyTextEdits, minimalEdit, minimalEdits, type LintSetup } from '../packages/language-server/src/service.js';
import { normalizeSettings } from '../packages/language-server/src/settings.js';
import { matchScore } from '../packages/language-server/src/workspace-index.js';

const setup: LintSetup = { config: resolveConfig(undefined, undefined, { rules }), rules };

const DRAFT = [
  '## 1. Awareness',
  '',
  '### (i) Conference on awareness',
  '',
  'Efforts shall be made. (National Police Agency and Ministry of Justice)',
  '',
  '- NPA held the conference in July 2018. (NPA)',
  '- MOJ held lectures in August 2018. (MOJJ)',
  '',
  '### (ii) Lectures in schools',
  '',
  'Lectures shall be held. (National Police Agency)',
  '',
  '- Repeat mention 1 - (i): Conference on awareness (NPA)',
  '',
].join('\n');

describe('service', () => {
  it('keeps positions right when the editor text starts with a byte order mark', () => {
    const a = analyze({ uri: 'file:///bom.md', version: 1, text: `\uFEFF${DRAFT}` }, setup);
    const d = a.diagnostics().find((x) => x.code === 'ministry-known');
    // Line 8 is not the first line: no shift.
    expect(d?.range.start).toEqual({ line: 7, character: DRAFT.split('\n')[7]!.indexOf('MOJJ') });
    const first = analyze({ uri: 'file:///bom.md', version: 1, text: '\uFEFF## 1. A\n\n### (i) B\n\nText. (NPAX)\n' }, setup);
    expect(first.positions.toPosition({ line: 1, column: 1, offset: 0 })).toEqual({ line: 0, character: 1 });
    expect(first.positions.offsetAt({ line: 0, character: 1 })).toBe(0);
    // Fix-all keeps the BOM and touches only what changes.
    const fixed = applyTextEdits(`\uFEFF${DRAFT}`, analyze({ uri: 'file:///bom.md', version: 1, text: `\uFEFF${DRAFT}` }, setup).fixAllEdits());
    expect(fixed.startsWith('\uFEFF')).toBe(true);
    expect(fixed).toContain('(MOJ)');
  });

  it('never throws on odd input and answers every feature', () => {
    for (const text of ['', '\n\n', '(((', '## 1.\n### (\n- Repeat mention', '- Repeat mention 9 - (zz): x (NPA', '\uFEFF', '---\nfiscal-year: [\n']) {
      const a = analyze({ uri: 'file:///odd.md', version: 1, text }, setup);
      const input = a.navigation();
      for (let line = 0; line < 4; line++) {
        for (const character of [0, 3, 40]) {
          const p = { line, character };
          expect(() => {
            nav.hover(input, p);
            nav.definition(input, p, true);
            nav.references(input, p, true);
            nav.completion(input, p);
            nav.prepareRename(input, p);
            nav.rename(input, p, 'iv');
          }).not.toThrow();
        }
      }
      expect(() => a.codeActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, a.diagnostics(), () => true)).not.toThrow();
    }
  });

  it('turns a crashing rule into one diagnostic and keeps the others', () => {
    const crashing: AnyRule = {
      meta: { ...rules[0]!.meta, id: 'always-crashes', docs: 'always-crashes.md', recommended: true },
      check() {
        throw new Error('boom');
      },
    };
    const all = [...rules, crashing];
    const config = createConfig({ rules: all, extends: 'plan-lint:recommended', settings: { 'always-crashes': 'error' } });
    const a = analyze({ uri: 'file:///c.md', version: 1, text: DRAFT }, { config, rules: all });
    const crashes = a.diagnostics().filter((d) => d.code === 'rule-crash');
    expect(crashes).toHaveLength(1);
    expect(crashes[0]?.message).toContain('always-crashes');
    expect(a.diagnostics().some((d) => d.code === 'ministry-known')).toBe(true);
    // No "disable for this line" for a crash.
    const actions = a.codeActions(crashes[0]!.range, crashes, () => true);
    expect(actions.filter((x) => x.title.startsWith('Disable'))).toEqual([]);
  });

  it('renames from a repeat mention numeral too, and explains a missing target', () => {
    const a = analyze({ uri: 'file:///r.md', version: 1, text: DRAFT }, setup);
    const line = 13;
    const col = DRAFT.split('\n')[line]!.indexOf('(i)') + 1;
    const prepared = nav.prepareRename(a.navigation(), { line, character: col });
    expect(prepared).toEqual({ range: { start: { line, character: col }, end: { line, character: col + 1 } }, placeholder: 'i' });
    const result = nav.rename(a.navigation(), { line, character: col }, '(iii)');
    expect('edits' in result && applyTextEdits(DRAFT, result.edits)).toContain('### (iii) Conference');
    expect('edits' in result && applyTextEdits(DRAFT, result.edits)).toContain('Repeat mention 1 - (iii): Conference');

    const broken = DRAFT.replace('1 - (i):', '1 - (vi):');
    const b = analyze({ uri: 'file:///r.md', version: 1, text: broken }, setup);
    const bcol = broken.split('\n')[line]!.indexOf('(vi)') + 1;
    expect(nav.prepareRename(b.navigation(), { line, character: bcol })).toEqual({
      error: "Only a measure's numeral can be renamed; measure 1-(vi) does not exist in this document",
    });
  });

  it('builds one minimal edit that never splits a line break or a surrogate pair', () => {
    const cases: [string, string][] = [
      ['abc\r\ndef', 'abc\ndef'],
      ['a😀b', 'a😁b'],
      ['same', 'same'],
      ['x\r\n', 'x\r\ny\r\n'],
      ['', 'new'],
      ['old', ''],
    ];
    for (const [before, after] of cases) {
      const edit = minimalEdit(before, after);
      expect(applyTextEdits(before, [edit])).toBe(after);
    }
    expect(minimalEdit('one two three', 'one 2 three')).toEqual({
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } },
      newText: '2',
    });
  });

  it('builds one edit per changed place, resending no unchanged line between them', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', ''].join('\n');
    const after = ['a', 'B', 'c', 'd', 'e', 'x', 'f', 'g', ''].join('\n');
    expect(minimalEdits(before, after)).toEqual([
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'B' },
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: 'x\n' },
    ]);
    expect(minimalEdits(before, before)).toEqual([]);
    // Any pair of texts: the edits rebuild the new text, never overlap and never split a CRLF.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['alpha', 'beta', '(NPA)', '', '\u{1F600}'];
    for (let i = 0; i < 500; i++) {
      const lines = Array.from({ length: random(15) }, () => `${pieces[random(pieces.length)]}${random(3) === 0 ? '\r\n' : '\n'}`);
      const b = lines.join('');
      const a = lines.filter(() => random(5) !== 0).map((l) => (random(4) === 0 ? `${pieces[random(pieces.length)]}\n` : l)).join('');
      const edits = minimalEdits(b, a);
      expect(applyTextEdits(b, edits)).toBe(a);
      for (const e of edits) expect(b.split(/\r?\n/)[e.range.start.line]?.length).toBeGreaterThanOrEqual(e.range.start.character);
    }
  });

  it('reads editor settings leniently, describing each bad rule setting and keeping the valid ones', () => {
    const settings = normalizeSettings(
      { enable: 'yes', run: 'sometimes', debounceMs: -5, rules: { 'ministry-known': 'warn', 'date-valid': 'warning', 'no-such-rule': 'off', 'repeat-mention-format': ['error'] } },
      rules,
    );
    expect(settings).toEqual({
      enable: true,
      run: 'onType',
      debounceMs: 0,
      rules: { 'ministry-known': 'warn', 'repeat-mention-format': ['error'] },
      problems: [
        `Invalid severity 'warning' for rule 'date-valid' in the editor setting 'planLint.rules'; expected "off", "info", "warn" or "error" (did you mean 'warn'?). This entry is ignored; the other settings apply.`,
        expect.stringMatching(/^Unknown rule 'no-such-rule' in the editor setting 'planLint.rules'.*This entry is ignored; the other settings apply\.$/),
      ],
    });
    expect(normalizeSettings({ rules: 'all' }, rules).problems).toEqual([
      `the editor setting 'planLint.rules' must be an object of rule settings such as { "ministry-known": "warn" }; it is ignored.`,
    ]);
    expect(normalizeSettings(null, rules).debounceMs).toBe(200);
  });

  it('matches workspace symbols by words or by initials', () => {
    expect(matchScore('lectures', '1-(ii) Lectures in schools')).not.toBeNull();
    expect(matchScore('1ii', '1-(ii) Lectures in schools')).not.toBeNull();
    expect(matchScore('zebra', '1-(ii) Lectures in schools')).toBeNull();
    expect(matchScore('lect', '1-(ii) Lectures')! < matchScore('1ii', '1-(ii) Lectures')!).toBe(true);
  });
});

describe('server in process', () => {
  it('survives a crashing rule, reports it once and logs it', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const crashing: AnyRule = {
      meta: { ...rules[0]!.meta, id: 'always-crashes', docs: 'always-crashes.md', recommended: true, defaultSeverity: 'error' },
      check() {
        throw new TypeError("Cannot read properties of undefined (reading 'names')");
      },
    };
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const server = startServer(connection, { rules: [...rules, crashing] });
    connection.listen();
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const published: PublishDiagnosticsParams[] = [];
    const logs: string[] = [];
    client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => published.push(p));
    client.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
    client.listen();
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Draft-1', languageId: 'markdown', version: 1, text: DRAFT } });
    const end = Date.now() + 5000;
    while (published.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(published[0]?.diagnostics.filter((d) => d.code === 'rule-crash')).toHaveLength(1);
    expect(published[0]?.diagnostics.some((d) => d.code === 'ministry-known')).toBe(true);
    while (!logs.some((l) => l.includes('always-crashes')) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(logs.some((l) => l.includes('always-crashes'))).toBe(true);
    // Still answering (flat symbols: this client has no hierarchical symbol support).
    const symbols = (await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'untitled:Draft-1' } })) as { name: string; containerName?: string }[];
    expect(symbols.map((s) => [s.name, s.containerName])).toEqual([
      ['1. Awareness', undefined],
      ['1-(i) Conference on awareness', '1. Awareness'],
      ['1-(ii) Lectures in schools', '1. Awareness'],
    ]);
    expect(server.stats.lints).toBeGreaterThanOrEqual(1);
    client.dispose();
    connection.dispose();
  });
});
