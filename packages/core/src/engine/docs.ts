/** Where the documentation of a rule (or of the engine's own messages) is published. */
import type { Locale } from '../messages.js';

/** Message ids produced by the engine itself, documented in rules/directives.md. */
export const ENGINE_MESSAGE_IDS = ['parse', 'unused-disable-directive', 'unknown-rule-in-directive', 'rule-crash'] as const;
export type EngineMessageId = (typeof ENGINE_MESSAGE_IDS)[number];

/**
 * The documentation site (`npm run docs` builds it from rules/<id>.md, the configuration schema and
 * docs/draft-format.md). The one place its address is set; `PLAN_LINT_DOCS_URL` replaces it (a mirror, a
 * copy on an intranet).
 */
export const DOCS_BASE_URL = 'https://plan-lint.github.io/plan-lint/';

/** The site's address, ending in "/": `PLAN_LINT_DOCS_URL` when it is an http(s) URL, else DOCS_BASE_URL. */
export function docsBaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const custom = env['PLAN_LINT_DOCS_URL'];
  if (custom) {
    try {
      const url = new URL(custom);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href.endsWith('/') ? url.href : `${url.href}/`;
    } catch {
      // not a URL: the default
    }
  }
  return DOCS_BASE_URL;
}

/**
 * The page of a rule on the documentation site, `<base>rules/<id>.html`; for the engine's own message ids,
 * `<base>rules/directives.html#<id>`. Japanese pages are under `<base>ja/`.
 */
export function ruleDocsUrl(id: string, locale: Locale = 'en'): string {
  // Asked for each rule of each lint and for every engine message, so kept per base URL.
  const base = docsBaseUrl();
  if (base !== cachedBase) {
    cachedBase = base;
    cached.clear();
  }
  const key = `${locale}:${id}`;
  let url = cached.get(key);
  if (url === undefined) {
    const root = locale === 'en' ? base : `${base}${locale}/`;
    url = (ENGINE_MESSAGE_IDS as readonly string[]).includes(id)
      ? `${root}rules/directives.html#${id}`
      : `${root}rules/${encodeURIComponent(id)}.html`;
    if (cached.size >= 1000) cached.clear();
    cached.set(key, url);
  }
  return url;
}

let cachedBase: string | undefined;
const cached = new Map<string, string>();
