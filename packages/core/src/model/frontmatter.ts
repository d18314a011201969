/** YAML front matter: fields with exact key/value ranges, validated against schema/frontmatter.schema.json. */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar, parseDocument, type Node as YamlNode, type YAMLError } from 'yaml';
import type { DocumentKind, FrontMatter, FrontMatterField, FrontMatterProblem, Range } from '../types.js';
import { LineIndex } from '../positions.js';
import { assetUrl, schemaValidator } from '../assets.js';
import { boundedEditDistance, isRealIsoDate } from './text.js';
import { dateForms, fiscalYearInText, scanTemporal } from './dates.js';
import { PROFILE_LANGUAGES, profileFor } from '../profile.js';
import { listLabel, quoteLabel, type Localized } from '../messages.js';

/** The fiscal years a front matter may name (schema/frontmatter.schema.json says the same). */
const FISCAL_YEAR_MIN = 1990;
const FISCAL_YEAR_MAX = 2100;

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

/** What the draft wrote instead, as the end of a Japanese message: "1800と書かれています", "空欄です". */
function writtenJa(value: unknown): string {
  if (typeof value === 'string') return `${quoteLabel(value, 'ja')}と書かれています`;
  if (value === null) return '空欄です';
  if (Array.isArray(value)) return 'リストが書かれています';
  if (typeof value === 'object') return '「キー: 値」の組が書かれています';
  return `${String(value)}と書かれています`;
}

/**
 * A value written in words, as the front matter wants it: "令和5年度" → "2023" for 'fiscal-year', "令和6年6月30日"
 * → "2024-06-30" for a date; undefined when it reads no such value.
 */
function asValue(key: string | undefined, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Read before the draft's language is known: with the default profile, which reads both families of date forms
  // (FY2023, April 1, 2023; 令和5年度, 令和5年4月1日).
  const profile = profileFor(undefined);
  if (key === 'fiscal-year') {
    const fy = fiscalYearInText(value, profile);
    return fy === null ? undefined : String(fy);
  }
  if (key !== 'as-of' && key !== 'adopted') return undefined;
  for (const mention of scanTemporal(value, 0, value.length, { index: new LineIndex(value), fiscalYear: null, profile: { dates: dateForms(profile) } })) {
    if (mention.kind !== 'date') continue;
    const { year, month, day, valid } = mention.date;
    if (year === null || day === null || !valid) return undefined;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return undefined;
}

/** The end of a Japanese message on a value of the wrong form: "（「令和5年度」であれば2023）", else an example and what was written. */
function insteadJa(key: string | undefined, value: unknown, example: string): string {
  const meant = asValue(key, value);
  return meant !== undefined ? `（${quoteLabel(String(value), 'ja')}であれば${meant}）` : `（${example}など。${writtenJa(value)}）`;
}

/** A schema type in Japanese ("string" → 文字列). */
const TYPE_JA: Readonly<Record<string, string>> = { string: '文字列', integer: '整数' };

function describe(error: ErrorObject, key: string | undefined, value: unknown, keys: string[]): Localized {
  const params = error.params as Record<string, unknown>;
  const name = key ?? '?';
  const q = (text: string): string => quoteLabel(text, 'ja');
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknownKey = String(params['additionalProperty']);
      const near = closestKey(unknownKey, keys);
      return near
        ? {
            en: `Unknown front matter key '${unknownKey}'; did you mean '${near}'?`,
            ja: `フロントマターのキー${q(unknownKey)}は使えません。${q(near)}の誤りではありませんか`,
          }
        : {
            en: `Unknown front matter key '${unknownKey}'; expected one of ${keys.map((k) => `'${k}'`).join(', ')}`,
            ja: `フロントマターのキー${q(unknownKey)}は使えません。使えるキーは${keys.map(q).join('、')}です`,
          };
    }
    case 'type': {
      if (key === 'fiscal-year')
        return {
          en: `'fiscal-year' must be a year written as a number (such as 2018), not ${show(value)}`,
          ja: `「fiscal-year」は年を半角数字で指定してください${insteadJa(key, value, '2018')}`,
        };
      const type = String(params['type']);
      return {
        en: `'${name}' must be ${type === 'string' ? 'text' : `of type ${type}`}, not ${show(value)}`,
        ja: `${q(name)}は${TYPE_JA[type] ?? type}で指定してください（${writtenJa(value)}）`,
      };
    }
    case 'minimum':
    case 'maximum':
      return {
        en: `'${name}' must be a year between ${FISCAL_YEAR_MIN} and ${FISCAL_YEAR_MAX}, not ${show(value)}`,
        ja: `${q(name)}は${FISCAL_YEAR_MIN}から${FISCAL_YEAR_MAX}までの年で指定してください（${writtenJa(value)}）`,
      };
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      return {
        en: `'${name}' must be ${allowed.map((v) => `'${v}'`).join(' or ')}, not ${show(value)}`,
        ja: `${q(name)}は${listLabel(allowed.map(q), 'ja', 'or')}で指定してください（${writtenJa(value)}）`,
      };
    }
    case 'pattern': {
      const en =
        key === 'as-of'
          ? `'as-of' must be a date written YYYY-MM-DD (such as 2019-06-30), not ${show(value)}`
          : `'${name}' has an invalid format: ${show(value)}`;
      const ja =
        key === 'as-of' || key === 'adopted'
          ? `${q(name)}は日付を半角でYYYY-MM-DDの形に書いてください${insteadJa(key, value, '2019-06-30')}`
          : `${q(name)}の書き方が正しくありません（${writtenJa(value)}）`;
      return { en, ja };
    }
    case 'minLength':
      return { en: `'${name}' must not be empty`, ja: `${q(name)}に値を書いてください（空になっています）` };
    case 'type-root':
    default:
      return {
        en: `Front matter ${key ? `'${key}' ` : ''}${error.message ?? 'is invalid'}`,
        ja: `フロントマター${key ? `の${q(key)}` : ''}が正しくありません${error.message ? `（${error.message}）` : ''}`,
      };
  }
}

/**
 * A YAML syntax error in the drafter's words. The Japanese text explains the errors a hand-written front matter
 * makes (the yaml package's messages are English); any other keeps the package's own message.
 */
function yamlProblem(error: YAMLError): Localized {
  const detail = error.message.split('\n')[0] ?? error.message;
  const closing = /end with an? (\S)/.exec(detail)?.[1];
  const ja = ((): string | undefined => {
    switch (error.code) {
      case 'DUPLICATE_KEY':
        return '同じキーが2回以上書かれています。1回だけ書いてください';
      case 'MISSING_CHAR':
        if (/quote/i.test(detail)) return '引用符が閉じられていません';
        if (closing !== undefined) return `括弧が閉じられていません（${quoteLabel(closing, 'ja')}が足りません）`;
        if (/map values/.test(detail)) return '「キー: 値」の形になっていない行があります';
        return undefined;
      case 'BAD_INDENT':
        return closing !== undefined ? `括弧が閉じられていません（${quoteLabel(closing, 'ja')}が足りません）` : '字下げが正しくありません';
      case 'BLOCK_AS_IMPLICIT_KEY':
        return '値の中に「: 」があります。値を二重引用符（"）で囲んでください';
      case 'MULTILINE_IMPLICIT_KEY':
        return '「キー: 値」は1行に一つずつ書いてください';
      case 'TAB_AS_INDENT':
        return '字下げにタブは使えません。空白で字下げしてください';
      case 'BAD_SCALAR_START':
        return '「@」や「`」で始まる値は引用符で囲んでください';
      case 'BAD_DQ_ESCAPE':
        return '二重引用符の中の「\\」の使い方が正しくありません';
      case 'UNEXPECTED_TOKEN':
        return '「キー: 値」の形でない記号があります（字下げも確認してください）';
      default:
        return undefined;
    }
  })();
  return {
    en: `Front matter is not valid YAML: ${detail}`,
    ja: ja === undefined ? `フロントマターをYAMLとして読み取れません（${detail}）` : `フロントマターをYAMLとして読み取れません。${ja}`,
  };
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
      message: {
        en: `Front matter is ${Math.ceil(raw.length / 1024)} KB long; plan-lint reads front matter of at most ${MAX_FRONT_MATTER / 1024} KB (a draft needs a few keys)`,
        ja: `フロントマターが${Math.ceil(raw.length / 1024)} KBあります。plan-lintが読むフロントマターは${MAX_FRONT_MATTER / 1024} KBまでです（文書に必要なキーは数個です）`,
      },
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
      message: {
        en: `Front matter nests brackets more than ${MAX_FLOW_NESTING} levels deep; plan-lint does not read it (a draft's front matter is a few "key: value" lines)`,
        ja: `フロントマターの括弧の入れ子が${MAX_FLOW_NESTING}段を超えているため、plan-lintは読み取りません（フロントマターは「キー: 値」の行を数行書くものです）`,
      },
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
      message: yamlProblem(err),
      range: at(a, Math.max(b, a + 1)),
      keyword: 'yaml',
    });
  }
  if (doc.errors.length > 0) {
    const lang = salvagedLang(raw);
    if (lang !== undefined) fm.lang = lang;
    return fm;
  }

  const contents = doc.contents as YamlNode | null;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return fm;
  if (!isMap(contents)) {
    fm.problems.push({
      message: { en: 'Front matter must be a list of "key: value" lines', ja: 'フロントマターは「キー: 値」の行を並べて書いてください' },
      range,
      keyword: 'type',
    });
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
  if (typeof fy === 'number' && Number.isInteger(fy) && fy >= FISCAL_YEAR_MIN && fy <= FISCAL_YEAR_MAX) fm.fiscalYear = fy;
  const lang = data['lang'];
  if (typeof lang === 'string' && PROFILE_LANGUAGES.includes(lang)) fm.lang = lang;
  const isoDate = (key: 'as-of' | 'adopted'): string | undefined => {
    const value = data[key];
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    if (isRealIsoDate(value)) return value;
    fm.problems.push({
      message: { en: `'${key}' is not a real date: ${value}`, ja: `${quoteLabel(key, 'ja')}の${value}は存在しない日付です` },
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

/**
 * The language a front matter that cannot be read names on a line `lang: ja` of its own, so that the draft is
 * still read with its conventions and its problems told in its language.
 */
function salvagedLang(lines: string): string | undefined {
  const lang = /^lang[ \t]*:[ \t]*(["']?)([a-z]+)\1[ \t]*(?:#.*)?\r?$/m.exec(lines)?.[2];
  return lang !== undefined && PROFILE_LANGUAGES.includes(lang) ? lang : undefined;
}

/**
 * A front matter whose closing `---` is missing: the opening fence line is reported. Its language is read from
 * the lines that would have been the front matter (up to the first blank line).
 */
export function unclosedFrontMatter(text: string, index: LineIndex): FrontMatter {
  const nl = text.indexOf('\n');
  const lineEnd = nl === -1 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const range = index.rangeAt(0, lineEnd);
  const head = nl === -1 ? '' : text.slice(nl + 1, nl + 1 + MAX_FRONT_MATTER);
  const blank = head.search(/^[ \t]*\r?$/m);
  const lang = salvagedLang(blank === -1 ? head : head.slice(0, blank));
  return {
    ...(lang !== undefined ? { lang } : {}),
    range,
    raw: '',
    fields: [],
    data: {},
    problems: [
      {
        message: {
          en: "Front matter is not closed: add a line '---' after the last key (the text is read as Markdown instead)",
          ja: 'フロントマターが閉じられていません。最後のキーの次の行に「---」を書いてください（このままでは本文として読まれます）',
        },
        range,
        keyword: 'unclosed',
      },
    ],
  };
}
