/**
 * The abbreviation legend: a heading (the profile's: "Abbreviations", 略称一覧), then `ABBR: Full name` or
 * `ABBR (Full name)` items (`警察：警察庁`), or the rows of a table (`| 警察 | 警察庁 |`, the header row above
 * `|---|` skipped); an abbreviation is shaped like an English one (NPA) or like the profile's (文科).
 */
import type { LegendEntry, ModelProblem } from '../types.js';
import type { LineIndex } from '../positions.js';

const ABBR = /^[A-Z][A-Za-z&]{1,7}$/;
const COLON_ENTRY = /^([^\s:：=]{1,8})[ \t]*[:：=][ \t]*/;
const PAIR = /([A-Za-z][A-Za-z&]{1,7})[ \t]*\(([^()]+)\)/g;
/** A table row: | abbreviation | full name | (more cells ignored). */
const TABLE_ROW = /^[ \t]*\|[ \t]*([^|\n]*?)[ \t]*\|[ \t]*([^|\n]*?)[ \t]*(?:\||$)/;
const TABLE_RULE = /^[ \t]*\|?[ \t]*:?-{3,}/;

function trimmed(text: string, a: number, b: number): [number, number] {
  while (a < b && /\s/.test(text[a] ?? '')) a++;
  while (b > a && /[\s.;,]/.test(text[b - 1] ?? '')) b--;
  return [a, b];
}

/**
 * Reads legend entries from the source of one paragraph (a list item's text
 * or a footer line "* NPA (National Police Agency), CAS (...)").
 */
export function readLegendEntries(
  text: string,
  start: number,
  end: number,
  index: LineIndex,
  abbreviationShape: RegExp,
  out: LegendEntry[],
  problems: ModelProblem[],
): void {
  let a = start;
  // Skip a footer marker "* " or an escaped "\* ".
  while (a < end && /[\s*\\※]/.test(text[a] ?? '')) a++;
  const src = text.slice(a, end);
  if (src.startsWith('|')) {
    readTable(text, a, end, index, abbreviationShape, out);
    return;
  }
  const colon = COLON_ENTRY.exec(src);
  if (colon && (ABBR.test(colon[1] ?? '') || abbreviationShape.test(colon[1] ?? ''))) {
    const [ns, ne] = trimmed(text, a + colon[0].length, end);
    if (ne > ns) {
      out.push({
        abbreviation: colon[1] ?? '',
        name: text.slice(ns, ne).replace(/\s+/g, ' '),
        range: index.rangeAt(a, ne),
        abbreviationRange: index.rangeAt(a, a + (colon[1] ?? '').length),
        nameRange: index.rangeAt(ns, ne),
      });
      return;
    }
  }
  PAIR.lastIndex = 0;
  let m: RegExpExecArray | null;
  let found = false;
  while ((m = PAIR.exec(src)) !== null) {
    const abbr = m[1] ?? '';
    if (!ABBR.test(abbr)) continue;
    const s = a + m.index;
    const nameOpen = s + m[0].indexOf('(') + 1;
    const [ns, ne] = trimmed(text, nameOpen, s + m[0].length - 1);
    out.push({
      abbreviation: abbr,
      name: text.slice(ns, ne).replace(/\s+/g, ' '),
      range: index.rangeAt(s, s + m[0].length),
      abbreviationRange: index.rangeAt(s, s + abbr.length),
      nameRange: index.rangeAt(ns, ne),
    });
    found = true;
  }
  if (!found && src.trim() !== '') {
    problems.push({
      message: {
        en: "This line of the abbreviation legend is not read: write 'ABBR: Full name' or 'ABBR (Full name)'",
        ja: '略称の凡例のこの行は読み取れません。「略称: 正式名称」又は「略称 (正式名称)」の形で書いてください',
      },
      range: index.rangeAt(start, end),
    });
  }
}

/** The rows of a legend table, each `| abbreviation | full name |`; the header row (above the `|---|` rule) is skipped. */
function readTable(text: string, start: number, end: number, index: LineIndex, abbreviationShape: RegExp, out: LegendEntry[]): void {
  const lines = text.slice(start, end).split('\n');
  let at = start;
  lines.forEach((line, i) => {
    const lineStart = at;
    at += line.length + 1;
    const row = TABLE_ROW.exec(line);
    const next = lines[i + 1];
    if (!row || TABLE_RULE.test(line) || (next !== undefined && TABLE_RULE.test(next))) return;
    const abbreviation = row[1] ?? '';
    const name = row[2] ?? '';
    if (name === '' || !(ABBR.test(abbreviation) || abbreviationShape.test(abbreviation))) return;
    const as = lineStart + line.indexOf(abbreviation);
    const ns = lineStart + line.indexOf(name, as - lineStart + abbreviation.length);
    out.push({
      abbreviation,
      name,
      range: index.rangeAt(as, ns + name.length),
      abbreviationRange: index.rangeAt(as, as + abbreviation.length),
      nameRange: index.rangeAt(ns, ns + name.length),
    });
  });
}
