/** What the two seed-triage suites share: where the real report and its PDF text are, and counting findings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LintMessage } from '@plan-lint/core';

export const SEED = fileURLToPath(new URL('../seeds/fy2018-status-report.md', import.meta.url));
/** The raw PDF text the seed is converted from (seeds/ORIGIN.txt says where it comes from). */
export const RAW = fileURLToPath(new URL('../seeds/fy2018-implementation-status.txt', import.meta.url));

/** Findings per rule, with a zero for each of `ids` that found nothing. */
export function byRule(messages: readonly LintMessage[], ids: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = 0;
  for (const m of messages) counts[m.ruleId] = (counts[m.ruleId] ?? 0) + 1;
  return counts;
}

/** The raw PDF text with line breaks and page footers flattened to single spaces. */
export function rawFlat(): string {
  return readFileSync(RAW, 'utf8').replace(/\s+/g, ' ');
}
