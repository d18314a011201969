/** Lowercase roman numerals for measure numbers: (i), (ii), ... */

const TABLE: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** 4 → "iv"; non-positive or non-integer values give "". */
export function toRoman(value: number): string {
  if (!Number.isInteger(value) || value <= 0) return '';
  let rest = value;
  let out = '';
  for (const [n, s] of TABLE) {
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  }
  return out;
}

/** "iv" → 4; null when the text is not a canonical lowercase roman numeral ("iiv", "IV", "iiii"). */
export function fromRoman(text: string): number | null {
  if (!/^[ivxlcdm]+$/.test(text)) return null;
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const cur = values[text[i] ?? ''] ?? 0;
    const next = values[text[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return toRoman(total) === text ? total : null;
}
