/** Lowercase roman numerals (measure numbers). */

const VALUES: [string, number][] = [
  ['m', 1000], ['cm', 900], ['d', 500], ['cd', 400], ['c', 100], ['xc', 90],
  ['l', 50], ['xl', 40], ['x', 10], ['ix', 9], ['v', 5], ['iv', 4], ['i', 1],
];

export function toRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [s, v] of VALUES) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** Value of a lowercase roman numeral in canonical form (ii → 2), null otherwise ("iiii", "II", "ic"). */
export function romanValue(numeral: string): number | null {
  if (!/^[ivxlcdm]{1,15}$/.test(numeral)) return null;
  const map: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  for (let k = 0; k < numeral.length; k++) {
    const v = map[numeral[k] as string] ?? 0;
    const next = map[numeral[k + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 && toRoman(total) === numeral ? total : null;
}
