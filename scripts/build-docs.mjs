#!/usr/bin/env node
/**
 * Builds the documentation site (`npm run docs`) into site/ (git-ignored), static HTML with relative links, so
 * it works from any address (the published one is DOCS_BASE_URL in packages/core/src/engine/docs.ts, where
 * diagnostics link to) and from the disk:
 *   index.html               what plan-lint is, the rules by area (the "Rule ids" table of docs/architecture.md)
 *   rules/<id>.html          each rule's documentation (rules/<id>.md) with its metadata and options
 *   rules/directives.html    inline comments and the engine's own messages (rules/directives.md)
 *   configuration.html       the configuration reference, from the generated schema/config.schema.json
 *   draft-format.html        docs/draft-format.md
 *   schema/*.schema.json     the JSON Schemas, for editors that fetch a `$schema` URL
 *   ja/index.html            the same in Japanese (ruleDocsUrl(id, 'ja') links there): the rules by area,
 *   ja/rules/<id>.html       each rule's Japanese page (rules/<id>.ja.md; a rule without one is skipped with a
 *   ja/rules/directives.html warning, and the index links to its English page), the engine's messages
 * Each page with a counterpart in the other language links to it. A link from a page to a Markdown file that
 * has no page fails the build. Needs the build (rules/dist).
 *
 *   node scripts/build-docs.mjs [--out DIR]
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(ROOT, 'site');

let rules;
try {
  ({ rules } = await import(pathToFileURL(path.join(ROOT, 'rules/dist/index.js')).href));
} catch (error) {
  console.error(`build-docs: cannot load the built rules (run "npm run build" first): ${error.message}`);
  process.exit(2);
}
const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');
const schema = JSON.parse(read('schema/config.schema.json'));
const { version } = JSON.parse(read('package.json'));

// ---- Markdown ----------------------------------------------------------------------------------------------

/** A heading's anchor: lower case, words joined by "-" (`## rule-crash` -> `rule-crash`, `## Rule ids` -> `rule-ids`). */
const slug = (text) => text.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s+/g, '-');

/**
 * Markdown links between the repository's files, as links between pages: `(from page folder, target)` -> href.
 * Only files that have a page; anything else is an error (a link that would not resolve on the site).
 */
const PAGES = new Map([
  ['docs/draft-format.md', 'draft-format.html'],
  ['docs/architecture.md', 'index.html'],
  ['rules/directives.md', 'rules/directives.html'],
  ...rules.map((r) => [`rules/${r.meta.docs}`, `rules/${r.meta.id}.html`]),
]);

/** The Japanese page of an English source (`rules/x.md` -> `rules/x.ja.md`), when it is written. */
const jaSource = (file) => {
  const ja = file.replace(/\.md$/, '.ja.md');
  return existsSync(path.join(ROOT, ja)) ? ja : undefined;
};
/** Japanese pages: the index, and every rule page (and the engine messages' page) written in Japanese. */
const JA_PAGES = new Map([['docs/architecture.md', 'ja/index.html']]);
const missingJa = [];
for (const [source, target] of [...PAGES]) {
  if (!source.startsWith('rules/')) continue;
  const ja = jaSource(source);
  if (ja) {
    JA_PAGES.set(source, `ja/${target}`);
    PAGES.set(ja, `ja/${target}`);
  } else missingJa.push(source);
}
for (const source of missingJa) console.warn(`build-docs: warning: no Japanese page ${source.replace(/\.md$/, '.ja.md')}; ja/ links to the English one`);

function markdown(sourceFile, pageFile) {
  const japanese = pageFile.startsWith('ja/');
  const md = new MarkdownIt({ html: false, linkify: false });
  md.core.ruler.push('heading-ids', (state) => {
    for (let i = 0; i < state.tokens.length; i++) {
      const token = state.tokens[i];
      if (token.type === 'heading_open') token.attrSet('id', slug(state.tokens[i + 1].content));
    }
  });
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = tokens[idx].attrGet('href') ?? '';
    if (!/^[a-z]+:/i.test(href) && !href.startsWith('#')) {
      const [file, hash] = href.split('#');
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(sourceFile), file));
      // From a Japanese page, the Japanese counterpart of the page linked to, when there is one.
      const page = (japanese ? JA_PAGES.get(target) : undefined) ?? PAGES.get(target);
      if (!page) throw new Error(`build-docs: ${sourceFile} links to ${href}, which has no page on the site`);
      const rel = path.posix.relative(path.posix.dirname(pageFile), page) || path.posix.basename(page);
      tokens[idx].attrSet('href', hash ? `${rel}#${hash}` : rel);
    }
    return defaultLink(tokens, idx, options, env, self);
  };
  return md.render(read(sourceFile));
}

// ---- Pages -------------------------------------------------------------------------------------------------

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const STYLE = `body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.5rem;color:#1f2328}
nav{font-size:.9rem;border-bottom:1px solid #d0d7de;padding-bottom:.5rem;margin-bottom:1rem}nav a{margin-right:1rem}
code,pre{font:.9em ui-monospace,monospace;background:#f6f8fa}pre{padding:.75rem;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
.meta td:first-child{font-weight:600}footer{margin-top:3rem;font-size:.8rem;color:#656d76}`;

/**
 * Writes a page. `other` is its counterpart in the other language (a site path), linked from the navigation;
 * a page under ja/ is in Japanese.
 */
function page(file, title, body, other) {
  const up = '../'.repeat(file.split('/').length - 1);
  const ja = file.startsWith('ja/');
  const root = ja ? `${up}ja/` : up;
  const switchTo = other === undefined ? '' : `<a href="${path.posix.relative(path.posix.dirname(file), other)}" hreflang="${ja ? 'en' : 'ja'}" lang="${ja ? 'en' : 'ja'}">${ja ? 'English' : '日本語'}</a>`;
  const links = ja
    ? `<a href="${root}index.html">plan-lint</a><a href="${root}index.html#rule-ids">ルール</a><a href="${up}configuration.html">設定（英語）</a><a href="${up}draft-format.html">原稿の形式（英語）</a><a href="${JA_PAGES.has('rules/directives.md') ? root : up}rules/directives.html">抑止コメント</a>`
    : `<a href="${up}index.html">plan-lint</a><a href="${up}index.html#rule-ids">Rules</a><a href="${up}configuration.html">Configuration</a><a href="${up}draft-format.html">Draft format</a><a href="${up}rules/directives.html">Inline comments</a>`;
  const html = `<!doctype html>
<html lang="${ja ? 'ja' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · plan-lint</title><style>${STYLE}</style></head>
<body><nav>${links}${switchTo}</nav>
<main>
${body}
</main>
<footer>plan-lint ${escape(version)}</footer></body></html>
`;
  const target = path.join(OUT, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, html);
}

/** The rules by area, from the "Rule ids" table of docs/architecture.md (one source for both). */
function areas() {
  const text = read('docs/architecture.md');
  const section = text.slice(text.indexOf('## Rule ids'));
  const out = [];
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const m = /^\| ([^|]+) \| (`.*`) \|$/.exec(line);
    if (m && m[1].trim() !== 'check') out.push({ area: m[1].trim(), ids: [...m[2].matchAll(/`([^`]+)`/g)].map((x) => x[1]) });
  }
  const listed = out.flatMap((a) => a.ids);
  const missing = rules.map((r) => r.meta.id).filter((id) => !listed.includes(id));
  if (missing.length) throw new Error(`build-docs: docs/architecture.md "Rule ids" does not list ${missing.join(', ')}`);
  return out;
}

/** A JSON Schema, briefly: `boolean`, `"a" | "b"`, `number (0.5–1)`, `string[]`. */
function describeType(s) {
  if (!s || typeof s !== 'object') return 'any';
  if (s.$ref) return s.$ref.replace('#/definitions/', '');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.oneOf || s.anyOf) return (s.oneOf ?? s.anyOf).map(describeType).join(' or ');
  if (s.type === 'array') return `${Array.isArray(s.items) ? `[${s.items.map(describeType).join(', ')}]` : `${describeType(s.items)}[]`}`;
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` (${s.minimum ?? ''}–${s.maximum ?? ''})` : '';
  return `${s.type ?? 'object'}${range}`;
}

function optionsTable(rule) {
  const props = rule.meta.schema?.properties ?? {};
  const names = Object.keys(props);
  if (names.length === 0) return '<p>No options.</p>';
  const rows = names.map(
    (n) => `<tr><td><code>${escape(n)}</code></td><td><code>${escape(describeType(props[n]))}</code></td><td><code>${escape(JSON.stringify(rule.meta.defaultOptions?.[n]) ?? '')}</code></td><td>${escape(props[n].description ?? '')}</td></tr>`,
  );
  return `<table><tr><th>option</th><th>type</th><th>default</th><th></th></tr>${rows.join('')}</table>`;
}

rmSync(OUT, { recursive: true, force: true });
const ruleAreas = areas();

/** The configuration table of a rule's page, in English or Japanese. */
function ruleMeta(rule, ja) {
  const { id, defaultSeverity, recommended, fixable, hasSuggestions, appliesTo } = rule.meta;
  const configure = `<code>${escape(`"rules": { "${id}": "${defaultSeverity === 'warning' ? 'warn' : defaultSeverity}" }`)}</code>`;
  if (ja) {
    const kinds = { plan: '基本計画', 'status-report': '取組状況報告' };
    return `<table class="meta"><tr><td>既定の重大度</td><td>${escape(defaultSeverity)}${recommended ? '（plan-lint:recommended に含まれます）' : ''}</td></tr>
<tr><td>自動修正</td><td>${fixable ? 'あり（<code>plan-lint --fix</code>）' : hasSuggestions ? '修正候補あり（エディタのクイックフィックス）' : 'なし'}</td></tr>
<tr><td>対象</td><td>${escape(appliesTo.map((k) => kinds[k] ?? k).join('、'))}</td></tr>
<tr><td>設定例</td><td>${configure}</td></tr></table>
<h2 id="settings">オプション</h2>${optionsTable(rule)}`;
  }
  return `<table class="meta"><tr><td>default severity</td><td>${escape(defaultSeverity)}${recommended ? ' (in plan-lint:recommended)' : ''}</td></tr>
<tr><td>fixable</td><td>${fixable ? 'yes (<code>plan-lint --fix</code>)' : hasSuggestions ? 'suggestions (editor quick fixes)' : 'no'}</td></tr>
<tr><td>applies to</td><td>${escape(appliesTo.join(', '))}</td></tr>
<tr><td>configure</td><td>${configure}</td></tr></table>
<h2 id="settings">Settings</h2>${optionsTable(rule)}`;
}

/** The page of a rule from one of its sources (English or Japanese). */
function rulePage(rule, source, file, other) {
  const meta = ruleMeta(rule, file.startsWith('ja/'));
  const body = markdown(source, file);
  // The rule's own title first, then what configures it, then its documentation.
  const split = body.indexOf('</h1>');
  page(file, rule.meta.id, split >= 0 ? `${body.slice(0, split + 5)}\n${meta}\n${body.slice(split + 5)}` : `<h1>${escape(rule.meta.id)}</h1>${meta}${body}`, other);
}

// Rule pages, in English and (where written) in Japanese, each linking to the other.
for (const rule of rules) {
  const source = `rules/${rule.meta.docs}`;
  const ja = JA_PAGES.get(source);
  rulePage(rule, source, `rules/${rule.meta.id}.html`, ja);
  if (ja) rulePage(rule, jaSource(source), ja, `rules/${rule.meta.id}.html`);
}
const jaDirectives = JA_PAGES.get('rules/directives.md');
page('rules/directives.html', 'Inline comments and engine messages', markdown('rules/directives.md', 'rules/directives.html'), jaDirectives);
if (jaDirectives) page(jaDirectives, '抑止コメントとplan-lint自体のメッセージ', markdown(jaSource('rules/directives.md'), jaDirectives), 'rules/directives.html');
page('draft-format.html', 'The draft format', markdown('docs/draft-format.md', 'draft-format.html'));

// Configuration reference.
const top = Object.entries(schema.properties)
  .filter(([name]) => name !== '$schema')
  .map(([name, s]) => `<tr><td><code>${escape(name)}</code></td><td><code>${escape(describeType(s))}</code></td><td>${escape(s.description ?? '')}</td></tr>`);
const ruleRows = rules.map(
  (r) => `<tr><td><a href="rules/${r.meta.id}.html"><code>${escape(r.meta.id)}</code></a></td><td>${escape(r.meta.defaultSeverity)}</td><td>${Object.keys(r.meta.schema?.properties ?? {}).map((o) => `<code>${escape(o)}</code>`).join(', ') || '–'}</td><td>${escape(r.meta.description.en)}</td></tr>`,
);
page(
  'configuration.html',
  'Configuration',
  `<h1>Configuration</h1>
<p><code>.plan-lint.json</code> (or <code>.plan-lint.jsonc</code>), found upward from each draft, or <code>plan-lint --config FILE</code>;
<code>npx plan-lint --init</code> writes one. JSON only: a configuration never runs code. Its JSON Schema:
<a href="schema/config.schema.json">schema/config.schema.json</a> (generated from the rules).</p>
<h2 id="keys">Keys</h2><table><tr><th>key</th><th>type</th><th></th></tr>${top.join('')}</table>
<h2 id="severities">Severities</h2><p>${escape(describeType(schema.definitions.severity))}, or <code>[severity, { options }]</code>. Presets: ${escape(describeType(schema.definitions.preset))}.</p>
<h2 id="rules">Rules</h2><table><tr><th>rule</th><th>default</th><th>options</th><th></th></tr>${ruleRows.join('')}</table>`,
);

// Index.
const byId = new Map(rules.map((r) => [r.meta.id, r]));
const areaHtml = ruleAreas
  .map(({ area, ids }) => `<h3>${escape(area)}</h3><ul>${ids.map((id) => `<li><a href="rules/${id}.html"><code>${escape(id)}</code></a> — ${escape(byId.get(id)?.meta.description.en ?? '')}</li>`).join('')}</ul>`)
  .join('\n');
page(
  'index.html',
  'plan-lint',
  `<h1>plan-lint</h1>
<p>A linter for drafts of Japan's <strong>Basic Plan on Measures against Child Sexual Exploitation</strong> and its yearly
<strong>implementation-status reports</strong>: ministries and their abbreviations, responsibility tags, repeat
mentions, dates and fiscal years, numbering, entries reported twice.</p>
<pre><code>npm install --save-dev plan-lint
npx plan-lint drafts/
npx plan-lint --explain repeat-mention-target</code></pre>
<p><a href="draft-format.html">The draft format</a> · <a href="configuration.html">Configuration</a> ·
<a href="rules/directives.html">Inline comments and the engine's messages</a></p>
<h2 id="rule-ids">Rules by area</h2>
${areaHtml}`,
  'ja/index.html',
);

// The Japanese index: each rule's Japanese page (its first paragraph as its summary), else its English page.
const AREAS_JA = {
  ministries: '府省庁',
  'status coverage': '取組状況の記載',
  'front matter': '前付け（front matter）',
  'repeat mentions': '再掲',
  dates: '日付',
  numbering: '番号',
  'duplicated reporting': '重複した報告',
  'against the linked plan': '計画との照合',
  "against the previous year's report": '前年度の報告との照合',
};
const jaAreaHtml = ruleAreas
  .map(({ area, ids }) => {
    const items = ids.map((id) => {
      const rule = byId.get(id);
      const source = rule ? jaSource(`rules/${rule.meta.docs}`) : undefined;
      const description = escape(rule?.meta.description.ja ?? '');
      return source
        ? `<li><a href="rules/${id}.html"><code>${escape(id)}</code></a> — ${description}</li>`
        : `<li><a href="../rules/${id}.html" hreflang="en"><code>${escape(id)}</code></a>（英語） — ${description}</li>`;
    });
    return `<h3>${escape(AREAS_JA[area] ?? area)}</h3><ul>${items.join('')}</ul>`;
  })
  .join('\n');
page(
  'ja/index.html',
  'plan-lint',
  `<h1>plan-lint</h1>
<p><strong>子供の性被害防止プラン（児童の性的搾取等に係る対策の基本計画）</strong>と、その年度ごとの<strong>取組状況</strong>の原稿を検査する
ツールです。府省庁名とその略称、【】による担当府省庁の記載、再掲、日付と年度、番号、重複した報告を確認します。日本語の原稿
（前付けに <code>lang: ja</code>）には日本語で指摘します。</p>
<pre><code>npm install --save-dev plan-lint
npx plan-lint 原稿/
npx plan-lint --explain repeat-mention-target --locale ja</code></pre>
<p><a href="../draft-format.html">原稿の形式（英語）</a> · <a href="../configuration.html">設定（英語）</a> ·
<a href="${jaDirectives ? '' : '../'}rules/directives.html">抑止コメントとplan-lint自体のメッセージ</a></p>
<h2 id="rule-ids">分野別のルール</h2>
${jaAreaHtml}`,
  'index.html',
);

mkdirSync(path.join(OUT, 'schema'), { recursive: true });
for (const name of ['config', 'frontmatter', 'registry']) copyFileSync(path.join(ROOT, `schema/${name}.schema.json`), path.join(OUT, `schema/${name}.schema.json`));
console.log(`build-docs: ${rules.length + 4} pages and ${JA_PAGES.size} Japanese ones in ${path.relative(ROOT, OUT) || OUT}`);
