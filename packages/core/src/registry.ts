/**
 * The ministry registry: government bodies with names, abbreviations and the
 * dates they existed. Data, not code: seeds/registry.json, validated by
 * schema/registry.schema.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Registry, RegistryBody, RegistryData, RegistryNames } from './types.js';
import { assetUrl, schemaValidator } from './assets.js';
import { boundedEditDistance, isRealIsoDate, normalizeName } from './model/text.js';

let validator: ValidateFunction | undefined;
let defaultRegistry: Registry | undefined;

/** schema/registry.schema.json's validator (generated at build time when the schema is unchanged). */
function registryValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(assetUrl('schema/registry.schema.json'), 'utf8')) as Record<string, unknown>;
    validator = schemaValidator('registry', schema);
  }
  return validator;
}

function describeError(error: ErrorObject, data: unknown): string {
  const where = error.instancePath === '' ? 'the registry' : `registry${error.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`;
  let bodyHint = '';
  const m = /^\/bodies\/(\d+)/.exec(error.instancePath);
  if (m && data && typeof data === 'object') {
    const bodies = (data as { bodies?: unknown }).bodies;
    const body = Array.isArray(bodies) ? (bodies[Number(m[1])] as { id?: unknown } | undefined) : undefined;
    if (body && typeof body.id === 'string') bodyHint = ` (body '${body.id}')`;
  }
  switch (error.keyword) {
    case 'required':
      return `${where}${bodyHint} is missing the required property '${String((error.params as { missingProperty: string }).missingProperty)}'`;
    case 'additionalProperties':
      return `${where}${bodyHint} has an unknown property '${String((error.params as { additionalProperty: string }).additionalProperty)}'`;
    case 'type':
      return `${where}${bodyHint} must be of type ${String((error.params as { type: string }).type)}`;
    case 'pattern':
      if (/valid(From|To)$/.test(error.instancePath)) return `${where}${bodyHint} must be an ISO date (YYYY-MM-DD)`;
      return `${where}${bodyHint} has an invalid format (expected to match ${String((error.params as { pattern: string }).pattern)})`;
    default:
      return `${where}${bodyHint} ${error.message ?? 'is invalid'}`;
  }
}

/** Validates registry JSON against schema/registry.schema.json plus consistency checks. Never throws. */
export function validateRegistryData(json: unknown): { data?: RegistryData; errors: string[] } {
  const errors: string[] = [];
  let validate: ValidateFunction;
  try {
    validate = registryValidator();
  } catch (e) {
    return { errors: [`cannot load the registry schema: ${(e as Error).message}`] };
  }
  if (!validate(json)) {
    for (const err of validate.errors ?? []) errors.push(describeError(err, json));
    return { errors };
  }
  const data = json as RegistryData;
  const ids = new Set<string>();
  for (const body of data.bodies) {
    if (ids.has(body.id)) errors.push(`registry: the id '${body.id}' is used by more than one body`);
    ids.add(body.id);
  }
  const abbreviations = new Map<string, string>();
  for (const body of data.bodies) {
    for (const field of ['validFrom', 'validTo'] as const) {
      const v = body[field];
      if (v !== undefined && !isRealIsoDate(v)) errors.push(`registry: body '${body.id}' has ${field} '${v}', which is not a real date`);
    }
    if (body.validFrom && body.validTo && body.validFrom > body.validTo) {
      errors.push(`registry: body '${body.id}' has validFrom ${body.validFrom} after validTo ${body.validTo}`);
    }
    for (const ref of [...(body.predecessors ?? []), ...(body.successors ?? [])]) {
      if (!ids.has(ref)) errors.push(`registry: body '${body.id}' refers to unknown body id '${ref}'`);
    }
    for (const abbr of body.abbreviations) {
      const other = abbreviations.get(abbr);
      if (other !== undefined && other !== body.id) {
        // Two bodies may share an abbreviation only if their lifetimes do not overlap; keep it simple: report it.
        errors.push(`registry: the abbreviation '${abbr}' is used by both '${other}' and '${body.id}'`);
      }
      abbreviations.set(abbr, body.id);
    }
  }
  // A Japanese name or short form names one body only, and never a catch-all.
  const catchAllsJa = new Set(data.catchAlls?.ja ?? []);
  const japanese = new Map<string, string>();
  for (const body of data.bodies) {
    for (const name of [body.nameJa, ...(body.aliasesJa ?? []), ...(body.shortNamesJa ?? [])]) {
      const other = japanese.get(name);
      if (other !== undefined && other !== body.id) errors.push(`registry: the Japanese name '${name}' is used by both '${other}' and '${body.id}'`);
      if (catchAllsJa.has(name)) errors.push(`registry: the Japanese name '${name}' of body '${body.id}' is also a catch-all`);
      japanese.set(name, body.id);
    }
  }
  if (errors.length > 0) return { errors };
  return { data, errors };
}

/** A body named as Japanese documents name it (see Registry.inLanguage). */
function inJapanese(body: RegistryBody): RegistryBody {
  return { ...body, name: body.nameJa, aliases: body.aliasesJa ?? [], abbreviations: body.shortNamesJa ?? [] };
}

class MapRegistry implements Registry {
  readonly bodies: readonly RegistryBody[];
  readonly catchAlls: readonly string[];
  private readonly catchAllsByNames: Partial<Record<RegistryNames, string[]>>;
  /** The registry as loaded, with English names (this one, or the one this is a view of). */
  private readonly english: MapRegistry;
  private readonly naming: RegistryNames;
  private readonly views = new Map<RegistryNames, Registry>();
  private readonly abbr = new Map<string, RegistryBody>();
  private readonly names = new Map<string, RegistryBody>();
  private readonly ids = new Map<string, RegistryBody>();
  private readonly nameList: string[] = [];
  private readonly abbrList: string[] = [];

  constructor(bodies: readonly RegistryBody[], catchAlls: Partial<Record<RegistryNames, string[]>>, english?: MapRegistry, names: RegistryNames = 'en') {
    this.bodies = bodies;
    this.catchAllsByNames = catchAlls;
    this.catchAlls = catchAlls[names] ?? [];
    this.english = english ?? this;
    this.naming = names;
    for (const body of bodies) {
      this.ids.set(body.id, body);
      for (const a of body.abbreviations) {
        if (!this.abbr.has(a)) this.abbr.set(a, body);
        this.abbrList.push(a);
      }
      for (const n of [body.name, ...(body.aliases ?? [])]) {
        const key = normalizeName(n);
        if (!this.names.has(key)) this.names.set(key, body);
        this.nameList.push(n);
      }
    }
  }

  byAbbreviation(abbreviation: string): RegistryBody | undefined {
    return this.abbr.get(abbreviation.trim());
  }

  byName(name: string): RegistryBody | undefined {
    return this.names.get(normalizeName(name));
  }

  byId(id: string): RegistryBody | undefined {
    return this.ids.get(id);
  }

  suggest(text: string, kind: 'name' | 'abbreviation'): string[] {
    const scored: { value: string; d: number; i: number }[] = [];
    if (kind === 'abbreviation') {
      const t = text.trim().toUpperCase();
      if (t === '') return [];
      const max = t.length <= 3 ? 1 : 2;
      this.abbrList.forEach((a, i) => {
        const d = boundedEditDistance(t, a.toUpperCase(), max);
        if (d <= max && a !== text.trim()) scored.push({ value: a, d, i });
      });
    } else {
      const t = normalizeName(text);
      if (t === '') return [];
      const max = Math.max(2, Math.floor(t.length / 5));
      this.nameList.forEach((n, i) => {
        const d = boundedEditDistance(t, normalizeName(n), max);
        if (d <= max && n !== text) scored.push({ value: n, d, i });
      });
    }
    scored.sort((x, y) => x.d - y.d || x.i - y.i);
    const out: string[] = [];
    for (const s of scored) if (!out.includes(s.value)) out.push(s.value);
    return out;
  }

  existedDuring(body: RegistryBody, fromIso: string, toIso: string): boolean {
    if (body.validFrom !== undefined && body.validFrom > toIso) return false;
    if (body.validTo !== undefined && body.validTo < fromIso) return false;
    return true;
  }

  extend(bodies: readonly RegistryBody[]): Registry {
    if (this.english !== this) return this.english.extend(bodies).inLanguage(this.naming);
    const replaced = new Map<string, RegistryBody>();
    for (const b of bodies) replaced.set(b.id, b);
    const merged: RegistryBody[] = [];
    for (const b of this.bodies) {
      const r = replaced.get(b.id);
      if (r) {
        merged.push(r);
        replaced.delete(b.id);
      } else merged.push(b);
    }
    for (const b of bodies) if (replaced.has(b.id)) merged.push(b);
    return new MapRegistry(merged, this.catchAllsByNames);
  }

  inLanguage(names: RegistryNames): Registry {
    if (names === 'en' || this.english !== this) return names === this.naming ? this : this.english.inLanguage(names);
    let view = this.views.get(names);
    if (!view) {
      view = new MapRegistry(this.bodies.map(inJapanese), this.catchAllsByNames, this, names);
      this.views.set(names, view);
    }
    return view;
  }
}

/** A registry over already-validated data (see validateRegistryData). */
export function createRegistry(data: RegistryData): Registry {
  return new MapRegistry(data.bodies, data.catchAlls ?? {});
}

/** The built-in registry (this package's data/registry.json, from seeds/registry.json), loaded once. Throws only if it is missing or invalid. */
export function loadDefaultRegistry(): Registry {
  if (!defaultRegistry) {
    const json: unknown = JSON.parse(readFileSync(assetUrl('registry.json'), 'utf8'));
    const { data, errors } = validateRegistryData(json);
    if (!data) throw new Error(`The built-in registry ${fileURLToPath(assetUrl('registry.json'))} is invalid:\n${errors.join('\n')}`);
    defaultRegistry = createRegistry(data);
  }
  return defaultRegistry;
}
