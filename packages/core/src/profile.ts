/**
 * Language profiles: how drafts in one language are written (seeds/profiles/<lang>.json, copied by the build
 * into this package's data/profiles/, validated by schema/profile.schema.json). The model builder reads a draft
 * with its profile; the rules read the profile from the document. Nothing in the code branches on the language
 * itself.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { LanguageProfile } from './types.js';
import { assetUrl, schemaValidator } from './assets.js';
import { toRoman } from './model/numerals.js';

/** The profiles that ship (the front matter schema's `lang` enum lists the same). */
export const PROFILE_LANGUAGES: readonly string[] = ['en', 'ja'];

export const DEFAULT_LANGUAGE = 'en';

let validator: ValidateFunction | undefined;
const loaded = new Map<string, LanguageProfile>();

function profileValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(assetUrl('schema/profile.schema.json'), 'utf8')) as Record<string, unknown>;
    validator = schemaValidator('profile', schema);
  }
  return validator;
}

/** Validates profile JSON against schema/profile.schema.json and checks that its regular expressions compile. */
export function validateProfileData(json: unknown): { data?: LanguageProfile; errors: string[] } {
  const validate = profileValidator();
  if (!validate(json)) {
    return { errors: (validate.errors ?? []).map((e) => `profile${e.instancePath.replace(/\//g, '.')} ${e.message ?? 'is invalid'}`) };
  }
  const data = json as LanguageProfile;
  const errors: string[] = [];
  const sources: [string, string][] = [
    ['headings.section', data.headings.section],
    ['headings.measure', data.headings.measure],
    ['headings.legend', data.headings.legend],
    ['tags.bodyShape', data.tags.bodyShape],
    ['tags.abbreviationShape', data.tags.abbreviationShape],
    ['repeat.pattern', data.repeat.pattern],
    ...(['before', 'after', 'multiYear', 'scheduledBefore', 'scheduledAfter', 'recurring'] as const).flatMap((key): [string, string][] => {
      const source = data.dateCues[key];
      return source === undefined ? [] : [[`dateCues.${key}`, source]];
    }),
  ];
  for (const [where, source] of sources) {
    try {
      new RegExp(source);
    } catch (e) {
      errors.push(`profile.${where} is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  return errors.length > 0 ? { errors } : { data, errors };
}

/**
 * The shipped profile of a language ("en", "ja"), loaded once; undefined for any other value. Throws only if a
 * shipped profile is missing or invalid.
 */
export function loadProfile(lang: string): LanguageProfile | undefined {
  if (!PROFILE_LANGUAGES.includes(lang)) return undefined;
  let profile = loaded.get(lang);
  if (!profile) {
    const json: unknown = JSON.parse(readFileSync(assetUrl(`profiles/${lang}.json`), 'utf8'));
    const { data, errors } = validateProfileData(json);
    if (!data) throw new Error(`The built-in profile profiles/${lang}.json is invalid:\n${errors.join('\n')}`);
    profile = data;
    loaded.set(lang, profile);
  }
  return profile;
}

/** The profile of a language, English when it names none that ships. */
export function profileFor(lang: string | undefined): LanguageProfile {
  return (lang !== undefined ? loadProfile(lang) : undefined) ?? (loadProfile(DEFAULT_LANGUAGE) as LanguageProfile);
}

/** What the model builder and the rules use of a profile, compiled once per profile. */
export interface CompiledProfile {
  readonly profile: LanguageProfile;
  readonly section: RegExp;
  readonly measure: RegExp;
  readonly legend: RegExp;
  readonly repeat: RegExp;
  readonly bodyShape: RegExp;
  readonly abbreviationShape: RegExp;
  readonly openers: string;
  readonly closers: string;
  readonly trailing: string;
  readonly separators: string;
  readonly conjunctions: readonly string[];
  /** The start of a sub-item heading (group 1: the marker), null when the profile numbers no sub-items. */
  readonly subItem: RegExp | null;
}

const compiledProfiles = new WeakMap<LanguageProfile, CompiledProfile>();

export function compileProfile(profile: LanguageProfile): CompiledProfile {
  let c = compiledProfiles.get(profile);
  if (!c) {
    c = {
      profile,
      section: new RegExp(profile.headings.section),
      measure: new RegExp(profile.headings.measure, 'i'),
      legend: new RegExp(profile.headings.legend, 'i'),
      repeat: new RegExp(profile.repeat.pattern, 'i'),
      bodyShape: new RegExp(profile.tags.bodyShape, 'i'),
      abbreviationShape: new RegExp(profile.tags.abbreviationShape),
      openers: profile.tags.brackets.map((b) => b[0]).join(''),
      closers: profile.tags.brackets.map((b) => b[1]).join(''),
      trailing: profile.tags.trailing,
      separators: profile.tags.separators.join(''),
      conjunctions: profile.tags.conjunctions,
      subItem: subItemPattern(profile.numbering.subItems),
    };
    compiledProfiles.set(profile, c);
  }
  return c;
}

function subItemPattern(sequences: readonly (readonly string[])[]): RegExp | null {
  const markers = sequences.flat();
  if (markers.length === 0) return null;
  const escaped = markers.map((m) => m.replace(/[\\\]^-]/g, '\\$&')).join('');
  // A marker, then a space or a separating punctuation mark: "ア アクセス制限" is a sub-item, "アクセス制限" is not.
  return new RegExp(`^[ \\t\u3000]*([${escaped}])(?:[ \\t\u3000]+|[、．.])[ \\t\u3000]*`);
}

/** The sequence and ordinal of a sub-item marker, or null. */
export function subItemOrdinal(profile: LanguageProfile, marker: string): { sequence: number; ordinal: number } | null {
  const sequences = profile.numbering.subItems;
  for (let k = 0; k < sequences.length; k++) {
    const at = (sequences[k] as string[]).indexOf(marker);
    if (at !== -1) return { sequence: k, ordinal: at + 1 };
  }
  return null;
}

/** A numeral compared as a value: full-width digits and letters folded (NFKC), lowercased. */
export function numeralKey(numeral: string): string {
  return numeral.normalize('NFKC').trim().toLowerCase();
}

/** A measure ordinal written as the profile numbers measures: 4 → "iv" or "4". */
export function formatNumeral(profile: LanguageProfile, ordinal: number): string {
  return profile.numbering.measure === 'arabic' ? String(ordinal) : toRoman(ordinal);
}

/** A measure number as the profile writes it: "(ii)", "（2）". */
export function measureLabel(profile: LanguageProfile, numeral: string): string {
  return profile.numbering.measureLabel.replace('{n}', numeral);
}

/** The canonical repeat-mention reference without its colon: "Repeat mention 1 - (ii)", "再掲 1－（2）". */
export function repeatLabel(profile: LanguageProfile, section: number | string, numeral: string): string {
  return profile.repeat.label.replace('{section}', String(section)).replace('{measure}', numeral);
}

/** The canonical repeat-mention prefix: "Repeat mention 1 - (ii):", "再掲 1－（2）：" (numeral folded and lowercased). */
export function repeatPrefix(profile: LanguageProfile, section: number, numeral: string): string {
  return `${repeatLabel(profile, section, numeralKey(numeral))}${profile.repeat.colon}`;
}

/** A tag naming `names`, as a fix adds it after a block: " (NPA)", "【警察庁】". */
export function writeTag(profile: LanguageProfile, names: readonly string[]): string {
  const w = profile.tags.write;
  return `${w.before}${w.open}${names.join(w.separator)}${w.close}`;
}
