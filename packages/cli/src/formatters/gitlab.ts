import { createHash } from 'node:crypto';
import type { LintMessage } from '@plan-lint/core';
import type { Formatter } from '../types.js';
import { displayPath } from './util.js';

/** GitLab Code Quality severities, by plan-lint severity. */
const SEVERITY: Record<LintMessage['severity'], 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * GitLab Code Quality (the JSON a merge request's widget and diff annotations read: `artifacts: reports:
 * codequality`): one issue per message, suppressed ones left out. `location.path` is relative to the current
 * directory (the repository root in CI), with "/" separators.
 *
 * The fingerprint identifies an issue across runs, so that GitLab shows what a merge request adds or fixes:
 * a hash of the file, the rule, the message and the how-manieth such message it is in that file, without line
 * numbers, so that an edit above a finding does not make it a new one.
 */
const gitlab: Formatter = (results, context) => {
  const issues: Record<string, unknown>[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd);
    const seen = new Map<string, number>();
    for (const m of result.messages) {
      const key = JSON.stringify([file, m.ruleId, m.message]);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      issues.push({
        type: 'issue',
        description: m.message,
        check_name: m.ruleId,
        fingerprint: createHash('sha256').update(`${key}#${occurrence}`).digest('hex').slice(0, 32),
        severity: SEVERITY[m.severity],
        location: { path: file, lines: { begin: m.range.start.line, end: m.range.end.line } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
};

export default gitlab;
