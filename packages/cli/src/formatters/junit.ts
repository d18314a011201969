import type { Formatter } from '../types.js';
import { displayPath } from './util.js';

/** Escape text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** JUnit XML: one testsuite per file, one testcase per message; errors and warnings are failures. */
const junit: Formatter = (results, context) => {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const failures = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
  const tests = results.reduce((n, r) => n + Math.max(1, r.messages.length), 0);
  out.push(`<testsuites name="plan-lint" tests="${tests}" failures="${failures}" errors="0">`);
  for (const result of results) {
    const file = escapeXml(displayPath(result.filePath, context.cwd));
    const count = Math.max(1, result.messages.length);
    const fileFailures = result.errorCount + result.warningCount;
    out.push(`  <testsuite package="plan-lint" name="${file}" tests="${count}" failures="${fileFailures}" errors="0" skipped="0" time="0">`);
    if (result.messages.length === 0) {
      out.push(`    <testcase classname="${file}" name="${file}" time="0"/>`);
    }
    for (const m of result.messages) {
      const where = `line ${m.range.start.line}, col ${m.range.start.column}`;
      out.push(`    <testcase classname="${file}" name="${escapeXml(`${m.ruleId} (${where})`)}" time="0">`);
      const text = escapeXml(`${where}, ${m.severity[0]?.toUpperCase()}${m.severity.slice(1)} - ${m.message} (${m.ruleId})`);
      if (m.severity === 'info') {
        out.push(`      <system-out>${text}</system-out>`);
      } else {
        out.push(`      <failure type="${m.severity}" message="${escapeXml(m.message)}">${text}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};

export default junit;
