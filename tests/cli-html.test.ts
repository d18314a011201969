/**
 * The HTML report of the built binary, loaded in headless Chromium (Debian's /usr/bin/chromium):
 * the DOM after parsing shows the totals, the findings by measure and the measure × ministry matrix
 * with a 'missing' cell; a screenshot renders.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DOCS_BASE_URL } from '@plan-lint/core';
import { buildCli, cleanTemps, FIXTURES, ROOT, runCli, tempDir, type JsonResult } from './cli-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`Skipping the HTML report tests in Chromium: ${CHROMIUM} is absent (install it with 'apt-get install -y chromium').`);
}

vi.setConfig({ testTimeout: 180_000 });
beforeAll(() => buildCli(), 180_000);
afterAll(() => cleanTemps());

function chromium(args: string[], userDataDir: string): string {
  return execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${userDataDir}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The text of an element's content with tags removed and whitespace collapsed. */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  it('shows totals, findings by measure with rule links, and the responsibility matrix with a missing cell', () => {
    const dir = tempDir();
    const page = path.join(dir, 'report.html');
    const project = path.join(FIXTURES, 'project');
    const lint = runCli(['-f', 'html', '-o', page, 'drafts/problems.md'], { cwd: project });
    expect(lint.code).toBe(1);
    const [json] = JSON.parse(runCli(['-f', 'json', 'drafts/problems.md'], { cwd: project }).stdout) as JsonResult[];
    const source = readFileSync(page, 'utf8');
    expect(source).not.toMatch(/<script|<link\b|\bsrc=|url\(/i); // standalone: no scripts, no external assets

    const dom = chromium(['--dump-dom', pathToFileURL(page).href], path.join(dir, 'profile'));
    expect(dom).toMatch(/<html lang="en">/);
    // Totals, as the browser parsed them.
    expect(dom).toMatch(new RegExp(`data-total="errors">${json?.errorCount}<`));
    expect(dom).toMatch(new RegExp(`data-total="warnings">${json?.warningCount}<`));
    // Missing reports: MOJ in 1-(i) (its entry says 'MOJJ') and MEXT in 1-(ii).
    expect(dom).toMatch(/data-total="missing">2</);
    // Findings grouped under their measure, with line numbers and rule links.
    const measure = /<h4 id="m-1-\(i\)">([\s\S]*?)<\/h4>\s*<ul class="findings">([\s\S]*?)<\/ul>/.exec(dom);
    expect(text(measure?.[1] ?? '')).toBe('1-(i) Convening of a public-private conference for the promotion of social awareness (line 9)');
    expect(measure?.[2]).toMatch(/data-rule="ministry-known"[^>]*data-line="14"/);
    expect(measure?.[2]).toContain(`<a href="${DOCS_BASE_URL}rules/ministry-known.html">ministry-known</a>`);
    // Matrix: one row per measure, one column per ministry named in the document.
    const headers = [...dom.matchAll(/<th scope="col"[^>]*data-ministry="([^"]+)"/g)].map((m) => m[1]);
    // Known ministries in registry order, then names the registry does not know ('MOJJ').
    expect(headers).toEqual(['NPA', 'MOJ', 'MEXT', 'MOJJ']);
    const row = /<tr data-measure="1-\(ii\)">([\s\S]*?)<\/tr>/.exec(dom)?.[1] ?? '';
    expect(text(/<th[^>]*>([\s\S]*?)<\/th>/.exec(row)?.[1] ?? '')).toBe('1-(ii)Lectures on juvenile delinquency prevention');
    const cells = [...row.matchAll(/<td([^>]*)>([^<]*)<\/td>/g)].map((m) => ({ attrs: m[1] ?? '', text: m[2] }));
    expect(cells.map((c) => c.text)).toEqual(['\u2713 reported', '', 'missing', '']);
    expect(cells[2]?.attrs).toContain('data-status="missing"');
    // 1-(i): MOJ is responsible; its entry is tagged 'MOJJ', which is not MOJ, so MOJ is missing there too.
    const row1 = /<tr data-measure="1-\(i\)">([\s\S]*?)<\/tr>/.exec(dom)?.[1] ?? '';
    expect([...row1.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['\u2713 reported', 'missing', '', 'reported']);

    const png = path.join(dir, 'report.png');
    chromium(['--window-size=1280,1600', `--screenshot=${png}`, pathToFileURL(page).href], path.join(dir, 'profile'));
    const bytes = readFileSync(png);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });

  it('renders the real report: six sections of measures in the matrix and the nine ministries as columns', () => {
    const dir = tempDir();
    const page = path.join(dir, 'seeds.html');
    const lint = runCli(['-f', 'html', '-o', page, 'seeds/'], { cwd: ROOT });
    expect(lint.code).toBeLessThan(2);
    const dom = chromium(['--dump-dom', pathToFileURL(page).href], path.join(dir, 'profile'));
    const rows = [...dom.matchAll(/<tr data-measure="(\d+)-\(([ivxlc]+)\)">/g)];
    const perSection = [1, 2, 3, 4, 5, 6].map((s) => rows.filter((r) => r[1] === String(s)).length);
    const [json] = JSON.parse(runCli(['-f', 'json', 'seeds/']).stdout) as JsonResult[];
    // The printed FY2018 report has 88 measures: 21/15/9/18/12/13 per section.
    expect(perSection).toEqual([21, 15, 9, 18, 12, 13]);
    expect(dom).toMatch(new RegExp(`data-total="errors">${json?.errorCount}<`));
    const headers = [...dom.matchAll(/<th scope="col"[^>]*data-ministry="([^"]+)"/g)].map((m) => m[1]);
    for (const abbr of ['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI']) expect(headers).toContain(abbr);
  });
});
