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
  if (numeral.length === 0 || numeral.length > 15) return null;
  let total = 0;
  let next = digitValue(numeral.charCodeAt(0));
  for (let k = 0; k < numeral.length; k++) {
    const v = next;
    if (v === 0) return null;
    next = k + 1 < numeral.length ? digitValue(numeral.charCodeAt(k + 1)) : 0;
    total += v < next ? -v : v;
  }
  return total > 0 && toRoman(total) === numeral ? total : null;
}

/** The value of one lowercase roman digit, 0 for any other character. */
function digitValue(c: number): number {
  switch (c) {
    case 0x69: return 1; // i
    case 0x76: return 5; // v
    case 0x78: return 10; // x
    case 0x6c: return 50; // l
    case 0x63: return 100; // c
    case 0x64: return 500; // d
    case 0x6d: return 1000; // m
    default: return 0;
  }
}
