import type { Formatter } from '../types.js';
import { palette, stripAnsi } from '../colors.js';
import { displayPath, plural, totals } from './util.js';

/** ESLint's default format: problems grouped by file, aligned columns, a summary. */
const stylish: Formatter = (results, context) => {
  const c = palette(context.color);
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    lines.push('', c.underline(displayPath(result.filePath, context.cwd)));
    const rows = result.messages.map((m) => [
      c.dim(`${m.range.start.line}:${m.range.start.column}`),
      m.severity === 'error' ? c.red('error') : m.severity === 'warning' ? c.yellow('warning') : c.blue('info'),
      m.message.replace(/\s*\r?\n\s*/g, ' ').replace(/([^ ])\.$/, '$1'),
      c.dim(m.ruleId),
    ]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => stripAnsi(r[i] as string).length)));
    for (const row of rows) {
      const cells = row.map((cell, i) => (i < 3 ? cell + ' '.repeat((widths[i] ?? 0) - stripAnsi(cell).length) : cell));
      lines.push(`  ${cells.join('  ')}`.replace(/\s+$/, ''));
    }
  }
  const t = totals(results);
  const problems = t.errors + t.warnings + t.infos;
  if (problems === 0) return '';
  lines.push('');
  const counts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos > 0) counts.push(`${t.infos} info`);
  const summary = `${t.errors + t.warnings > 0 ? '\u2716' : '\u2139'} ${plural(problems, 'problem')} (${counts.join(', ')})`;
  const color = t.errors > 0 ? c.red : t.warnings > 0 ? c.yellow : c.blue;
  lines.push(color(c.bold(summary)));
  if (t.fixableErrors + t.fixableWarnings > 0) {
    lines.push(
      color(c.bold(`  ${plural(t.fixableErrors, 'error')} and ${plural(t.fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`)),
    );
  }
  return lines.join('\n') + '\n\n';
};

export default stylish;
