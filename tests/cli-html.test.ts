/**
 * The HTML report of the built binary, loaded in headless Chromium (Debian's /usr/bin/chromium):
 * the DOM after parsing shows the totals, the findings by measure and the measure × ministry matrix;
 * scrolled through the real report, the matrix header stays in view and the links between the matrix rows
 * and the findings lead where they say; a screenshot renders.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHROMIUM, hasChromium, HeadlessPage } from './cli-browser.js';
import { DOCS_BASE_URL } from '@plan-lint/core';
import { buildCli, cleanTemps, FIXTURES, ROOT, runCli, tempDir, type JsonResult } from './cli-helpers.js';

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
  it('shows totals, findings by measure with rule links, and the responsibility matrix', () => {
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
    // MOJ in 1-(i) (its entry says 'MOJJ') and MEXT in 1-(ii) have no entry of their own, but NPA reported on
    // both measures: 'by another', not measures nobody reported on.
    expect(dom).toMatch(/data-total="by-another">2</);
    expect(dom).toMatch(/data-total="unreported-measures">0</);
    // Findings grouped under their measure, with line numbers and rule links.
    const measure = /<h4 id="f1-m-1-\(i\)">([\s\S]*?)<\/h4>\s*<ul class="findings">([\s\S]*?)<\/ul>/.exec(dom);
    expect(text(measure?.[1] ?? '')).toBe('1-(i) Convening of a public-private conference for the promotion of social awareness (line 9)in the matrix');
    expect(measure?.[2]).toMatch(/data-rule="ministry-known"[^>]*data-line="14"/);
    expect(measure?.[2]).toContain(`<a href="${DOCS_BASE_URL}rules/ministry-known.html">ministry-known</a>`);
    // Matrix: one row per measure, one column per ministry named in the document.
    const headers = [...dom.matchAll(/<th scope="col"[^>]*data-ministry="([^"]+)"/g)].map((m) => m[1]);
    // Known ministries in registry order, then names the registry does not know ('MOJJ').
    expect(headers).toEqual(['NPA', 'MOJ', 'MEXT', 'MOJJ']);
    const row = /<tr id="f1-row-1-\(ii\)" data-measure="1-\(ii\)">([\s\S]*?)<\/tr>/.exec(dom)?.[1] ?? '';
    expect(text(/<th[^>]*>([\s\S]*?)<\/th>/.exec(row)?.[1] ?? '')).toBe('1-(ii)Lectures on juvenile delinquency prevention1 finding');
    const cells = [...row.matchAll(/<td([^>]*)>([^<]*)<\/td>/g)].map((m) => ({ attrs: m[1] ?? '', text: m[2] }));
    expect(cells.map((c) => c.text)).toEqual(['\u2713 reported', '', 'by another', '']);
    expect(cells[2]?.attrs).toContain('data-status="by-another"');
    expect(cells[2]?.attrs).toContain('title="MEXT: responsible, no entry of its own; NPA reported on this measure"');
    // 1-(i): MOJ is responsible; its entry is tagged 'MOJJ', which is not MOJ; NPA reported for the measure.
    const row1 = /<tr id="f1-row-1-\(i\)" data-measure="1-\(i\)">([\s\S]*?)<\/tr>/.exec(dom)?.[1] ?? '';
    expect([...row1.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['\u2713 reported', 'by another', '', 'reported']);

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
    // seeds/ holds the plan too: the report's own section of the page
    const reportSection = dom.slice(dom.indexOf('<section class="file" data-file="seeds/fy2018-status-report.md"'));
    const rows = [...reportSection.slice(0, reportSection.indexOf('</section>')).matchAll(/<tr id="f\d+-row-[^"]+" data-measure="(\d+)-\(([ivxlc]+)\)"/g)];
    const perSection = [1, 2, 3, 4, 5, 6].map((s) => rows.filter((r) => r[1] === String(s)).length);
    const json = (JSON.parse(runCli(['-f', 'json', 'seeds/']).stdout) as JsonResult[]).find((r) => r.filePath.endsWith('fy2018-status-report.md'));
    // The printed FY2018 report has 88 measures: 21/15/9/18/12/13 per section.
    expect(perSection).toEqual([21, 15, 9, 18, 12, 13]);
    expect(dom).toMatch(new RegExp(`data-total="errors">${json?.errorCount}<`));
    const headers = [...dom.matchAll(/<th scope="col"[^>]*data-ministry="([^"]+)"/g)].map((m) => m[1]);
    for (const abbr of ['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI']) expect(headers).toContain(abbr);
    // linked to the extracted plan, every one of the 88 measures matches it
    expect(reportSection).toContain('data-plan-summary="88/0/0/0"');
  });

  it('compares each report with its plan (the differing words inline) and shows who reported what by fiscal year', () => {
    const dir = tempDir();
    const page = path.join(dir, 'years.html');
    const linked = path.join(ROOT, 'fixtures/linked');
    const project = tempDir();
    for (const name of ['plan.md', 'report-fy2018.md']) writeFileSync(path.join(project, name), readFileSync(path.join(linked, name), 'utf8'));
    writeFileSync(
      path.join(project, 'report-fy2019.md'),
      readFileSync(path.join(linked, 'report-fy2019.md'), 'utf8')
        .replace('shall be strengthened on', 'shall be considered on')
        .replace(/\n\n- The consultation line was extended[^\n]*/, ''),
    );
    runCli(['-f', 'html', '-o', page, '.'], { cwd: project });
    const dom = chromium(['--dump-dom', pathToFileURL(page).href], path.join(dir, 'profile'));
    const fy2019 = dom.slice(dom.indexOf('<section class="file" data-file="report-fy2019.md"'));
    expect(fy2019).toContain('data-plan-summary="4/1/0/0"');
    const differs = /<tr data-plan-measure="1-\(ii\)" data-status="differs">(.*?)<\/tr>/s.exec(fy2019)?.[1] ?? '';
    expect(differs).toContain('<del>strengthened</del> <ins>considered</ins>');
    const years = dom.slice(dom.indexOf('<section class="file" data-years-of="plan.md"'));
    expect([...years.matchAll(/<th scope="col">(FY\d+)<\/th>/g)].map((m) => m[1])).toEqual(['FY2018', 'FY2019']);
    const row = /<tr data-measure="2-\(ii\)">(.*?)<\/tr>/s.exec(years)?.[1] ?? '';
    expect(text(row)).toMatch(/^2-\(ii\)Enhancement of consultation services/);
    expect([...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1])).toEqual(['MHLW', '—']);
  });
  it('compares a Japanese report with its plan character by character (no spaces put between the characters)', () => {
    const dir = tempDir();
    const page = path.join(dir, 'ja.html');
    const project = tempDir();
    writeFileSync(path.join(project, 'ja-plan.md'), readFileSync(path.join(ROOT, 'fixtures/linked/ja-plan.md'), 'utf8'));
    writeFileSync(
      path.join(project, 'r.md'),
      readFileSync(path.join(ROOT, 'fixtures/plan-title/invalid-ja-measure-title.md'), 'utf8')
        .replace('../linked/ja-plan.md', 'ja-plan.md')
        .replace(/\nprevious: [^\n]*/, '')
        .replace('広報啓発活動を強化する。', '広報啓発活動を検討する。'),
    );
    runCli(['-f', 'html', '-o', page, '.'], { cwd: project });
    const dom = chromium(['--dump-dom', pathToFileURL(page).href], path.join(dir, 'profile'));
    const report = dom.slice(dom.indexOf('<section class="file" data-file="r.md"'));
    expect(report).toContain('data-plan-summary="3/2/0/0"');
    const title = /<tr data-plan-measure="1-\(1\)" data-status="differs">(.*?)<\/tr>/s.exec(report)?.[1] ?? '';
    expect(title).toContain('官民が連携した<del>会議</del><ins>協議会</ins>の開催');
    const action = /<tr data-plan-measure="1-\(2\)" data-status="differs">(.*?)<\/tr>/s.exec(report)?.[1] ?? '';
    expect(action).toContain('ウェブサイトや政府広報を通じた広報啓発活動を<del>強化</del><ins>検討</ins>する。');
  });

  it('keeps the matrix header in view while the page scrolls through the 88 rows; rows and findings link to each other', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'seeds.html');
    // the report alone (seeds/ also holds its plan, a second file with a matrix of its own)
    expect(runCli(['-f', 'html', '-o', file, 'seeds/fy2018-status-report.md'], { cwd: ROOT }).code).toBe(1);
    const page = await HeadlessPage.open(pathToFileURL(file).href, { width: 1280, height: 900 }, path.join(dir, 'profile'));
    try {
      const ministries = ['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI'];
      // What is at the centre of each header cell, where the table's top is, for a row scrolled to mid-window.
      const headerWhenAt = async (measureId: string) => {
        await page.evaluate(`document.getElementById(${JSON.stringify(`f1-row-${measureId}`)}).scrollIntoView({ block: 'center' })`);
        await page.settle();
        return page.evaluate<{ scrollY: number; tableTop: number; cells: { label: string; top: number; bottom: number; right: number; onTop: boolean }[] }>(`(() => {
          const cells = [...document.querySelectorAll('table.matrix thead th')].map((th) => {
            const r = th.getBoundingClientRect();
            return { label: th.textContent, top: r.top, bottom: r.bottom, right: r.right, onTop: document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === th };
          });
          return { scrollY, tableTop: document.querySelector('table.matrix').getBoundingClientRect().top, cells };
        })()`);
      };
      for (const measureId of ['2-(iii)', '3-(v)', '4-(x)', '6-(xiii)']) {
        const at = await headerWhenAt(measureId);
        expect(at.tableTop).toBeLessThan(-500); // the table's own top is far above the window
        expect(at.cells.map((c) => c.label)).toEqual(['Measure', ...ministries]);
        for (const cell of at.cells) {
          expect(cell.top).toBeGreaterThanOrEqual(0);
          expect(cell.top).toBeLessThan(1);
          expect(cell.bottom).toBeLessThan(60);
          expect(cell.right).toBeLessThanOrEqual(1280); // every ministry column is in the window
          expect(cell.onTop).toBe(true); // nothing covers it
        }
      }
      await page.screenshot(path.join(dir, 'matrix-scrolled.png'));

      // Every link inside the page leads to an element that exists.
      const broken = await page.evaluate<string[]>(
        `[...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')).filter((h) => !document.getElementById(decodeURIComponent(h.slice(1))))`,
      );
      expect(broken).toEqual([]);
      // A row's findings link: to the measure's findings, in the window; and back to the row, below the sticky header.
      const click = async (selector: string) => {
        await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).click()`);
        await page.settle();
        return page.evaluate<{ hash: string; top: number; bottom: number; headerBottom: number; height: number; text: string }>(`(() => {
          const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
          const r = target.getBoundingClientRect();
          return { hash: decodeURIComponent(location.hash), top: r.top, bottom: r.bottom, text: target.textContent,
            headerBottom: document.querySelector('table.matrix thead th').getBoundingClientRect().bottom, height: innerHeight };
        })()`);
      };
      const toFindings = await click('[id="f1-row-1-(x)"] a.findings-link');
      expect(toFindings.hash).toBe('#f1-m-1-(x)');
      expect(toFindings.text).toMatch(/^1-\(x\) /);
      expect(toFindings.top).toBeGreaterThanOrEqual(0);
      expect(toFindings.bottom).toBeLessThanOrEqual(toFindings.height);
      const back = await click('[id="f1-m-1-(x)"] a.to-row');
      expect(back.hash).toBe('#f1-row-1-(x)');
      expect(back.top).toBeGreaterThanOrEqual(back.headerBottom - 1); // not hidden under the sticky header
      expect(back.bottom).toBeLessThanOrEqual(back.height);
      // The matrix's count cards lead to the matrix and its explanation.
      await page.evaluate(`window.scrollTo(0, 0)`);
      const toMatrix = await click('.by-another-count a');
      expect(toMatrix.hash).toBe('#f1-matrix');
      expect(toMatrix.top).toBeGreaterThanOrEqual(0);
      await page.evaluate(`window.scrollTo(0, 0)`);
      await page.settle();
      await page.screenshot(path.join(dir, 'top.png'));
    } finally {
      await page.close();
    }
    for (const png of ['matrix-scrolled.png', 'top.png']) {
      expect([...readFileSync(path.join(dir, png)).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });
});
