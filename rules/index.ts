import type { AnyRule } from '@plan-lint/core';

// --- ministries, coverage, front matter ---
// (rule imports are added here)

// --- repeat mentions, dates, numbering, duplicates ---
// (rule imports are added here)

/** Every rule of plan-lint, in documentation order. */
export const rules: readonly AnyRule[] = [
  // --- ministries, coverage, front matter ---
  // --- repeat mentions, dates, numbering, duplicates ---
];

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((r) => [r.meta.id, r]));
