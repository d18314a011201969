/** Config text → validated ConfigFile: JSON or JSONC, with syntax errors at line:column. */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../../positions.js';
import type { AnyRule, ConfigFile } from '../../types.js';
import { ConfigError, type Where } from './errors.js';
import { validateWith } from './validate.js';

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON (use a .plan-lint.jsonc file for comments)',
  UnexpectedEndOfComment: 'unclosed comment',
  UnexpectedEndOfString: 'unclosed string',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** What is wrong with the text, in words (the first syntax error, or an empty file). */
function describeSyntaxError(body: string, first: ParseError | undefined, jsonc: boolean): string {
  if (body.trim() === '') return 'the file is empty (write {} for the defaults)';
  if (!first) return 'expected a value';
  const code = printParseErrorCode(first.error);
  let what = PARSE_ERROR_TEXT[code] ?? code;
  if (!jsonc && /PropertyNameExpected|ValueExpected/.test(code) && /,\s*[\]}]/.test(body.slice(Math.max(0, first.offset - 200), first.offset + 1)))
    what += ' (trailing commas are allowed only in .jsonc files)';
  return what;
}

/**
 * Parses and validates config text. `jsonc` allows comments and trailing commas (default: true when
 * the label ends in ".jsonc"). Throws ConfigError with line:column for syntax errors.
 */
export function parseConfigText(
  text: string,
  rules: readonly AnyRule[],
  options: { label?: string; filePath?: string; jsonc?: boolean } = {},
): ConfigFile {
  const label = options.label ?? options.filePath ?? 'the configuration';
  const jsonc = options.jsonc ?? /\.jsonc$/i.test(options.filePath ?? label);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const tree = parseTree(body, errors, { allowTrailingComma: jsonc, disallowComments: !jsonc, allowEmptyContent: false });
  const index = new LineIndex(body);
  const where: Where = { label, index };
  if (options.filePath !== undefined) where.filePath = options.filePath;
  const first = errors[0];
  if (first || !tree) {
    const p = index.pointAt(first?.offset ?? 0);
    const details: { filePath?: string; line: number; column: number } = { line: p.line, column: p.column };
    if (options.filePath !== undefined) details.filePath = options.filePath;
    throw new ConfigError(`Invalid JSON in ${label} at ${p.line}:${p.column}: ${describeSyntaxError(body, first, jsonc)}`, details);
  }
  where.tree = tree;
  const value: unknown = JSON.parse(JSON.stringify(nodeValue(tree)));
  return validateWith(value, rules, where);
}

function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[String(k.value)] = nodeValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
