import { didYouMean } from '@plan-lint/core';

/** " Did you mean 'x'?" or "" (the CLI's sentences end before it). */
export function didYouMeanSuffix(input: string, candidates: Iterable<string>): string {
  const guess = didYouMean(input, candidates);
  return guess === undefined ? '' : ` Did you mean '${guess}'?`;
}
