/**
 * The plan-lint extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) serves the
 * workbench on loopback, headless Chromium drives it through playwright-core, and the built .vsix
 * is installed into a fresh, temporary profile. A copy of the FY2018 report is opened in a
 * temporary workspace and the checks below are what a drafter sees and does.
 *
 * Run with `npm run test:vscode` (tests/vscode-e2e/run.mjs installs the harness and builds the .vsix first).
 * On a failure the screen is saved as tests/vscode-e2e/out/<check>.png.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const VSIX = path.join(ROOT, 'packages/vscode/plan-lint-vscode.vsix');
const SEED = path.join(ROOT, 'seeds/fy2018-status-report.md');
const CLI = path.join(ROOT, 'packages/cli/bin/plan-lint.js');
const CODE_SERVER = path.join(HERE, 'node_modules/code-server/out/node/entry.js');
const SHOTS = path.join(HERE, 'out');
const FILE = 'fy2018-status-report.md';
/** The extension's log, the file behind Output ▸ plan-lint. */
const EXTENSION_ID = 'plan-lint.plan-lint-vscode';
const LONG = 120_000;

// ---------------------------------------------------------------------------
// code-server and the browser
// ---------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** code-server with everything it writes (config, profile, extensions, logs) inside `dir`. */
function codeServerEnv(dir) {
  const env = { ...process.env, HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: path.join(dir, 'home/.config'), XDG_DATA_HOME: path.join(dir, 'home/.local/share') };
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

function codeServerArgs(dir) {
  return [CODE_SERVER, '--config', path.join(dir, 'home/config.yaml'), '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')];
}

async function waitForHttp(url, child, log) {
  const deadline = Date.now() + LONG;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}:\n${log()}`);
}

// ---------------------------------------------------------------------------
// Reading the workbench
// ---------------------------------------------------------------------------

const SEVERITY = { 2: 'Error', 1: 'Warning', 0: 'Info' };

/** What the CLI reports on the workspace copy: severity, message, line, column and rule of each finding. */
function cliFindings(file) {
  const r = spawnSync(process.execPath, [CLI, '-f', 'json', file], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `plan-lint -f json exited ${r.status}: ${r.stderr}`);
  const [result] = JSON.parse(r.stdout);
  return result.messages.map((m) => ({ severity: SEVERITY[m.severity], message: m.message, line: m.line, column: m.column, rule: m.ruleId }));
}

/** 1-based line and column of the first match of `pattern` in `text`. */
function positionOf(text, pattern) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]);
    if (m) return { line: i + 1, column: m.index + 1 };
  }
  throw new Error(`${pattern} is not in the draft`);
}

/** Runs a command by its title from the command palette (F1). */
async function command(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Moves the cursor with Go to Line/Column (Ctrl+G) and waits until the status bar shows it. */
async function goTo(page, line, column) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((expected) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(expected), `Ln ${line}, Col ${column}`);
}

async function cursor(page) {
  const text = (await page.locator('[id="status.editor.selection"]').textContent()) ?? '';
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  assert.ok(m, `no cursor position in the status bar: '${text}'`);
  return { line: Number(m[1]), column: Number(m[2]) };
}

async function focusEditor(page) {
  await page.locator('.part.editor .monaco-editor textarea.inputarea').first().focus();
}

/** Every problem row of the Problems panel (the panel maximized, so the virtual list renders them all). */
async function problems(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows
      .map((row) => ({ label: row.getAttribute('aria-label') ?? '', text: row.textContent ?? '' }))
      .filter((r) => /^(Error|Warning|Info): /.test(r.label))
      .map((r) => {
        const m = /^(Error|Warning|Info): ([\s\S]*) at line (\d+) and character (\d+)\./.exec(r.label);
        // The row shows the source and the rule as "plan-lint(rule-id)", the rule id being a link.
        const rule = /plan-lint\(?([a-z][a-z-]*[a-z])/.exec(r.text);
        return m ? { severity: m[1], message: m[2], line: Number(m[3]), column: Number(m[4]), rule: rule ? rule[1] : null } : { unparsed: r.label };
      }),
  );
}

/** The counts in the status bar's problems item (its label reads "Errors: 1, Warnings: 6, Infos: 3"). */
async function problemCounts(page) {
  const label = (await page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
  const count = (word) => Number(new RegExp(`${word}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos') };
}

/** Waits until the Problems panel (which follows the status bar after a short delay) lists no finding of `rule`. */
async function waitForNoProblem(page, rule) {
  const deadline = Date.now() + LONG;
  let shown = await problems(page);
  while (shown.some((p) => p.rule === rule) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    shown = await problems(page);
  }
  assert.ok(!shown.some((p) => p.rule === rule), `the Problems panel still lists ${rule}`);
}

async function waitForProblemTotal(page, total) {
  await page.waitForFunction((n) => {
    const label = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '';
    const sum = [...label.matchAll(/(?:Errors|Warnings|Infos): (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
    return sum === n;
  }, total, { timeout: LONG });
}

// ---------------------------------------------------------------------------
// The session
// ---------------------------------------------------------------------------

describe('plan-lint in VS Code 1.100.3 (code-server, headless Chromium)', { timeout: 10 * 60_000 }, () => {
  let dir;
  let workspace;
  let server;
  let serverLog = '';
  let browser;
  let page;
  let expected;
  let text;

  /** Runs one check; on failure saves a screenshot named after it before failing. */
  async function check(name, fn) {
    try {
      await fn();
    } catch (error) {
      if (page) {
        mkdirSync(SHOTS, { recursive: true });
        const file = path.join(SHOTS, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
        await page.screenshot({ path: file }).catch(() => undefined);
        console.error(`screenshot: ${path.relative(ROOT, file)}`);
      }
      throw error;
    }
  }

  function extensionLogs() {
    const logs = path.join(dir, 'user-data/logs');
    if (!existsSync(logs)) return [];
    const out = [];
    for (const session of readdirSync(logs)) {
      for (const host of readdirSync(path.join(logs, session))) {
        const file = path.join(logs, session, host, EXTENSION_ID, 'plan-lint.log');
        if (existsSync(file)) out.push(file);
      }
    }
    return out;
  }

  before(async () => {
    assert.ok(existsSync(VSIX), `${path.relative(ROOT, VSIX)} is missing: run npm run package:vscode`);
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lint-vscode-e2e-'));
    workspace = path.join(dir, 'workspace');
    for (const sub of ['home', 'user-data/User', 'extensions', 'workspace', 'chromium']) mkdirSync(path.join(dir, sub), { recursive: true });
    copyFileSync(SEED, path.join(workspace, FILE));
    text = readFileSync(path.join(workspace, FILE), 'utf8');
    expected = cliFindings(path.join(workspace, FILE));
    writeFileSync(
      path.join(dir, 'user-data/User/settings.json'),
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'security.workspace.trust.enabled': false,
          'telemetry.telemetryLevel': 'off',
          'extensions.autoUpdate': false,
          'extensions.autoCheckUpdates': false,
          'workbench.tips.enabled': false,
          'update.mode': 'none',
          'files.autoSave': 'off',
          'planLint.trace.server': 'messages',
        },
        null,
        2,
      ),
    );

    const install = spawnSync(process.execPath, [...codeServerArgs(dir), '--install-extension', VSIX], { env: codeServerEnv(dir), encoding: 'utf8' });
    assert.equal(install.status, 0, `code-server --install-extension failed:\n${install.stdout}${install.stderr}`);
    assert.match(install.stdout, /successfully installed/);

    const port = await freePort();
    server = spawn(
      process.execPath,
      [...codeServerArgs(dir), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', workspace],
      { env: codeServerEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout.on('data', (d) => (serverLog += d));
    server.stderr.on('data', (d) => (serverLog += d));
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, server, () => serverLog);

    browser = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    browser.setDefaultTimeout(60_000);
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { timeout: LONG });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).waitFor();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('activates when a Markdown draft is opened', () =>
    check('activation', async () => {
      assert.deepEqual(extensionLogs(), [], 'the extension is active before any Markdown file is open');
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click();
      await page.locator('.part.editor .monaco-editor').waitFor();
      await page.waitForFunction(() => document.querySelector('[id="status.editor.mode"]')?.textContent?.includes('Markdown'));
      const deadline = Date.now() + LONG;
      while (extensionLogs().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      assert.equal(extensionLogs().length, 1, 'no plan-lint output channel after opening a Markdown draft');
    }));

  it("shows the CLI's findings in the Problems panel", () =>
    check('problems', async () => {
      assert.ok(expected.length > 0, 'the CLI finds nothing in the seed');
      await waitForProblemTotal(page, expected.length);
      assert.deepEqual(
        await problemCounts(page),
        {
          errors: expected.filter((f) => f.severity === 'Error').length,
          warnings: expected.filter((f) => f.severity === 'Warning').length,
          infos: expected.filter((f) => f.severity === 'Info').length,
        },
      );
      await command(page, 'View: Focus Problems (Errors, Warnings, Infos)');
      await command(page, 'View: Toggle Maximized Panel');
      await page.locator('.markers-panel .monaco-list-row').first().waitFor();
      const shown = await problems(page);
      await command(page, 'View: Toggle Maximized Panel');
      const order = (a, b) => a.line - b.line || a.column - b.column;
      assert.deepEqual([...shown].sort(order), [...expected].sort(order));
    }));

  it('hovers a ministry abbreviation with its full and Japanese names', () =>
    check('hover', async () => {
      const registry = JSON.parse(readFileSync(path.join(ROOT, 'seeds/registry.json'), 'utf8'));
      const mext = registry.bodies.find((b) => b.abbreviations.includes('MEXT'));
      assert.ok(mext, 'MEXT is not in the registry');
      const at = positionOf(text, /\(MEXT\)$/);
      await goTo(page, at.line, at.column + 1);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: mext.nameJa });
      await hover.first().waitFor();
      const content = (await hover.first().textContent()) ?? '';
      assert.ok(content.includes(mext.name), `hover: ${content}`);
      await page.keyboard.press('Escape');
    }));

  it('goes from a repeat mention to the measure it names (Go to Definition)', () =>
    check('definition', async () => {
      const mention = positionOf(text, /^- Repeat mention 1 – \(x\):/);
      const sectionOne = positionOf(text, /^## 1\. /).line;
      const heading = text.split('\n').findIndex((l, i) => i >= sectionOne && /^### \(x\) /.test(l)) + 1;
      await goTo(page, mention.line, mention.column + 2);
      await page.keyboard.press('F12');
      await page.waitForFunction((line) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(`Ln ${line},`), heading);
      assert.deepEqual(await cursor(page), { line: heading, column: 1 });
    }));

  it('fixes the en dash of a repeat mention with a quick fix', () =>
    check('quick-fix', async () => {
      const mention = positionOf(text, /^- Repeat mention 1 – \(x\):/);
      await goTo(page, mention.line, mention.column + 2);
      await page.keyboard.press('Control+.');
      // The preferred fix comes first and has the focus.
      const fix = page.locator('.action-widget .monaco-list-row.focused', { hasText: "Replace with 'Repeat mention 1 - (x):'" });
      await fix.waitFor();
      await page.keyboard.press('Enter');
      await waitForProblemTotal(page, expected.length - 1);
      await page.keyboard.press('Control+S');
      const lines = text.split('\n');
      lines[mention.line - 1] = lines[mention.line - 1].replace('Repeat mention 1 – (x):', 'Repeat mention 1 - (x):');
      const deadline = Date.now() + LONG;
      while (readFileSync(path.join(workspace, FILE), 'utf8') === text && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.equal(readFileSync(path.join(workspace, FILE), 'utf8'), lines.join('\n'));
      text = lines.join('\n');
      await waitForNoProblem(page, 'repeat-mention-format');
    }));

  it('lists each heading once in Go to Symbol, and each measure by its id', () =>
    check('outline', async () => {
      /** The rows Go to Symbol in Editor (@) shows for `query`. */
      async function symbols(query) {
        await focusEditor(page);
        await page.keyboard.press('Control+Shift+O');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill(`@${query}`);
        await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
        const rows = await page.$$eval('.quick-input-list .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        await page.keyboard.press('Escape');
        return rows;
      }
      // Section 1's heading: VS Code's Markdown symbols list it, plan-lint does not list it again.
      const section = text.split('\n')[positionOf(text, /^## 1\. /).line - 1].replace(/^## /, '');
      const sectionRows = await symbols(section.slice(0, 60));
      assert.equal(sectionRows.filter((r) => r.includes(section)).length, 1, sectionRows.join('\n'));
      // Measure 1-(x): once as VS Code's heading, once as plan-lint's measure, found by its id.
      const measureRows = await symbols('1-(x)');
      const title = 'Assistance for the awareness-raising activities of private organizations for the protection of children';
      assert.deepEqual(
        measureRows.filter((r) => r.startsWith('1-(x) ')).map((r) => r.slice(0, '1-(x) '.length + title.length)),
        [`1-(x) ${title}`],
        measureRows.join('\n'),
      );
    }));

  it('checks the draft again after an edit', () =>
    check('edit', async () => {
      const before = await problemCounts(page);
      // The year outside FY2018 becomes one inside it.
      const year = positionOf(text, /(?<=the end of January )2020/);
      await goTo(page, year.line, year.column);
      for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('2019');
      await waitForProblemTotal(page, before.errors + before.warnings + before.infos - 1);
      const after = await problemCounts(page);
      assert.equal(after.errors, before.errors - 1);
      await waitForNoProblem(page, 'date-fiscal-year');
    }));

  it('writes the protocol trace to Output ▸ plan-lint when planLint.trace.server is on', () =>
    check('trace', async () => {
      // The channel's log file holds what Output ▸ plan-lint shows at its (default) log level.
      const [log] = extensionLogs();
      assert.ok(log, 'no plan-lint log');
      assert.match(readFileSync(log, 'utf8'), /Sending request 'textDocument\/diagnostic - \(\d+\)'/);
      // And the Output view shows it: select the channel, make an edit, and see its requests traced.
      await command(page, 'Output: Show Output Channels...');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'plan-lint' }).first().waitFor();
      await page.keyboard.type('plan-lint');
      await page.keyboard.press('Enter');
      const output = page.locator('.part.panel .output-view .view-lines');
      await focusEditor(page);
      await page.keyboard.press('End');
      await page.keyboard.type(' ');
      // (The editor renders spaces as no-break spaces, which \s matches.)
      await output.filter({ hasText: /Sending\srequest\s'textDocument\/diagnostic/ }).waitFor();
    }));
});
