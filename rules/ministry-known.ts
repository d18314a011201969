import type {
  Block,
  FixDescriptor,
  LanguageProfile,
  Locale,
  PlanDocument,
  Range,
  Registry,
  RegistryBody,
  Rule,
  TagName,
  Text,
} from '@plan-lint/core';
import { bodyLabel, editDistance, listLabel, localized, normalizeName, quoteLabel } from '@plan-lint/core';

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

/** "'A'", "'A' or 'B'", "'A', 'B' or 'C'" / 「A」、「B」又は「C」. */
export function quoteList(values: readonly string[], conjunction: 'and' | 'or' = 'or', locale: Locale = 'en'): string {
  return listLabel(values.map((v) => quoteLabel(v, locale)), locale, conjunction);
}

/** A fix replacing document text: "Replace 'A' with 'B'" / 「A」を「B」に置き換える. */
export function replaceDescription(written: string, replacement: string): Text {
  return localized((l) => (l === 'en' ? `Replace '${written}' with '${replacement}'` : `「${written}」を「${replacement}」に置き換える`));
}

/** A body as a message names it: the registry's name in the locale ("Ministry of Justice" / 法務省), else as the document defines it. */
export function resolvedLabel(resolved: ResolvedBody, locale: Locale): string {
  return resolved.body ? bodyLabel(resolved.body, locale) : resolved.name;
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

/** A legend entry or an in-text definition, as far as resolving reads it: a full name and its abbreviation. */
interface NamePair {
  readonly name: string;
  readonly abbreviation: string;
}

/**
 * Everything a resolver answers from the registry, the legend's pairs and the in-text definitions' pairs:
 * lookup tables and the answers given so far. It holds no range or block, so one serves every document (and
 * every version of an edited document) with the same registry and the same pairs in the same order.
 */
class ResolverTables {
  readonly legendByAbbreviation = new Map<string, NamePair>();
  readonly legendByName = new Map<string, NamePair>();
  readonly definedByAbbreviation = new Map<string, NamePair>();
  readonly definedByName = new Map<string, NamePair>();
  readonly fullNames = new Map<string, ResolvedBody | undefined>();
  readonly abbreviations = new Map<string, ResolvedBody | undefined>();
  readonly closest = new Map<string, { candidates: readonly string[]; clear: string | undefined }>();
  private candidateCache: { name?: string[]; abbreviation?: string[] } = {};

  constructor(
    readonly registry: Registry,
    private readonly legend: readonly NamePair[],
    private readonly defined: readonly NamePair[],
  ) {
    resolverWork.tables++;
    for (const entry of legend) {
      if (!this.legendByAbbreviation.has(entry.abbreviation)) this.legendByAbbreviation.set(entry.abbreviation, entry);
      const key = normalizeName(entry.name);
      if (!this.legendByName.has(key)) this.legendByName.set(key, entry);
    }
    for (const def of defined) {
      if (!this.definedByAbbreviation.has(def.abbreviation)) this.definedByAbbreviation.set(def.abbreviation, def);
      const key = normalizeName(def.name);
      if (!this.definedByName.has(key)) this.definedByName.set(key, def);
    }
  }

  candidates(kind: 'name' | 'abbreviation'): string[] {
    const known = this.candidateCache[kind];
    if (known) return known;
    const out = new Set<string>();
    for (const body of this.registry.bodies) {
      if (kind === 'abbreviation') for (const a of body.abbreviations) out.add(a);
      else for (const n of [body.name, ...(body.aliases ?? [])]) out.add(n);
    }
    for (const entry of this.legend) out.add(kind === 'abbreviation' ? entry.abbreviation : entry.name);
    for (const def of this.defined) out.add(kind === 'abbreviation' ? def.abbreviation : def.name);
    const list = [...out];
    this.candidateCache[kind] = list;
    return list;
  }
}

/** Work counters (for tests that count work instead of timing it): resolver tables built. */
export const resolverWork = { tables: 0 };

/** How many sets of tables are kept per registry (distinct legends and definitions, e.g. many reports in one run). */
const TABLES_PER_REGISTRY = 32;
const tablesByRegistry = new WeakMap<Registry, Map<string, ResolverTables>>();
/** One resolver per document and registry: the rules of one lint share it. */
const resolverByDocument = new WeakMap<PlanDocument, MinistryResolver>();

function tablesFor(registry: Registry, legend: readonly NamePair[], defined: readonly NamePair[]): ResolverTables {
  // The pairs in order, separated by characters no name contains, identify the tables exactly.
  let key = `${legend.length}`;
  for (const p of legend) key += `\u0001${p.name}\u0002${p.abbreviation}`;
  key += '\u0003';
  for (const p of defined) key += `\u0001${p.name}\u0002${p.abbreviation}`;
  let byKey = tablesByRegistry.get(registry);
  if (!byKey) {
    byKey = new Map();
    tablesByRegistry.set(registry, byKey);
  }
  let tables = byKey.get(key);
  if (tables) {
    // Most recently used last.
    byKey.delete(key);
    byKey.set(key, tables);
    return tables;
  }
  tables = new ResolverTables(registry, legend, defined);
  if (byKey.size >= TABLES_PER_REGISTRY) {
    const oldest = byKey.keys().next().value;
    if (oldest !== undefined) byKey.delete(oldest);
  }
  byKey.set(key, tables);
  return tables;
}

/**
 * Resolves names and abbreviations of one document: the registry first, then
 * the document's legend, then its in-text definitions. `MinistryResolver.of` gives the rules of one lint the
 * same resolver; its tables and answers are shared by every document with the same registry, legend and
 * definitions (they hold no positions), so an edit rebuilds none of them.
 */
export class MinistryResolver {
  private readonly tables: ResolverTables;
  readonly definitions: InTextDefinition[];

  /** The resolver of `document` with `registry`, made once per document. */
  static of(document: PlanDocument, registry: Registry): MinistryResolver {
    const known = resolverByDocument.get(document);
    if (known && known.registry === registry) return known;
    const resolver = new MinistryResolver(document, registry);
    resolverByDocument.set(document, resolver);
    return resolver;
  }

  constructor(
    readonly document: PlanDocument,
    readonly registry: Registry,
  ) {
    this.definitions = inTextDefinitions(document);
    const legend = (document.legend?.entries ?? []).map((e) => ({ name: e.name, abbreviation: e.abbreviation }));
    const defined = this.definitions.map((d) => ({ name: d.fullName.text, abbreviation: d.abbreviation.text }));
    this.tables = tablesFor(registry, legend, defined);
  }

  private fromBody(body: RegistryBody): ResolvedBody {
    const legendAbbr = this.tables.legendByName.get(normalizeName(body.name))?.abbreviation;
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
    const cache = this.tables.fullNames;
    if (cache.has(text)) return cache.get(text);
    const out = this.computeFullName(text);
    cache.set(text, out);
    return out;
  }

  private computeFullName(text: string): ResolvedBody | undefined {
    const body = this.registry.byName(text);
    if (body) return this.fromBody(body);
    const key = normalizeName(text);
    const legend = this.tables.legendByName.get(key);
    if (legend) return this.fromDocumentName(legend.name, legend.abbreviation);
    const def = this.tables.definedByName.get(key);
    if (def) return this.fromDocumentName(def.name, def.abbreviation);
    return undefined;
  }

  /** An abbreviation: the registry, else the legend, else an in-text definition. */
  resolveAbbreviation(text: string): ResolvedBody | undefined {
    const cache = this.tables.abbreviations;
    if (cache.has(text)) return cache.get(text);
    const out = this.computeAbbreviation(text);
    cache.set(text, out);
    return out;
  }

  private computeAbbreviation(text: string): ResolvedBody | undefined {
    const body = this.registry.byAbbreviation(text);
    if (body) return this.fromBody(body);
    const legend = this.tables.legendByAbbreviation.get(text);
    if (legend) return this.fromDocumentName(legend.name, legend.abbreviation);
    const def = this.tables.definedByAbbreviation.get(text);
    if (def) return this.fromDocumentName(def.name, def.abbreviation);
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
    return [...this.tables.candidates(kind)];
  }

  /**
   * Closest known spellings of an unknown name, best first, and whether the
   * best one is clearly closest (distance ≤ 2 and no other candidate as close). When the document has a fiscal
   * year, only spellings of bodies that existed that year are offered, unless none of them is close: then bodies
   * of other years are offered, never as clearly closest (a fix must not write a body the year did not have).
   */
  closest(text: string, kind: 'name' | 'abbreviation'): { candidates: string[]; clear: string | undefined } {
    const fy = this.document.fiscalYear;
    const year = fy !== null && Number.isInteger(fy) ? fy : undefined;
    // The tables serve every document with the same legend and definitions, whatever its fiscal year.
    const cacheKey = `${kind}\u0000${year ?? ''}\u0000${text}`;
    let known = this.tables.closest.get(cacheKey);
    if (!known) {
      known = this.computeClosest(text, kind, year);
      this.tables.closest.set(cacheKey, known);
    }
    return { candidates: [...known.candidates], clear: known.clear };
  }

  private computeClosest(text: string, kind: 'name' | 'abbreviation', year: number | undefined): { candidates: string[]; clear: string | undefined } {
    const norm = (s: string) => (kind === 'abbreviation' ? s.trim().toUpperCase() : normalizeName(s));
    const t = norm(text);
    const limit = kind === 'abbreviation' ? 2 : Math.max(2, Math.floor(t.length / 4));
    const scored: { value: string; d: number }[] = [];
    for (const c of this.tables.candidates(kind)) {
      const d = editDistance(t, norm(c));
      if (d <= limit) scored.push({ value: c, d });
    }
    // The registry's own fuzzy matches (e.g. a shortened name) come after, at their own rank.
    for (const s of this.registry.suggest(text, kind)) {
      if (!scored.some((x) => x.value === s)) scored.push({ value: s, d: editDistance(t, norm(s)) });
    }
    const existing = year === undefined ? scored : scored.filter((s) => this.existedIn(s.value, kind, year));
    const otherYears = existing.length === 0;
    const offered = otherYears ? scored : existing;
    offered.sort((a, b) => a.d - b.d);
    const candidates = offered.map((s) => s.value).slice(0, 3);
    const best = offered[0];
    const second = offered[1];
    const clear = !otherYears && best && best.d <= 2 && (second === undefined || second.d > best.d) ? best.value : undefined;
    return { candidates, clear };
  }

  /** Whether a known spelling names a body that existed in the fiscal year (a body only the document defines always did). */
  private existedIn(spelling: string, kind: 'name' | 'abbreviation', year: number): boolean {
    const body = (kind === 'abbreviation' ? this.resolveAbbreviation(spelling) : this.resolveFullName(spelling))?.body;
    if (body === undefined) return true;
    const { from, to } = fiscalYearBounds(year);
    return this.registry.existedDuring(body, from, to);
  }
}

/** How status entries name a body: its abbreviation, or its name when the profile takes any form in entries. */
export function entryName(resolved: ResolvedBody, profile: LanguageProfile): string {
  return profile.blocks.statusEntryNames === 'abbreviation' ? (resolved.abbreviation ?? resolved.name) : resolved.name;
}

/** The fiscal year as ISO bounds: FY2018 → 2018-04-01 .. 2019-03-31. */
export function fiscalYearBounds(fy: number): { from: string; to: string } {
  return { from: `${fy}-04-01`, to: `${fy + 1}-03-31` };
}

/**
 * The expected tag form of a block: planned actions name full names, status entries abbreviations (or, when the
 * profile allows any form in status entries, whichever they use).
 * (The model already classifies a paragraph whose tag mixes forms, "(National Police Agency and MOJ)",
 * as a planned action with a wrong abbreviation.)
 */
function expectedForm(block: Block, statusEntryNames: 'abbreviation' | 'any'): 'full-name' | 'abbreviation' | undefined {
  if (block.kind === 'planned-action') return 'full-name';
  if ((block.kind === 'status-entry' || block.kind === 'repeat-mention') && statusEntryNames === 'abbreviation') return 'abbreviation';
  return undefined;
}

// ---------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------

export const ministryKnown: Rule = {
  meta: {
    id: 'ministry-known',
    description: {
      en: 'Every ministry named in a responsibility tag is a known body, written as a full name in planned actions and as an abbreviation in status entries.',
      ja: '【…】の府省庁名が実在する機関であり、施策内容には正式名称で、取組状況の項目には正式名称又は略称で書かれていること。',
    },
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
    const resolver = MinistryResolver.of(document, registry);

    const reportUnknown = (text: string, range: Range, kind: 'name' | 'abbreviation') => {
      const { candidates, clear } = resolver.closest(text, kind);
      const named = clear !== undefined ? [clear] : candidates;
      const message = localized((l) => {
        if (l === 'en') {
          const what = kind === 'abbreviation' ? 'ministry abbreviation' : 'ministry name';
          const hint = named.length > 0 ? `; did you mean ${quoteList(named, 'or', l)}?` : '';
          return `'${text}' is not a known ${what}${hint}`;
        }
        const what = kind === 'abbreviation' ? '府省庁の略称' : '府省庁名';
        const hint = named.length > 0 ? `。${quoteList(named, 'or', l)}の誤りではありませんか` : '';
        return `「${text}」は${what}として登録されていません${hint}`;
      });
      const replace = (value: string): FixDescriptor => ({ description: replaceDescription(text, value), edits: [{ range, text: value }] });
      if (clear !== undefined) context.report({ message, range, fix: replace(clear) });
      else if (candidates.length > 0) context.report({ message, range, suggestions: candidates.map(replace) });
      else context.report({ message, range });
    };

    for (const block of taggedBlocks(document)) {
      const expected = expectedForm(block, document.profile.blocks.statusEntryNames);
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
                message: localized((l) =>
                  l === 'en'
                    ? `'${name.text}' is a full name; status entries name ministries by abbreviation ('${abbr}')`
                    : `「${name.text}」は正式名称です。取組状況の項目では府省庁を略称（「${abbr}」）で書いてください`,
                ),
                range: name.range,
                severity: 'warning',
                fix: { description: replaceDescription(name.text, abbr), edits: [{ range: name.range, text: abbr }] },
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
                message: localized((l) =>
                  l === 'en'
                    ? `'${name.text}' is an abbreviation; planned actions name ministries in full ('${resolved.name}')`
                    : `「${name.text}」は略称です。施策内容では府省庁を正式名称（「${resolved.name}」）で書いてください`,
                ),
                range: name.range,
                severity: 'warning',
                fix: {
                  description: replaceDescription(name.text, resolved.name),
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
