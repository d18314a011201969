import type {
  Block,
  LegendEntry,
  PlanDocument,
  Range,
  Registry,
  RegistryBody,
  Rule,
  Suggestion,
  TagName,
} from '@plan-lint/core';
import { editDistance, normalizeName } from '@plan-lint/core';

// ---------------------------------------------------------------------------
// Shared helpers for the ministry rules (measure-responsibility, ministry-*,
// status-coverage, status-entry-tag). They read only the plan model and the
// registry.
// ---------------------------------------------------------------------------

/** A body a tag name resolves to: a registry body, or a body the document itself defines (legend or in-text definition). */
export interface ResolvedBody {
  /** Stable identity for comparing responsibility: the registry id, or "doc:<normalized full name>". */
  key: string;
  body?: RegistryBody;
  /** Full name ("Ministry of Justice"). */
  name: string;
  /** Preferred abbreviation ("MOJ"), if any. */
  abbreviation?: string;
}

/** An in-text definition `Full name: ABBR` found in a tag. */
export interface InTextDefinition {
  name: TagName;
  fullName: { text: string; range: Range };
  abbreviation: { text: string; range: Range };
  block: Block;
}

/** "'A'", "'A' or 'B'", "'A', 'B' or 'C'". */
export function quoteList(values: readonly string[], conjunction = 'or'): string {
  const q = values.map((v) => `'${v}'`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1] ?? ''}`;
}

/** "A", "A and B", "A, B and C" (unquoted). */
export function plainList(values: readonly string[], conjunction = 'and'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1] ?? ''}`;
}

/** Every block of the document that carries a tag, with the kind of document block it is. */
export function taggedBlocks(document: PlanDocument): Block[] {
  return document.blocks().filter((b) => b.tag !== null);
}

/** Every in-text definition (`Cabinet Office: CAO`) in document order. */
export function inTextDefinitions(document: PlanDocument): InTextDefinition[] {
  const out: InTextDefinition[] = [];
  for (const block of document.blocks()) {
    for (const name of block.tag?.names ?? []) {
      if (name.form === 'definition' && name.fullName && name.abbreviation) {
        out.push({ name, fullName: name.fullName, abbreviation: name.abbreviation, block });
      }
    }
  }
  return out;
}

/**
 * Resolves names and abbreviations of one document: the registry first, then
 * the document's legend, then its in-text definitions.
 */
export class MinistryResolver {
  private readonly legendByAbbreviation = new Map<string, LegendEntry>();
  private readonly legendByName = new Map<string, LegendEntry>();
  private readonly definedByAbbreviation = new Map<string, InTextDefinition>();
  private readonly definedByName = new Map<string, InTextDefinition>();
  readonly definitions: InTextDefinition[];

  constructor(
    readonly document: PlanDocument,
    readonly registry: Registry,
  ) {
    for (const entry of document.legend?.entries ?? []) {
      if (!this.legendByAbbreviation.has(entry.abbreviation)) this.legendByAbbreviation.set(entry.abbreviation, entry);
      const key = normalizeName(entry.name);
      if (!this.legendByName.has(key)) this.legendByName.set(key, entry);
    }
    this.definitions = inTextDefinitions(document);
    for (const def of this.definitions) {
      if (!this.definedByAbbreviation.has(def.abbreviation.text)) this.definedByAbbreviation.set(def.abbreviation.text, def);
      const key = normalizeName(def.fullName.text);
      if (!this.definedByName.has(key)) this.definedByName.set(key, def);
    }
  }

  private fromBody(body: RegistryBody): ResolvedBody {
    const legendAbbr = this.legendByName.get(normalizeName(body.name))?.abbreviation;
    const abbreviation = body.abbreviations[0] ?? legendAbbr;
    return abbreviation === undefined ? { key: body.id, body, name: body.name } : { key: body.id, body, name: body.name, abbreviation };
  }

  private fromDocumentName(name: string, abbreviation: string | undefined): ResolvedBody {
    const body = this.registry.byName(name);
    if (body) return this.fromBody(body);
    const key = `doc:${normalizeName(name)}`;
    return abbreviation === undefined ? { key, name } : { key, name, abbreviation };
  }

  /** A full name: the registry (names and aliases), else the legend, else an in-text definition. */
  resolveFullName(text: string): ResolvedBody | undefined {
    const body = this.registry.byName(text);
    if (body) return this.fromBody(body);
    const key = normalizeName(text);
    const legend = this.legendByName.get(key);
    if (legend) return this.fromDocumentName(legend.name, legend.abbreviation);
    const def = this.definedByName.get(key);
    if (def) return this.fromDocumentName(def.fullName.text, def.abbreviation.text);
    return undefined;
  }

  /** An abbreviation: the registry, else the legend, else an in-text definition. */
  resolveAbbreviation(text: string): ResolvedBody | undefined {
    const body = this.registry.byAbbreviation(text);
    if (body) return this.fromBody(body);
    const legend = this.legendByAbbreviation.get(text);
    if (legend) return this.fromDocumentName(legend.name, legend.abbreviation);
    const def = this.definedByAbbreviation.get(text);
    if (def) return this.fromDocumentName(def.fullName.text, def.abbreviation.text);
    return undefined;
  }

  /** The body a tag name stands for; undefined for "other related bodies" and unknown names. */
  resolve(name: TagName): ResolvedBody | undefined {
    switch (name.form) {
      case 'full-name':
        return this.resolveFullName(name.text);
      case 'abbreviation':
        return this.resolveAbbreviation(name.text);
      case 'definition':
        return name.fullName
          ? (this.resolveFullName(name.fullName.text) ??
              (name.abbreviation ? this.resolveAbbreviation(name.abbreviation.text) : undefined))
          : undefined;
      case 'other-related':
        return undefined;
    }
  }

  /** Whether an abbreviation is known (registry, legend or in-text definition). */
  knowsAbbreviation(text: string): boolean {
    return this.resolveAbbreviation(text) !== undefined;
  }

  /** Candidate spellings for "did you mean": registry plus the document's own definitions. */
  candidates(kind: 'name' | 'abbreviation'): string[] {
    const out = new Set<string>();
    for (const body of this.registry.bodies) {
      if (kind === 'abbreviation') for (const a of body.abbreviations) out.add(a);
      else for (const n of [body.name, ...(body.aliases ?? [])]) out.add(n);
    }
    for (const entry of this.document.legend?.entries ?? []) out.add(kind === 'abbreviation' ? entry.abbreviation : entry.name);
    for (const def of this.definitions) out.add(kind === 'abbreviation' ? def.abbreviation.text : def.fullName.text);
    return [...out];
  }

  /**
   * Closest known spellings of an unknown name, best first, and whether the
   * best one is clearly closest (distance ≤ 2 and no other candidate as close).
   */
  closest(text: string, kind: 'name' | 'abbreviation'): { candidates: string[]; clear: string | undefined } {
    const norm = (s: string) => (kind === 'abbreviation' ? s.trim().toUpperCase() : normalizeName(s));
    const t = norm(text);
    const limit = kind === 'abbreviation' ? 2 : Math.max(2, Math.floor(t.length / 4));
    const scored: { value: string; d: number }[] = [];
    for (const c of this.candidates(kind)) {
      const d = editDistance(t, norm(c));
      if (d <= limit) scored.push({ value: c, d });
    }
    // The registry's own fuzzy matches (e.g. a shortened name) come after, at their own rank.
    for (const s of this.registry.suggest(text, kind)) {
      if (!scored.some((x) => x.value === s)) scored.push({ value: s, d: editDistance(t, norm(s)) });
    }
    scored.sort((a, b) => a.d - b.d);
    const candidates = scored.map((s) => s.value).slice(0, 3);
    const best = scored[0];
    const second = scored[1];
    const clear = best && best.d <= 2 && (second === undefined || second.d > best.d) ? best.value : undefined;
    return { candidates, clear };
  }
}

/** The fiscal year as ISO bounds: FY2018 → 2018-04-01 .. 2019-03-31. */
export function fiscalYearBounds(fy: number): { from: string; to: string } {
  return { from: `${fy}-04-01`, to: `${fy + 1}-03-31` };
}

/**
 * The expected tag form of a block: planned actions name full names, status entries abbreviations.
 * (The model already classifies a paragraph whose tag mixes forms, "(National Police Agency and MOJ)",
 * as a planned action with a wrong abbreviation.)
 */
function expectedForm(block: Block): 'full-name' | 'abbreviation' | undefined {
  if (block.kind === 'planned-action') return 'full-name';
  if (block.kind === 'status-entry' || block.kind === 'repeat-mention') return 'abbreviation';
  return undefined;
}

// ---------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------

export const ministryKnown: Rule = {
  meta: {
    id: 'ministry-known',
    description:
      'Every ministry named in a responsibility tag is a known body, written as a full name in planned actions and as an abbreviation in status entries.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    hasSuggestions: true,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['plan', 'status-report'],
    docs: 'ministry-known.md',
  },
  check(context) {
    const { document, registry } = context;
    const resolver = new MinistryResolver(document, registry);

    const reportUnknown = (text: string, range: Range, kind: 'name' | 'abbreviation') => {
      const { candidates, clear } = resolver.closest(text, kind);
      const what = kind === 'abbreviation' ? 'ministry abbreviation' : 'ministry name';
      const named = clear !== undefined ? [clear] : candidates;
      const hint = named.length > 0 ? `; did you mean ${quoteList(named)}?` : '';
      const message = `'${text}' is not a known ${what}${hint}`;
      const replace = (value: string): Suggestion => ({
        description: `Replace '${text}' with '${value}'`,
        edits: [{ range, text: value }],
      });
      if (clear !== undefined) context.report({ message, range, fix: replace(clear) });
      else if (candidates.length > 0) context.report({ message, range, suggestions: candidates.map(replace) });
      else context.report({ message, range });
    };

    for (const block of taggedBlocks(document)) {
      const expected = expectedForm(block);
      for (const name of block.tag?.names ?? []) {
        switch (name.form) {
          case 'other-related':
            break;
          case 'definition': {
            // The abbreviation is being defined here; its full name must be known.
            if (name.fullName && !resolver.resolveFullName(name.fullName.text)) {
              reportUnknown(name.fullName.text, name.fullName.range, 'name');
            }
            break;
          }
          case 'full-name': {
            const resolved = resolver.resolveFullName(name.text);
            if (!resolved) {
              // A short all-caps word the model read as a name is still best compared with abbreviations.
              reportUnknown(name.text, name.range, /^[A-Z]{2,6}$/.test(name.text) ? 'abbreviation' : 'name');
            } else if (expected === 'abbreviation' && resolved.abbreviation !== undefined) {
              const abbr = resolved.abbreviation;
              context.report({
                message: `'${name.text}' is a full name; status entries name ministries by abbreviation ('${abbr}')`,
                range: name.range,
                severity: 'warning',
                fix: { description: `Replace '${name.text}' with '${abbr}'`, edits: [{ range: name.range, text: abbr }] },
              });
            }
            break;
          }
          case 'abbreviation': {
            const resolved = resolver.resolveAbbreviation(name.text);
            if (!resolved) {
              reportUnknown(name.text, name.range, 'abbreviation');
            } else if (expected === 'full-name') {
              context.report({
                message: `'${name.text}' is an abbreviation; planned actions name ministries in full ('${resolved.name}')`,
                range: name.range,
                severity: 'warning',
                fix: {
                  description: `Replace '${name.text}' with '${resolved.name}'`,
                  edits: [{ range: name.range, text: resolved.name }],
                },
              });
            }
            break;
          }
        }
      }
    }
  },
};

export default ministryKnown;
