/**
 * The documentation site (`npm run docs`, scripts/build-docs.mjs) and the links diagnostics carry to it
 * (issue 11): a page per rule with its examples, the rules by area, the configuration reference, the draft
 * format; every link between pages resolves, anchors included; every docs URL of a diagnostic (SARIF helpUri,
 * LSP codeDescription.href, JSON url: all from ruleDocsUrl) is a page of the site under DOCS_BASE_URL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsBaseUrl, DOCS_BASE_URL, ENGINE_MESSAGE_IDS, ruleDocsUrl } from '@plan-lint/core';
import { rules } from '@plan-lint/rules';
import { ROOT } from './cli-helpers.js';

let site: string;
beforeAll(() => {
  site = path.join(mkdtempSync(path.join(tmpdir(), 'plan-lint-site-')), 'site');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-docs.mjs'), '--out', site], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  if (site) rmSync(path.dirname(site), { recursive: true, force: true });
});

const html = (file: string): string => readFileSync(path.join(site, file), 'utf8');
const pages = (): string[] =>
  readdirSync(site, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.split(path.sep).join('/'));
const idsOf = (text: string): string[] => [...text.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1] as string);
const textOf = (s: string): string => s.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the documentation site', () => {
  it('has a page per rule with its documentation and examples, and one for the engine messages', () => {
    for (const rule of rules) {
      const page = html(`rules/${rule.meta.id}.html`);
      const source = readFileSync(path.join(ROOT, 'rules', rule.meta.docs), 'utf8');
      const fences = source.match(/^```/gm)?.length ?? 0;
      expect(fences, rule.meta.id).toBeGreaterThan(0);
      // Every fenced example is a <pre> block, with its text.
      expect(page.match(/<pre><code/g)?.length, rule.meta.id).toBe(fences / 2);
      const firstExample = /^```\w*\n([\s\S]*?)^```/m.exec(source)?.[1] ?? '';
      expect(textOf(page)).toContain(firstExample.trimEnd());
      expect(page).toContain(`<h1 id="${rule.meta.id}">${rule.meta.id}</h1>`);
    }
    const directives = html('rules/directives.html');
    for (const id of ENGINE_MESSAGE_IDS) expect(idsOf(directives)).toContain(id);
  });

  it('lists every rule once by area on the index, and every rule and key in the configuration reference', () => {
    const index = html('index.html');
    for (const rule of rules) expect(index.match(new RegExp(`href="rules/${rule.meta.id}\\.html"`, 'g'))?.length, rule.meta.id).toBe(1);
    const areaRows = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8').split('## Rule ids')[1]!.split('\n## ')[0]!.split('\n').filter((l) => l.startsWith('| ') && l.includes('`'));
    expect(index.match(/<h3>/g)?.length).toBe(areaRows.length);
    const config = html('configuration.html');
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema/config.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    for (const key of Object.keys(schema.properties).filter((k) => k !== '$schema')) expect(config).toContain(`<code>${key}</code>`);
    for (const rule of rules) expect(config).toContain(`href="rules/${rule.meta.id}.html"`);
    expect(html('draft-format.html')).toContain('<h1 id="the-plan-draft-markdown-format">');
    expect(readFileSync(path.join(site, 'schema/config.schema.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schema/config.schema.json'), 'utf8'));
  });

  it('has only links that resolve: every relative href names a file of the site and an id on that page', () => {
    let checked = 0;
    for (const file of pages()) {
      const text = html(file);
      const ids = idsOf(text);
      expect(new Set(ids).size, `duplicate ids in ${file}`).toBe(ids.length);
      for (const [, href] of text.matchAll(/href="([^"]+)"/g)) {
        if (/^[a-z]+:/i.test(href as string)) continue;
        const [target, hash] = (href as string).split('#');
        const resolved = target ? path.join(path.dirname(path.join(site, file)), target) : path.join(site, file);
        expect(existsSync(resolved) && statSync(resolved).isFile(), `${file}: ${href}`).toBe(true);
        if (hash) expect(idsOf(readFileSync(resolved, 'utf8')), `${file}: ${href}`).toContain(hash);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has the page of every docs URL a diagnostic carries, under the one base URL', () => {
    expect(docsBaseUrl({})).toBe(DOCS_BASE_URL);
    for (const id of [...rules.map((r) => r.meta.id), ...ENGINE_MESSAGE_IDS]) {
      const url = ruleDocsUrl(id);
      expect(url.startsWith(DOCS_BASE_URL), url).toBe(true);
      const [file, hash] = url.slice(DOCS_BASE_URL.length).split('#');
      expect(existsSync(path.join(site, file as string)), url).toBe(true);
      if (hash) expect(idsOf(html(file as string))).toContain(hash);
    }
  });
});

describe('the Japanese pages of the site (ja/)', () => {
  const jaSources = rules.map((r) => ({ id: r.meta.id, source: path.join(ROOT, 'rules', r.meta.docs.replace(/\.md$/, '.ja.md')) }));

  it('has a Japanese page for every rule: rules/<id>.ja.md', () => {
    expect(jaSources.filter((r) => !existsSync(r.source)).map((r) => `rules/${r.id}.ja.md`)).toEqual([]);
  });

  it('builds each Japanese page under ja/ in Japanese, with its examples, and links it with its English page both ways', () => {
    const written = [
      ...jaSources.filter((r) => existsSync(r.source)).map((r) => ({ source: r.source, ja: `ja/rules/${r.id}.html`, en: `rules/${r.id}.html` })),
      { source: path.join(ROOT, 'rules/directives.ja.md'), ja: 'ja/rules/directives.html', en: 'rules/directives.html' },
    ];
    for (const { source, ja, en } of written) {
      const page = html(ja);
      expect(page, ja).toContain('<html lang="ja">');
      const text = readFileSync(source, 'utf8');
      const fences = text.match(/^```/gm)?.length ?? 0;
      expect(page.match(/<pre><code/g)?.length ?? 0, ja).toBe(fences / 2);
      const firstExample = /^```\w*\n([\s\S]*?)^```/m.exec(text)?.[1] ?? '';
      expect(textOf(page), ja).toContain(firstExample.trimEnd());
      expect(page, ja).toContain(`<a href="../../${en}" hreflang="en" lang="en">English</a>`);
      expect(html(en), en).toContain(`<a href="../${ja}" hreflang="ja" lang="ja">日本語</a>`);
    }
    expect(html('rules/directives.html')).toContain('<html lang="en">');
    const directives = html('ja/rules/directives.html');
    for (const id of ENGINE_MESSAGE_IDS) expect(idsOf(directives)).toContain(id);
  });

  it('has a Japanese index listing every rule once, by area, and linked with the English index', () => {
    const index = html('ja/index.html');
    expect(index).toContain('<html lang="ja">');
    expect(index).toContain('<a href="../index.html" hreflang="en" lang="en">English</a>');
    expect(html('index.html')).toContain('<a href="ja/index.html" hreflang="ja" lang="ja">日本語</a>');
    for (const { id, source } of jaSources) {
      const href = existsSync(source) ? `rules/${id}.html` : `../rules/${id}.html`;
      expect(index.match(new RegExp(`href="${href.replace(/[.]/g, '\\.')}"`, 'g'))?.length, id).toBe(1);
    }
    expect(index.match(/<h3>/g)?.length).toBe(html('index.html').match(/<h3>/g)?.length);
    for (const { meta } of rules) {
      expect(index, meta.id).toContain(`<code>${meta.id}</code></a> — ${meta.description.ja}</li>`);
      expect(html('index.html'), meta.id).toContain(`<code>${meta.id}</code></a> — ${meta.description.en.replace(/"/g, '&quot;')}</li>`);
    }
  });

  it("has the page of every Japanese docs URL a diagnostic carries (ruleDocsUrl(id, 'ja'))", () => {
    for (const id of [...rules.map((r) => r.meta.id), ...ENGINE_MESSAGE_IDS]) {
      const url = ruleDocsUrl(id, 'ja');
      expect(url.startsWith(`${DOCS_BASE_URL}ja/`), url).toBe(true);
      const [file, hash] = url.slice(DOCS_BASE_URL.length).split('#');
      expect(existsSync(path.join(site, file as string)), url).toBe(true);
      if (hash) expect(idsOf(html(file as string))).toContain(hash);
    }
  });
});

describe('the base URL of the docs links', () => {
  it('is DOCS_BASE_URL, or PLAN_LINT_DOCS_URL when that is an http(s) URL', () => {
    expect(docsBaseUrl({ PLAN_LINT_DOCS_URL: 'https://intranet.example/plan-lint' })).toBe('https://intranet.example/plan-lint/');
    expect(docsBaseUrl({ PLAN_LINT_DOCS_URL: 'http://localhost:8080/docs/' })).toBe('http://localhost:8080/docs/');
    for (const bad of ['', 'not a url', 'file:///etc/', 'javascript:alert(1)']) expect(docsBaseUrl({ PLAN_LINT_DOCS_URL: bad })).toBe(DOCS_BASE_URL);
  });

  it('moves every diagnostic link of the command (json url, SARIF helpUri and informationUri)', () => {
    const bin = path.join(ROOT, 'packages/cli/bin/plan-lint.js');
    const env = { ...process.env, PLAN_LINT_DOCS_URL: 'https://mirror.example/docs/' };
    const seeds = path.join(ROOT, 'seeds');
    const run = (format: string) => {
      try {
        return execFileSync(process.execPath, [bin, '-f', format, seeds], { env, encoding: 'utf8' });
      } catch (error) {
        return (error as { stdout: string }).stdout; // exit code 1: the report has an error
      }
    };
    const [file] = JSON.parse(run('json')) as { messages: { ruleId: string; url: string }[] }[];
    expect(file?.messages.map((m) => m.url)).toEqual(file?.messages.map((m) => `https://mirror.example/docs/rules/${m.ruleId}.html`));
    const sarif = JSON.parse(run('sarif')) as { runs: { tool: { driver: { informationUri: string; rules: { id: string; helpUri: string }[] } } }[] };
    const driver = sarif.runs[0]?.tool.driver;
    expect(driver?.informationUri).toBe('https://mirror.example/docs/');
    expect(driver?.rules.map((r) => r.helpUri)).toEqual(driver?.rules.map((r) => `https://mirror.example/docs/rules/${r.id}.html`));
  });
});
