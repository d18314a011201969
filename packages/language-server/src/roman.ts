/** Lowercase roman numerals, as measures are numbered: (i), (ii), ... (xxi). */

const VALUES: readonly [string, number][] = [
  ['m', 1000],
  ['cm', 900],
  ['d', 500],
  ['cd', 400],
  ['c', 100],
  ['xc', 90],
  ['l', 50],
  ['xl', 40],
  ['x', 10],
  ['ix', 9],
  ['v', 5],
  ['iv', 4],
  ['i', 1],
];

export function toRoman(value: number): string {
  let n = Math.floor(value);
  if (n <= 0 || n >= 4000) return '';
  let out = '';
  for (const [symbol, v] of VALUES) {
    while (n >= v) {
      out += symbol;
      n -= v;
    }
  }
  return out;
}

/** The value of a canonical lowercase roman numeral ("xiv" → 14), or null ("iiii", "IV", "a"). */
export function fromRoman(text: string): number | null {
  if (!/^[ivxlcdm]+$/.test(text)) return null;
  let total = 0;
  let i = 0;
  for (const [symbol, v] of VALUES) {
    while (text.startsWith(symbol, i)) {
      total += v;
      i += symbol.length;
    }
  }
  if (i !== text.length || total === 0) return null;
  return toRoman(total) === text ? total : null;
}
