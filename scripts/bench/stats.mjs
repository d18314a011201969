// Small statistics and formatting helpers for the benchmark.

/** @param {number[]} xs */
export function median(xs) {
  return percentile(xs, 50);
}

/**
 * Nearest-rank percentile (p in 0..100) of a sample; NaN for an empty sample.
 * @param {number[]} xs
 * @param {number} p
 */
export function percentile(xs, p) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  if (p <= 0) return s[0];
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

/** @param {number[]} xs */
export function summary(xs) {
  return {
    n: xs.length,
    median: median(xs),
    p95: percentile(xs, 95),
    min: xs.length ? Math.min(...xs) : Number.NaN,
    max: xs.length ? Math.max(...xs) : Number.NaN,
  };
}

/** Milliseconds, 3 significant-ish digits. @param {number} ms */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** @param {number} kb */
export function fmtKb(kb) {
  if (!Number.isFinite(kb)) return 'n/a';
  return `${(kb / 1024).toFixed(0)} MB`;
}

/** @param {number} r */
export function fmtRatio(r) {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a';
}

/** @param {boolean | null} ok */
export function verdict(ok) {
  return ok === null ? 'n/a ' : ok ? 'PASS' : 'MISS';
}

/**
 * A plain text table.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
