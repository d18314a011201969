/**
 * The HTML report: one standalone page (inline CSS, no scripts, no external assets) for an editor before
 * publication. Each file's part is a list of sections (`FILE_SECTIONS`), each a function of the file's view
 * (html/view.ts): to add one, write a FileSection and put it in the list.
 */
import type { CliResult, FormatContext, Formatter } from '../types.js';
import { findingsSection, groupFindings } from './html/findings.js';
import { escapeHtml } from './html/markup.js';
import { LINK_CSS, planComparisonSection, renderYearOverview } from './html/link.js';
import { buildMatrix, matrixCounts, matrixSection } from './html/matrix.js';
import { CSS } from './html/style.js';
import type { FileSection, FileView } from './html/view.js';
import { displayPath, plural, totals } from './util.js';

/** The file's title, path, kind and size. */
const headingSection: FileSection = ({ name, document }) => {
  if (!document) return `<h2>${escapeHtml(name)}</h2>`;
  const kind = document.kind === 'plan' ? 'Basic Plan' : 'Implementation-status report';
  const fy = document.fiscalYear !== null ? `, FY${document.fiscalYear}` : '';
  return [
    `<h2>${escapeHtml(document.frontMatter?.title ?? name)}</h2>`,
    `<p class="meta">${escapeHtml(name)} \u00b7 ${kind}${fy} \u00b7 ${plural(document.sections.length, 'section')}, ${plural(document.measures().length, 'measure')}</p>`,
  ].join('\n');
};

/** The counts of findings, and of what the matrix shows (linked to it, and said not to be findings). */
const totalsSection: FileSection = (view) => {
  const t = totals([view.result]);
  const card = (cls: string, key: string, n: number, label: string): string =>
    `<li class="${cls}"><span class="n" data-total="${key}">${n}</span><span class="label">${label}</span></li>`;
  const out = [
    '<ul class="totals">',
    card('errors', 'errors', t.errors, 'errors'),
    card('warnings', 'warnings', t.warnings, 'warnings'),
    card('infos', 'infos', t.infos, 'notes'),
    card('fixable', 'fixable', t.fixableErrors + t.fixableWarnings, 'fixable'),
    card('suppressed', 'suppressed', t.suppressed, 'suppressed'),
  ];
  const { matrix } = view;
  if (!matrix?.isReport) return [...out, '</ul>'].join('\n');
  const counts = matrixCounts(matrix);
  const toMatrix = `#${escapeHtml(view.anchor('matrix'))}`;
  out.push(
    `<li class="unreported matrix-count"><a href="${toMatrix}"><span class="n${counts.unreportedMeasures > 0 ? ' some' : ''}" data-total="unreported-measures">${counts.unreportedMeasures}</span><span class="label">measures nobody responsible reported on</span></a></li>`,
    `<li class="by-another-count matrix-count"><a href="${toMatrix}"><span class="n" data-total="by-another">${counts.byAnother}</span><span class="label">reported by another ministry</span></a></li>`,
    '</ul>',
    `<p class="meta">The last two count what the <a href="${toMatrix}">matrix</a> shows; they are not findings: ` +
      `${plural(counts.unreportedMeasures, 'measure')} where no responsible ministry reported (\u201cmissing\u201d, ${plural(counts.missing, 'cell')}), and ` +
      `${plural(counts.byAnother, 'responsible ministry', 'responsible ministries')} without an entry of its own on a measure another responsible ministry reported on (\u201cby another\u201d).</p>`,
  );
  return out.join('\n');
};

/** The sections of one file's part of the report, in order. */
const FILE_SECTIONS: readonly FileSection[] = [headingSection, totalsSection, findingsSection, matrixSection, planComparisonSection];

function renderFile(result: CliResult, index: number, context: FormatContext): string {
  const name = displayPath(result.filePath, context.cwd);
  const document = result.document;
  const view: FileView = {
    result,
    context,
    name,
    findings: groupFindings(result),
    // (The registry named as the document names bodies: Japanese names in a Japanese draft.)
    ...(document ? { document, matrix: buildMatrix(document, result.registry?.inLanguage(document.profile.registryNames)) } : {}),
    anchor: (kind, id) => `f${index + 1}-${kind}${id !== undefined ? `-${id}` : ''}`,
  };
  return [`<section class="file" data-file="${escapeHtml(name)}">`, ...FILE_SECTIONS.map((section) => section(view)).filter((s) => s !== ''), '</section>'].join('\n');
}

const html: Formatter = (results, context) => {
  const t = totals(results);
  const heading = results.length === 1 ? (results[0]?.document?.frontMatter?.title ?? displayPath(results[0]?.filePath ?? '', context.cwd)) : `${plural(results.length, 'draft')}`;
  const summary =
    t.errors + t.warnings + t.infos === 0
      ? 'No problems found'
      : `${plural(t.errors + t.warnings + t.infos, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${t.infos} info)`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>plan-lint report: ${escapeHtml(heading)}</title>`,
    `<style>${CSS}${LINK_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="page">',
    `<h1>plan-lint report: ${escapeHtml(heading)}</h1>`,
    `<p id="summary" data-errors="${t.errors}" data-warnings="${t.warnings}" data-infos="${t.infos}">${escapeHtml(summary)} in ${plural(t.files, 'file')}</p>`,
    '</header>',
    '<main>',
    ...results.map((r, i) => renderFile(r, i, context)),
    renderYearOverview(results, context),
    '</main>',
    `<footer>Generated by plan-lint ${escapeHtml(context.version)} on ${context.now.toISOString().slice(0, 10)}.</footer>`,
    '</body>',
    '</html>',
  ].join('\n') + '\n';
};

export default html;
