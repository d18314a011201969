/** Where the documentation of a rule (or of the engine's own messages) lives. */
import { assetRoot } from '../assets.js';

/** Message ids produced by the engine itself, documented in rules/directives.md. */
export const ENGINE_MESSAGE_IDS = ['parse', 'unused-disable-directive', 'unknown-rule-in-directive', 'rule-crash'] as const;
export type EngineMessageId = (typeof ENGINE_MESSAGE_IDS)[number];

/**
 * A `file:` URL of the rule's documentation, `rules/<id>.md`. For the engine's own
 * message ids it points into `rules/directives.md` (with the id as fragment).
 */
export function ruleDocsUrl(id: string): string {
  // Asked for each rule of each lint and for every engine message: two URL parses each, so kept per asset root.
  const root = assetRoot().href;
  if (root !== cachedRoot) {
    cachedRoot = root;
    cached.clear();
  }
  let url = cached.get(id);
  if (url === undefined) {
    const RULES_DIR = new URL('rules/', root);
    url = (ENGINE_MESSAGE_IDS as readonly string[]).includes(id)
      ? new URL(`directives.md#${id}`, RULES_DIR).href
      : new URL(`${encodeURIComponent(id)}.md`, RULES_DIR).href;
    if (cached.size >= 1000) cached.clear();
    cached.set(id, url);
  }
  return url;
}

let cachedRoot: string | undefined;
const cached = new Map<string, string>();
