/**
 * The abbreviation legend: a heading (the profile's: "Abbreviations", 略称一覧), then `ABBR: Full name` or
 * `ABBR (Full name)` items; an abbreviation is shaped like an English one (NPA) or like the profile's (文科).
 */
import type { LegendEntry, ModelProblem } from '../types.js';
import type { LineIndex } from '../positions.js';

const ABBR = /^[A-Z][A-Za-z&]{1,7}$/;
const COLON_ENTRY = /^([^\s:：=]{1,8})[ \t]*[:：=][ \t]*/;
const PAIR = /([A-Za-z][A-Za-z&]{1,7})[ \t]*\(([^()]+)\)/g;

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
      message: "This line of the abbreviation legend is not read: write 'ABBR: Full name' or 'ABBR (Full name)'",
      range: index.rangeAt(start, end),
    });
  }
}
