/**
 * A real editor as the client: headless Neovim (0.7 on Debian 12) starts the
 * built language server, shows its diagnostics, asks for a definition and a
 * hover, edits the buffer and sees the diagnostics update
 * (tests/nvim/lsp-session.lua writes what it saw as JSON).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const SERVER = path.join(ROOT, 'packages/language-server/bin/plan-lint-language-server.js');

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** Runs a script of tests/nvim in headless Neovim (in `cwd`, with `env` beside the server's) and returns the JSON it wrote. */
function runNvim<T>(script: string, cwd: string, env: Record<string, string>): T {
  const out = path.join(cwd, 'out.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'tests/nvim', script)}`], {
    cwd,
    encoding: 'utf8',
    timeout: 90000,
    env: { ...process.env, PLAN_LINT_SERVER: SERVER, PLAN_LINT_NODE: process.execPath, PLAN_LINT_OUT: out, ...env },
  });
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } catch {
    throw new Error(`nvim wrote no result (status ${run.status}, signal ${run.signal})\n${run.stdout}\n${run.stderr}`);
  }
}

const version = nvimVersion();
if (!version) {
  console.warn('tests/nvim.test.ts skipped: nvim is not installed (apt-get install -y neovim; CI installs it in .ci/run)');
}

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

interface SessionResult {
  nvim: string;
  errors: string[];
  attached: boolean;
  initial_ok: boolean;
  initial: NvimDiagnostic[];
  definition: { targetUri?: string; uri?: string; targetSelectionRange?: { start: { line: number } }; range?: { start: { line: number } } }[];
  hover: string;
  updated_ok: boolean;
  updated: NvimDiagnostic[];
  configured_ok: boolean;
  configured: NvimDiagnostic[];
  reconfigured_ok: boolean;
  reconfigured: NvimDiagnostic[];
}

describe.skipIf(!version)(`Neovim as the client (${version ?? 'nvim absent'})`, () => {
  let dir: string;
  let result: SessionResult;
  let draftText: string;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/language-server'], { cwd: ROOT, stdio: 'pipe' });
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-nvim-'));
    const draft = path.join(dir, 'draft.md');
    copyFileSync(path.join(ROOT, 'fixtures/lsp/draft.md'), draft);
    draftText = readFileSync(draft, 'utf8');
    result = runNvim<SessionResult>('lsp-session.lua', dir, { PLAN_LINT_DRAFT: draft });
  }, 120000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ran without Lua errors and attached the server', () => {
    expect(result.errors).toEqual([]);
    expect(result.attached).toBe(true);
  });

  it('shows the pushed diagnostics at their exact places', () => {
    expect(result.initial_ok).toBe(true);
    const lines = draftText.split('\n');
    const mojjLine = lines.findIndex((l) => l.includes('(MOJJ)'));
    expect(result.initial.map((d) => d.code)).toEqual([
      'ministry-known',
      'repeat-mention-target',
      'ministry-known',
      'unused-disable-directive',
      'repeat-mention-format',
      'ministry-not-responsible',
    ]);
    const mojj = result.initial[0] as NvimDiagnostic;
    expect([mojj.lnum, mojj.col, mojj.end_lnum, mojj.end_col]).toEqual([mojjLine, (lines[mojjLine] as string).indexOf('MOJJ'), mojjLine, (lines[mojjLine] as string).indexOf('MOJJ') + 4]);
    expect(mojj.severity).toBe(1); // vim.diagnostic.severity.ERROR
    expect(mojj.source).toBe('plan-lint');
    expect(mojj.message).toBe("'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'?");
    expect(result.initial.find((d) => d.code === 'repeat-mention-format')?.severity).toBe(2); // WARN
  });

  it('jumps from a repeat mention to the measure heading', () => {
    expect(result.definition).toHaveLength(1);
    const def = result.definition[0] as SessionResult['definition'][number];
    const line = def.targetSelectionRange?.start.line ?? def.range?.start.line;
    expect(line).toBe(draftText.split('\n').findIndex((l) => l.startsWith('### (i) Convening')));
    expect(def.targetUri ?? def.uri).toBe(pathToFileURL(path.join(dir, 'draft.md')).href);
  });

  it('explains a ministry abbreviation on hover', () => {
    expect(result.hover).toContain('**National Police Agency** (NPA)');
    expect(result.hover).toContain('警察庁');
  });

  it('updates the diagnostics after an edit in the buffer', () => {
    expect(result.updated_ok).toBe(true);
    expect(result.updated.map((d) => d.code)).toEqual([
      'repeat-mention-target',
      'ministry-known',
      'unused-disable-directive',
      'repeat-mention-format',
      'ministry-not-responsible',
    ]);
    expect(result.updated.some((d) => d.message.includes('MOJJ'))).toBe(false);
  });

  it('applies a configuration created and atomically saved while the draft is open, each time', () => {
    expect(result.configured_ok).toBe(true);
    expect(result.configured.map((d) => d.code)).toEqual(['repeat-mention-target', 'ministry-known', 'unused-disable-directive', 'ministry-not-responsible']);
    expect(result.reconfigured_ok).toBe(true);
    expect(result.reconfigured.map((d) => d.code)).toEqual(['repeat-mention-target', 'ministry-known', 'unused-disable-directive']);
  });
});

describe.skipIf(!version)(`Neovim with a report and its plan (${version ?? 'nvim absent'})`, () => {
  let dir: string;
  let result: { errors: string[]; attached: boolean; definition: { uri?: string; targetUri?: string; range?: { start: { line: number } } }[]; initial: string[]; refreshed_ok: boolean; refreshed: string[] };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-nvim-linked-'));
    copyFileSync(path.join(ROOT, 'fixtures/linked/plan.md'), path.join(dir, 'plan.md'));
    copyFileSync(path.join(ROOT, 'fixtures/linked/report-fy2018.md'), path.join(dir, 'report.md'));
    result = runNvim<typeof result>('lsp-linked.lua', dir, { PLAN_LINT_REPORT: path.join(dir, 'report.md'), PLAN_LINT_PLAN: path.join(dir, 'plan.md') });
  }, 120000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("jumps from the report's measure heading to the plan's measure", () => {
    expect(result.errors).toEqual([]);
    expect(result.attached).toBe(true);
    expect(result.definition.map((d) => [d.targetUri ?? d.uri, d.range?.start.line])).toEqual([[pathToFileURL(path.join(dir, 'plan.md')).href, 12]]);
  });

  it('gives the untouched report fresh diagnostics when the plan is edited in another window', () => {
    expect(result.initial).toEqual([]);
    expect(result.refreshed_ok).toBe(true);
    expect(result.refreshed).toEqual(['plan-action-text']);
  });
});

describe.skipIf(!version)(`Neovim on the Japanese sample report (${version ?? 'nvim absent'})`, () => {
  interface Position {
    line: number;
    character: number;
  }
  let dir: string;
  let result: {
    errors: string[];
    attached: boolean;
    initial_ok: boolean;
    initial: { lnum: number; col: number; end_col: number; message: string; code: string }[];
    digital_agency: Position;
    hover: string;
    definition: { uri?: string; targetUri?: string; range?: { start: Position }; targetSelectionRange?: { start: Position } }[];
    target: Position;
    cleared_ok: boolean;
  };

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/language-server'], { cwd: ROOT, stdio: 'pipe' });
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-nvim-ja-'));
    // The sample lints clean: one status entry's tag also names デジタル庁, which did not exist in 平成30年度.
    const sample = readFileSync(path.join(ROOT, 'seeds/sample-ja-status-report.md'), 'utf8');
    const edited = sample.replace('公開シンポジウムを開催した。【内閣府】', '公開シンポジウムを開催した。【内閣府、デジタル庁】');
    expect(edited).not.toBe(sample);
    const draft = path.join(dir, 'sample-ja.md');
    writeFileSync(draft, edited);
    result = runNvim<typeof result>('lsp-ja.lua', dir, { PLAN_LINT_DRAFT: draft });
  }, 120000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ran without Lua errors and attached the server', () => {
    expect(result.errors).toEqual([]);
    expect(result.attached).toBe(true);
  });

  it('shows the diagnostics in Japanese at the name in the 【】 tag, and none once the edit is undone', () => {
    expect(result.initial_ok).toBe(true);
    const existence = result.initial.find((d) => d.code === 'ministry-existence');
    expect(existence?.message).toBe('「デジタル庁」は平成30年度にはまだ設置されていません（2021年9月1日設置）');
    // Neovim columns are bytes: デジタル庁 is 5 characters of 3 bytes in UTF-8.
    const line = readFileSync(path.join(dir, 'sample-ja.md'), 'utf8').split('\n')[result.digital_agency.line] as string;
    const byte = Buffer.byteLength(line.slice(0, line.indexOf('デジタル庁')));
    expect([existence?.lnum, existence?.col, existence?.end_col]).toEqual([result.digital_agency.line, byte, byte + 15]);
    expect(result.cleared_ok).toBe(true);
  });

  it('shows the Japanese name, its short form and the English name on hover', () => {
    expect(result.hover).toContain('**警察庁**（警察）');
    expect(result.hover).toContain('National Police Agency');
    expect(result.hover).toContain('存続期間：1954年7月1日から現存');
  });

  it('jumps from a 再掲 entry to the measure it names', () => {
    expect(result.definition).toHaveLength(1);
    const def = result.definition[0];
    expect(def?.targetSelectionRange?.start ?? def?.range?.start).toEqual(result.target);
    expect(def?.targetUri ?? def?.uri).toBe(pathToFileURL(path.join(dir, 'sample-ja.md')).href);
  });
});
