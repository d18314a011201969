/** Resolving the names of a responsibility tag to stable keys, so tags written differently can be compared. */
import type { Legend, Registry, Tag, TagName } from '@plan-lint/core';

export interface ResolvedTagName {
  /** Registry body id, or "text:<NAME>" when the name is not in the registry. */
  key: string;
  /** How to show it to a drafter: the abbreviation when one is known, else the name as written. */
  label: string;
  name: TagName;
}

/**
 * The body a tag name stands for. Abbreviations go through the document's
 * legend first (when the registry does not know them), full names through the
 * registry's forgiving name lookup. 'other-related' names resolve to null.
 */
export function resolveTagName(name: TagName, registry: Registry, legend: Legend | null): ResolvedTagName | null {
  if (name.form === 'other-related') return null;
  const abbreviation = name.form === 'definition' ? name.abbreviation?.text : name.form === 'abbreviation' ? name.text : undefined;
  const fullName = name.form === 'definition' ? name.fullName?.text : name.form === 'full-name' ? name.text : undefined;
  let body = abbreviation !== undefined ? registry.byAbbreviation(abbreviation) : undefined;
  if (!body && abbreviation !== undefined && legend) {
    const entry = legend.entries.find((e) => e.abbreviation === abbreviation);
    if (entry) body = registry.byName(entry.name);
  }
  if (!body && fullName !== undefined) body = registry.byName(fullName);
  if (body) return { key: body.id, label: body.abbreviations[0] ?? body.name, name };
  const text = abbreviation ?? fullName ?? name.text;
  return { key: `text:${text.trim().toUpperCase()}`, label: text.trim(), name };
}

export function resolveTag(tag: Tag | null, registry: Registry, legend: Legend | null): ResolvedTagName[] {
  if (!tag) return [];
  const out: ResolvedTagName[] = [];
  for (const n of tag.names) {
    const r = resolveTagName(n, registry, legend);
    if (r) out.push(r);
  }
  return out;
}
