import type { Formatter } from '../types.js';
import { displayWidth, palette } from '../colors.js';
import { displayPath, plural, severityLabel, totals } from './util.js';

/** ESLint's default format: problems grouped by file, aligned columns, a summary. */
const stylish: Formatter = (results, context) => {
  const c = palette(context.color);
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    lines.push('', c.underline(displayPath(result.filePath, context.cwd)));
    const rows = result.messages.map((m) => [
      c.dim(`${m.range.start.line}:${m.range.start.column}`),
      (m.severity === 'error' ? c.red : m.severity === 'warning' ? c.yellow : c.blue)(severityLabel(m.severity, context.locale)),
      m.message.replace(/\s*\r?\n\s*/g, ' ').replace(/([^ ])\.$/, '$1'),
      c.dim(m.ruleId),
    ]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => displayWidth(r[i] as string))));
    for (const row of rows) {
      const cells = row.map((cell, i) => (i < 3 ? cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)) : cell));
      lines.push(`  ${cells.join('  ')}`.replace(/\s+$/, ''));
    }
  }
  const t = totals(results);
  const problems = t.errors + t.warnings + t.infos;
  if (problems === 0) return '';
  lines.push('');
  const ja = context.locale === 'ja';
  const counts = ja ? [`エラー${t.errors}件`, `警告${t.warnings}件`] : [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos > 0) counts.push(ja ? `情報${t.infos}件` : `${t.infos} info`);
  const mark = t.errors + t.warnings > 0 ? '\u2716' : '\u2139';
  const summary = ja ? `${mark} ${problems}件の問題（${counts.join('、')}）` : `${mark} ${plural(problems, 'problem')} (${counts.join(', ')})`;
  const color = t.errors > 0 ? c.red : t.warnings > 0 ? c.yellow : c.blue;
  lines.push(color(c.bold(summary)));
  if (t.fixableErrors + t.fixableWarnings > 0) {
    const fixable = ja
      ? `  エラー${t.fixableErrors}件、警告${t.fixableWarnings}件は「--fix」オプションで修正できる可能性があります。`
      : `  ${plural(t.fixableErrors, 'error')} and ${plural(t.fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`;
    lines.push(color(c.bold(fixable)));
  }
  return lines.join('\n') + '\n\n';
};

export default stylish;
