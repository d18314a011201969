/**
 * The HTML report: one standalone page (inline CSS, no scripts, no external assets) for an editor before
 * publication. Each file's part is a list of sections (`FILE_SECTIONS`), each a function of the file's view
 * (html/view.ts): to add one, write a FileSection and put it in the list.
 */
import { dateLabel, fiscalYearLabel, sayIn } from '@plan-lint/core';
import type { CliResult, FormatContext, Formatter } from '../types.js';
import { findingsSection, groupFindings } from './html/findings.js';
import { escapeHtml } from './html/markup.js';
import { LINK_CSS, planComparisonSection, renderYearOverview } from './html/link.js';
import { buildMatrix, matrixCounts, matrixSection } from './html/matrix.js';
import { CSS } from './html/style.js';
import type { FileSection, FileView } from './html/view.js';
import { displayPath, plural, totals } from './util.js';

/** The file's title, path, kind and size. */
const headingSection: FileSection = ({ name, document, context }) => {
  if (!document) return `<h2>${escapeHtml(name)}</h2>`;
  const say = sayIn(context.locale);
  const kind = document.kind === 'plan' ? say('Basic Plan', '基本計画') : say('Implementation-status report', '取組状況報告');
  const fy = document.fiscalYear !== null ? say(', ', '・') + fiscalYearLabel(document.fiscalYear, context.locale) : '';
  const size = say(
    `${plural(document.sections.length, 'section')}, ${plural(document.measures().length, 'measure')}`,
    `${document.sections.length}節、施策${document.measures().length}件`,
  );
  return [
    `<h2>${escapeHtml(document.frontMatter?.title ?? name)}</h2>`,
    `<p class="meta">${escapeHtml(name)} \u00b7 ${kind}${fy} \u00b7 ${size}</p>`,
  ].join('\n');
};

/** The counts of findings, and of what the matrix shows (linked to it, and said not to be findings). */
const totalsSection: FileSection = (view) => {
  const t = totals([view.result]);
  const say = sayIn(view.context.locale);
  const card = (cls: string, key: string, n: number, label: string): string =>
    `<li class="${cls}"><span class="n" data-total="${key}">${n}</span><span class="label">${label}</span></li>`;
  const out = [
    '<ul class="totals">',
    card('errors', 'errors', t.errors, say('errors', 'エラー')),
    card('warnings', 'warnings', t.warnings, say('warnings', '警告')),
    card('infos', 'infos', t.infos, say('notes', '情報')),
    card('fixable', 'fixable', t.fixableErrors + t.fixableWarnings, say('fixable', '自動修正可')),
    card('suppressed', 'suppressed', t.suppressed, say('suppressed', '抑止済み')),
  ];
  const { matrix } = view;
  if (!matrix?.isReport) return [...out, '</ul>'].join('\n');
  const counts = matrixCounts(matrix);
  const toMatrix = `#${escapeHtml(view.anchor('matrix'))}`;
  out.push(
    `<li class="unreported matrix-count"><a href="${toMatrix}"><span class="n${counts.unreportedMeasures > 0 ? ' some' : ''}" data-total="unreported-measures">${counts.unreportedMeasures}</span><span class="label">${say('measures nobody responsible reported on', '担当府省庁の報告がない施策')}</span></a></li>`,
    `<li class="by-another-count matrix-count"><a href="${toMatrix}"><span class="n" data-total="by-another">${counts.byAnother}</span><span class="label">${say('reported by another ministry', '他の担当府省庁が報告')}</span></a></li>`,
    '</ul>',
    say(
      `<p class="meta">The last two count what the <a href="${toMatrix}">matrix</a> shows; they are not findings: ` +
        `${plural(counts.unreportedMeasures, 'measure')} where no responsible ministry reported (\u201cmissing\u201d, ${plural(counts.missing, 'cell')}), and ` +
        `${plural(counts.byAnother, 'responsible ministry', 'responsible ministries')} without an entry of its own on a measure another responsible ministry reported on (\u201cby another\u201d).</p>`,
      `<p class="meta">最後の二つは<a href="${toMatrix}">対応表</a>の集計で、指摘ではありません。` +
        `担当府省庁のいずれも報告していない施策が${counts.unreportedMeasures}件（「未報告」、${counts.missing}欄）、` +
        `他の担当府省庁が報告した施策で自らの記載がない担当府省庁が${counts.byAnother}件（「他府省庁が報告」）です。</p>`,
    ),
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
  const say = sayIn(context.locale);
  const heading =
    results.length === 1
      ? (results[0]?.document?.frontMatter?.title ?? displayPath(results[0]?.filePath ?? '', context.cwd))
      : say(plural(results.length, 'draft'), `原稿${results.length}件`);
  const problems = t.errors + t.warnings + t.infos;
  const summary =
    problems === 0
      ? say('No problems found', '問題は見つかりませんでした')
      : say(
          `${plural(problems, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${t.infos} info)`,
          `${problems}件の問題（エラー${t.errors}件、警告${t.warnings}件、情報${t.infos}件）`,
        );
  const title = `${say('plan-lint report', 'plan-lint 検査結果')}: ${escapeHtml(heading)}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${context.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${CSS}${LINK_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="page">',
    `<h1>${title}</h1>`,
    `<p id="summary" data-errors="${t.errors}" data-warnings="${t.warnings}" data-infos="${t.infos}">${escapeHtml(say(`${summary} in ${plural(t.files, 'file')}`, `${t.files}ファイル中${summary}`))}</p>`,
    '</header>',
    '<main>',
    ...results.map((r, i) => renderFile(r, i, context)),
    renderYearOverview(results, context),
    '</main>',
    `<footer>${say(
      `Generated by plan-lint ${escapeHtml(context.version)} on ${context.now.toISOString().slice(0, 10)}.`,
      `plan-lint ${escapeHtml(context.version)} により${dateLabel(context.now.toISOString().slice(0, 10), 'ja')}に作成。`,
    )}</footer>`,
    '</body>',
    '</html>',
  ].join('\n') + '\n';
};

export default html;
