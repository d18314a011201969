import type { MessageSeverity, Severity } from '../types.js';

export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warn', 'error'];

const RANK: Record<MessageSeverity, number> = { info: 0, warning: 1, error: 2 };

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** The message severity of a configured severity ('off' → undefined). */
export function toMessageSeverity(severity: Severity): MessageSeverity | undefined {
  switch (severity) {
    case 'info':
      return 'info';
    case 'warn':
      return 'warning';
    case 'error':
      return 'error';
    default:
      return undefined;
  }
}

/** The lower of two message severities (a report may only lower its rule's severity). */
export function lowerSeverity(configured: MessageSeverity, requested: MessageSeverity | undefined): MessageSeverity {
  if (requested === undefined || !(requested in RANK)) return configured;
  return RANK[requested] < RANK[configured] ? requested : configured;
}
