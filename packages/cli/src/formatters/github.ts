import type { Formatter } from '../types.js';
import { displayPath } from './util.js';

/** Escaping of a workflow command's message (data). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per message. */
const github: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd);
    for (const m of result.messages) {
      const command = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${m.range.start.line}`,
        `endLine=${m.range.end.line}`,
        `col=${m.range.start.column}`,
        `endColumn=${m.range.end.column}`,
        `title=${escapeProperty(m.ruleId)}`,
      ];
      lines.push(`::${command} ${props.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
};

export default github;
