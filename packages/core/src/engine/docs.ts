/** Where the documentation of a rule (or of the engine's own messages) lives. */
import { assetUrl } from '../assets.js';

/** Message ids produced by the engine itself, documented in rules/directives.md. */
export const ENGINE_MESSAGE_IDS = ['parse', 'unused-disable-directive', 'unknown-rule-in-directive', 'rule-crash'] as const;
export type EngineMessageId = (typeof ENGINE_MESSAGE_IDS)[number];

/**
 * A `file:` URL of the rule's documentation, `rules/<id>.md`. For the engine's own
 * message ids it points into `rules/directives.md` (with the id as fragment).
 */
export function ruleDocsUrl(id: string): string {
  const RULES_DIR = assetUrl('rules/');
  if ((ENGINE_MESSAGE_IDS as readonly string[]).includes(id)) return new URL(`directives.md#${id}`, RULES_DIR).href;
  return new URL(`${encodeURIComponent(id)}.md`, RULES_DIR).href;
}
