/** YAML front matter: fields with exact key/value ranges, validated against schema/frontmatter.schema.json. */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import type { DocumentKind, FrontMatter, FrontMatterField, FrontMatterProblem, Range } from '../types.js';
import type { LineIndex } from '../positions.js';
import { assetUrl, schemaValidator } from '../assets.js';
import { boundedEditDistance, isRealIsoDate } from './text.js';
import { PROFILE_LANGUAGES } from '../profile.js';

interface SchemaShape {
  properties: Record<string, unknown>;
}

let compiled: { validate: ValidateFunction; keys: string[] } | undefined;

function frontMatterValidator(): { validate: ValidateFunction; keys: string[] } {
  if (!compiled) {
    // schema/frontmatter.schema.json; its validator is generated at build time when the schema is unchanged.
    const schema = JSON.parse(readFileSync(assetUrl('schema/frontmatter.schema.json'), 'utf8')) as SchemaShape & Record<string, unknown>;
    compiled = { validate: schemaValidator('frontmatter', schema), keys: Object.keys(schema.properties) };
  }
  return compiled;
}

function closestKey(key: string, keys: string[]): string | undefined {
  const norm = key.toLowerCase().replace(/[_\s]+/g, '-');
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of keys) {
    if (k === norm) return k;
    const max = Math.max(2, Math.floor(k.length / 3));
    const d = boundedEditDistance(norm, k, max);
    if (d <= max && d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function describe(error: ErrorObject, key: string | undefined, value: unknown, keys: string[]): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknownKey = String(params['additionalProperty']);
      const near = closestKey(unknownKey, keys);
      return near
        ? `Unknown front matter key '${unknownKey}'; did you mean '${near}'?`
        : `Unknown front matter key '${unknownKey}'; expected one of ${keys.map((k) => `'${k}'`).join(', ')}`;
    }
    case 'type':
      if (key === 'fiscal-year') return `'fiscal-year' must be a year written as a number (such as 2018), not ${show(value)}`;
      return `'${key ?? '?'}' must be ${params['type'] === 'string' ? 'text' : `of type ${String(params['type'])}`}, not ${show(value)}`;
    case 'minimum':
    case 'maximum':
      return `'${key ?? '?'}' must be a year between 1990 and 2100, not ${show(value)}`;
    case 'enum':
      return `'${key ?? '?'}' must be ${(params['allowedValues'] as unknown[]).map((v) => `'${String(v)}'`).join(' or ')}, not ${show(value)}`;
    case 'pattern':
      if (key === 'as-of') return `'as-of' must be a date written YYYY-MM-DD (such as 2019-06-30), not ${show(value)}`;
      return `'${key ?? '?'}' has an invalid format: ${show(value)}`;
    case 'minLength':
      return `'${key ?? '?'}' must not be empty`;
    case 'type-root':
    default:
      return `Front matter ${key ? `'${key}' ` : ''}${error.message ?? 'is invalid'}`;
  }
}

/**
 * Builds the FrontMatter of a document from the span of its `yaml` node
 * (offsets of the opening `---` line start and of the end of the closing fence).
 */
const MAX_FRONT_MATTER = 64 * 1024;

/** Deepest nesting of YAML flow collections ("[", "{") read. */
const MAX_FLOW_NESTING = 100;

/** Offset of the first "[" or "{" nested deeper than MAX_FLOW_NESTING (quotes not considered: an upper bound), or -1. */
function tooDeep(raw: string): number {
  if (raw.length <= MAX_FLOW_NESTING) return -1;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_NESTING) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

export function buildFrontMatter(text: string, index: LineIndex, start: number, end: number): FrontMatter {
  const range = index.rangeAt(start, end);
  const firstNl = text.indexOf('\n', start);
  const contentStart = firstNl === -1 || firstNl >= end ? end : firstNl + 1;
  // The closing fence is the last line of the node.
  const lastNl = text.lastIndexOf('\n', end - 1);
  const contentEnd = lastNl + 1 > contentStart ? lastNl + 1 : contentStart;
  const raw = text.slice(contentStart, contentEnd);
  const fm: FrontMatter = { range, raw, fields: [], data: {}, problems: [] };
  const at = (a: number, b: number): Range => index.rangeAt(contentStart + a, contentStart + b);

  // The yaml package checks duplicate keys pairwise (quadratic): read at most 64 KB.
  if (raw.length > MAX_FRONT_MATTER) {
    fm.problems.push({
      message: `Front matter is ${Math.ceil(raw.length / 1024)} KB long; plan-lint reads front matter of at most ${MAX_FRONT_MATTER / 1024} KB (a draft needs a few keys)`,
      range,
      keyword: 'size',
    });
    return fm;
  }
  // The yaml package reads flow collections recursively: thousands of nested brackets overflow the stack, at a
  // depth that depends on the caller. Deeper than MAX_FLOW_NESTING is refused first, the same way every time.
  const deep = tooDeep(raw);
  if (deep !== -1) {
    fm.problems.push({
      message: `Front matter nests brackets more than ${MAX_FLOW_NESTING} levels deep; plan-lint does not read it (a draft's front matter is a few "key: value" lines)`,
      range: at(deep, deep + 1),
      keyword: 'yaml',
    });
    return fm;
  }
  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  for (const err of doc.errors) {
    let [a, b] = err.pos;
    const contentLength = raw.trimEnd().length;
    if (a >= contentLength) {
      // Errors found at the end of the text (an unterminated quote): point at the last written line.
      b = Math.max(0, contentLength);
      a = raw.lastIndexOf('\n', Math.max(0, b - 1)) + 1;
    }
    fm.problems.push({
      message: `Front matter is not valid YAML: ${err.message.split('\n')[0] ?? err.message}`,
      range: at(a, Math.max(b, a + 1)),
      keyword: 'yaml',
    });
  }
  if (doc.errors.length > 0) return fm;

  const contents = doc.contents as YamlNode | null;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return fm;
  if (!isMap(contents)) {
    fm.problems.push({ message: 'Front matter must be a list of "key: value" lines', range, keyword: 'type' });
    return fm;
  }
  const data: Record<string, unknown> = {};
  const fieldByKey = new Map<string, FrontMatterField>();
  for (const pair of contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const kr = keyNode?.range;
    const keyRange = kr ? at(kr[0], kr[1]) : range;
    const vr = valueNode?.range;
    const valueRange = vr ? at(vr[0], vr[1]) : keyRange;
    const value: unknown = valueNode ? (valueNode as { toJSON(): unknown }).toJSON() : null;
    data[key] = value;
    const field: FrontMatterField = { key, value, keyRange, valueRange };
    fm.fields.push(field);
    fieldByKey.set(key, field);
  }
  fm.data = data;

  const { validate, keys } = frontMatterValidator();
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      let key: string | undefined;
      let problemRange = range;
      if (error.keyword === 'additionalProperties') {
        key = String((error.params as Record<string, unknown>)['additionalProperty']);
        problemRange = fieldByKey.get(key)?.keyRange ?? range;
      } else if (error.instancePath.startsWith('/')) {
        key = error.instancePath.slice(1).split('/')[0]?.replace(/~1/g, '/').replace(/~0/g, '~');
        const field = key !== undefined ? fieldByKey.get(key) : undefined;
        problemRange = field?.valueRange ?? range;
      }
      const problem: FrontMatterProblem = {
        message: describe(error, key, key !== undefined ? data[key] : data, keys),
        range: problemRange,
        keyword: error.keyword,
      };
      if (key !== undefined) problem.key = key;
      fm.problems.push(problem);
    }
  }
  const title = data['title'];
  if (typeof title === 'string') fm.title = title;
  const kind = data['document'];
  if (kind === 'plan' || kind === 'status-report') fm.document = kind as DocumentKind;
  const fy = data['fiscal-year'];
  if (typeof fy === 'number' && Number.isInteger(fy) && fy >= 1990 && fy <= 2100) fm.fiscalYear = fy;
  const lang = data['lang'];
  if (typeof lang === 'string' && PROFILE_LANGUAGES.includes(lang)) fm.lang = lang;
  const isoDate = (key: 'as-of' | 'adopted'): string | undefined => {
    const value = data[key];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    if (isRealIsoDate(value)) return value;
    fm.problems.push({
      message: `'${key}' is not a real date: ${value}`,
      range: fieldByKey.get(key)?.valueRange ?? range,
      keyword: 'format',
      key,
    });
    return undefined;
  };
  const asOf = isoDate('as-of');
  if (asOf !== undefined) fm.asOf = asOf;
  const adopted = isoDate('adopted');
  if (adopted !== undefined) fm.adopted = adopted;
  for (const key of ['plan', 'previous'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') fm[key] = value.trim();
  }
  const original = data['translation-of'];
  if (typeof original === 'string' && original.trim() !== '') fm.translationOf = original.trim();
  return fm;
}

/** A front matter whose closing `---` is missing: the opening fence line is reported. */
export function unclosedFrontMatter(text: string, index: LineIndex): FrontMatter {
  const nl = text.indexOf('\n');
  const lineEnd = nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const range = index.rangeAt(0, lineEnd);
  return {
    range,
    raw: '',
    fields: [],
    data: {},
    problems: [
      {
        message: "Front matter is not closed: add a line '---' after the last key (the text is read as Markdown instead)",
        range,
        keyword: 'unclosed',
      },
    ],
  };
}
