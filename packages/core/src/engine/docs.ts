/** Where the documentation of a rule (or of the engine's own messages) lives. */

/** Message ids produced by the engine itself, documented in rules/directives.md. */
export const ENGINE_MESSAGE_IDS = ['parse', 'unused-disable-directive', 'unknown-rule-in-directive', 'rule-crash'] as const;
export type EngineMessageId = (typeof ENGINE_MESSAGE_IDS)[number];

// packages/core/src/engine/docs.ts and packages/core/dist/engine/docs.js are both four levels below the repository root.
const RULES_DIR = new URL('../../../../rules/', import.meta.url);

/**
 * A `file:` URL of the rule's documentation, `rules/<id>.md`. For the engine's own
 * message ids it points into `rules/directives.md` (with the id as fragment).
 */
export function ruleDocsUrl(id: string): string {
  if ((ENGINE_MESSAGE_IDS as readonly string[]).includes(id)) return new URL(`directives.md#${id}`, RULES_DIR).href;
  return new URL(`${encodeURIComponent(id)}.md`, RULES_DIR).href;
}
