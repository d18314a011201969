import type { Block, LintMessage, Measure, PlanDocument, Registry, TagName } from '@plan-lint/core';
import type { CliResult, FormatContext, Formatter } from '../types.js';
import { displayPath, plural, sectionOfMeasureId, totals } from './util.js';

/** Escape for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root { color-scheme: light; --err: #b3261e; --warn: #8a5a00; --info: #1d4f91; --ok: #1e6b34; --line: #d8dbe0; --muted: #5f6670; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans JP", sans-serif; margin: 0; color: #1d2024; background: #f6f7f9; }
header.page { background: #1f2d3d; color: #fff; padding: 20px 32px; }
header.page h1 { margin: 0 0 4px; font-size: 22px; }
header.page p { margin: 0; color: #c9d3de; font-size: 13px; }
main { padding: 16px 32px 48px; max-width: 1500px; }
section.file { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 24px; margin: 16px 0 28px; }
h2 { font-size: 19px; margin: 4px 0 12px; }
h3 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h4 { font-size: 14px; margin: 14px 0 4px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 16px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; min-width: 110px; background: #fafbfc; }
.totals .n { display: block; font-size: 22px; font-weight: 700; }
.totals .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.totals .errors .n, .totals .missing .n { color: var(--err); } .totals .warnings .n { color: var(--warn); } .totals .infos .n { color: var(--info); }
.clean { color: var(--ok); font-weight: 600; }
ul.findings { list-style: none; margin: 0 0 8px; padding: 0; }
ul.findings li { display: grid; grid-template-columns: 70px 72px 1fr auto; gap: 10px; padding: 4px 6px; border-bottom: 1px solid #eef0f3; align-items: baseline; }
.loc { white-space: nowrap; font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 13px; color: var(--muted); }
.sev { font-size: 11px; font-weight: 700; text-transform: uppercase; border-radius: 4px; padding: 1px 6px; text-align: center; }
.sev.error { background: #fbe9e7; color: var(--err); } .sev.warning { background: #fff4d6; color: var(--warn); } .sev.info { background: #e7f0fb; color: var(--info); }
.rule { font-family: ui-monospace, Menlo, monospace; font-size: 12px; }
.rule a { color: var(--info); }
.msg .fixable { font-size: 11px; color: var(--ok); margin-left: 6px; }
table.matrix { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 3px 6px; }
table.matrix thead th { background: #eef1f5; position: sticky; top: 0; font-size: 12px; }
table.matrix th.measure { text-align: left; font-weight: normal; max-width: 520px; }
table.matrix th.measure .id { font-family: ui-monospace, Menlo, monospace; font-weight: 600; margin-right: 4px; }
table.matrix tr.section th { background: #f3f5f8; text-align: left; font-weight: 600; }
table.matrix td { text-align: center; min-width: 58px; white-space: nowrap; }
td.responsible-reported { background: #e3f3e7; color: var(--ok); }
td.missing { background: #fbe3e0; color: var(--err); font-weight: 700; }
td.reported-only { background: #eef3fb; color: var(--info); }
td.responsible { background: #f1f4f8; color: #1d2024; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin: 4px 0 8px; }
.legend span.swatch { display: inline-block; padding: 0 6px; border-radius: 3px; margin-right: 4px; }
.matrix-wrap { overflow-x: auto; }
footer { color: var(--muted); font-size: 12px; padding: 0 32px 24px; }
@media print { body { background: #fff; } header.page { background: #fff; color: #000; border-bottom: 2px solid #000; } header.page p { color: #333; } section.file { border: none; padding: 0; } }
`;

interface Column {
  key: string;
  label: string;
  title: string;
  order: number;
}

type CellState = 'responsible-reported' | 'missing' | 'reported-only' | 'responsible';

/** Resolve one tag name to a ministry column, or undefined for "other related bodies". */
function columnOf(name: TagName, registry: Registry | undefined, legend: Map<string, string>): Column | undefined {
  if (name.form === 'other-related') return undefined;
  const abbreviation = name.form === 'definition' ? name.abbreviation?.text : name.form === 'abbreviation' ? name.text : undefined;
  const fullName = name.form === 'definition' ? name.fullName?.text : name.form === 'full-name' ? name.text : undefined;
  if (registry) {
    let body = abbreviation ? registry.byAbbreviation(abbreviation) : undefined;
    if (!body && abbreviation && legend.has(abbreviation)) body = registry.byName(legend.get(abbreviation) as string);
    if (!body && fullName) body = registry.byName(fullName);
    if (body) {
      return {
        key: body.id,
        label: body.abbreviations[0] ?? body.name,
        title: body.name,
        order: registry.bodies.indexOf(body),
      };
    }
  }
  const text = (abbreviation ?? fullName ?? name.text).trim();
  if (text === '') return undefined;
  return { key: `text:${text.toLowerCase()}`, label: text, title: legend.get(text) ?? text, order: Number.MAX_SAFE_INTEGER };
}

interface Matrix {
  columns: Column[];
  rows: { measure: Measure; cells: Map<string, CellState> }[];
}

function buildMatrix(document: PlanDocument, registry: Registry | undefined): Matrix {
  const legend = new Map((document.legend?.entries ?? []).map((e) => [e.abbreviation, e.name]));
  const columns = new Map<string, Column>();
  const rows: Matrix['rows'] = [];
  const isReport = document.kind === 'status-report';
  for (const measure of document.measures()) {
    const responsible = new Set<string>();
    const reported = new Set<string>();
    for (const block of measure.blocks as Block[]) {
      if (!block.tag) continue;
      const target = block.kind === 'planned-action' ? responsible : block.kind === 'status-entry' || block.kind === 'repeat-mention' ? reported : undefined;
      if (!target) continue;
      for (const name of block.tag.names) {
        const column = columnOf(name, registry, legend);
        if (!column) continue;
        if (!columns.has(column.key)) {
          // Names the registry does not know come after the known ones, in order of first appearance.
          if (column.order === Number.MAX_SAFE_INTEGER) column.order = 1_000_000 + columns.size;
          columns.set(column.key, column);
        }
        target.add(column.key);
      }
    }
    const cells = new Map<string, CellState>();
    for (const key of new Set([...responsible, ...reported])) {
      if (responsible.has(key) && reported.has(key)) cells.set(key, 'responsible-reported');
      else if (responsible.has(key)) cells.set(key, isReport ? 'missing' : 'responsible');
      else cells.set(key, 'reported-only');
    }
    rows.push({ measure, cells });
  }
  const sorted = [...columns.values()].sort((a, b) => a.order - b.order);
  return { columns: sorted, rows };
}

const CELL_TEXT: Record<CellState, string> = {
  'responsible-reported': '\u2713 reported',
  missing: 'missing',
  'reported-only': 'reported',
  responsible: 'responsible',
};

const CELL_TITLE: Record<CellState, string> = {
  'responsible-reported': 'responsible (named in a planned action) and reported (has a status entry or repeat mention)',
  missing: 'responsible (named in a planned action) but nothing reported',
  'reported-only': 'reported, but not named as responsible in a planned action',
  responsible: 'responsible (named in a planned action)',
};

function renderMatrix(document: PlanDocument, matrix: Matrix): string {
  if (matrix.rows.length === 0) return '<p class="meta">No measures found: the draft has no "(i) ..." headings under numbered sections.</p>';
  if (matrix.columns.length === 0) return '<p class="meta">No ministry is named in a responsibility tag.</p>';
  const out: string[] = [];
  const isReport = document.kind === 'status-report';
  out.push('<div class="legend">');
  if (isReport) {
    out.push(`<span><span class="swatch responsible-reported" style="background:#e3f3e7">\u2713 reported</span>responsible and reported</span>`);
    out.push(`<span><span class="swatch" style="background:#fbe3e0">missing</span>responsible, nothing reported</span>`);
    out.push(`<span><span class="swatch" style="background:#eef3fb">reported</span>reported without being named responsible</span>`);
  } else {
    out.push(`<span><span class="swatch" style="background:#f1f4f8">responsible</span>named in a planned action</span>`);
  }
  out.push('</div>');
  out.push('<div class="matrix-wrap"><table class="matrix">');
  out.push('<thead><tr><th scope="col">Measure</th>');
  for (const c of matrix.columns) out.push(`<th scope="col" title="${escapeHtml(c.title)}" data-ministry="${escapeHtml(c.label)}">${escapeHtml(c.label)}</th>`);
  out.push('</tr></thead><tbody>');
  let currentSection: number | undefined;
  const sections = new Map(document.sections.map((s) => [s.number, s]));
  for (const row of matrix.rows) {
    if (row.measure.sectionNumber !== currentSection) {
      currentSection = row.measure.sectionNumber;
      const section = sections.get(currentSection);
      out.push(
        `<tr class="section"><th colspan="${matrix.columns.length + 1}" scope="rowgroup">${escapeHtml(`${currentSection}. ${section?.title ?? ''}`)}</th></tr>`,
      );
    }
    const label = `${row.measure.sectionNumber}-(${row.measure.numeral})`;
    out.push(
      `<tr data-measure="${escapeHtml(row.measure.id)}"><th scope="row" class="measure"><span class="id">${escapeHtml(label)}</span>${escapeHtml(row.measure.title)}</th>`,
    );
    for (const c of matrix.columns) {
      const state = row.cells.get(c.key);
      if (!state) out.push('<td></td>');
      else out.push(`<td class="${state}" data-status="${state}" title="${escapeHtml(`${c.label}: ${CELL_TITLE[state]}`)}">${CELL_TEXT[state]}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table></div>');
  return out.join('\n');
}

function renderMessage(m: LintMessage, context: FormatContext): string {
  const where = `${m.range.start.line}:${m.range.start.column}`;
  const fixable = m.fix ? '<span class="fixable">fixable</span>' : '';
  return (
    `<li data-rule="${escapeHtml(m.ruleId)}" data-severity="${m.severity}" data-line="${m.range.start.line}"><span class="loc" title="line ${m.range.start.line}, column ${m.range.start.column}">${where}</span>` +
    `<span class="sev ${m.severity}">${m.severity}</span><span class="msg">${escapeHtml(m.message)}${fixable}</span>` +
    `<span class="rule"><a href="${escapeHtml(context.ruleUrl(m.ruleId))}">${escapeHtml(m.ruleId)}</a></span></li>`
  );
}

/** Group a file's messages: document-level first, then by section and measure in document order. */
function renderFindings(result: CliResult, context: FormatContext): string {
  const document = result.document;
  if (result.messages.length === 0) return '<p class="clean">No problems found.</p>';
  if (!document) {
    // A result without its plan model (an API caller's): the findings in order, not grouped.
    return ['<h3>Whole document</h3><ul class="findings">', ...result.messages.map((m) => renderMessage(m, context)), '</ul>'].join('\n');
  }
  const byMeasure = new Map<string, LintMessage[]>();
  const bySectionPreamble = new Map<number, LintMessage[]>();
  const documentLevel: LintMessage[] = [];
  const measures = document.measures();
  const measureIds = new Set(measures.map((m) => m.id));
  const sectionAt = (line: number): number | undefined =>
    document.sections.find((s) => s.range.start.line <= line && line <= s.range.end.line)?.number;
  for (const m of result.messages) {
    let measureId = m.measureId && measureIds.has(m.measureId) ? m.measureId : undefined;
    if (!measureId) {
      measureId = measures.find((x) => x.range.start.line <= m.range.start.line && m.range.start.line <= x.range.end.line)?.id;
    }
    if (measureId) {
      byMeasure.set(measureId, [...(byMeasure.get(measureId) ?? []), m]);
      continue;
    }
    const section = sectionOfMeasureId(m.measureId) ?? sectionAt(m.range.start.line);
    if (section !== undefined && document.sections.some((s) => s.number === section)) {
      bySectionPreamble.set(section, [...(bySectionPreamble.get(section) ?? []), m]);
    } else {
      documentLevel.push(m);
    }
  }
  const out: string[] = [];
  if (documentLevel.length > 0) {
    out.push('<h3>Whole document</h3><ul class="findings">', ...documentLevel.map((m) => renderMessage(m, context)), '</ul>');
  }
  for (const section of document.sections) {
    const preamble = bySectionPreamble.get(section.number) ?? [];
    const sectionMeasures = section.measures.filter((m) => byMeasure.has(m.id));
    if (preamble.length === 0 && sectionMeasures.length === 0) continue;
    out.push(`<h3>${escapeHtml(`${section.numberText || section.number}. ${section.title}`)}</h3>`);
    if (preamble.length > 0) out.push('<ul class="findings">', ...preamble.map((m) => renderMessage(m, context)), '</ul>');
    for (const measure of sectionMeasures) {
      const messages = byMeasure.get(measure.id) ?? [];
      out.push(
        `<h4 id="m-${escapeHtml(measure.id)}">${escapeHtml(`${measure.sectionNumber}-(${measure.numeral}) ${measure.title}`)} <span class="meta">(line ${measure.heading.start.line})</span></h4>`,
        '<ul class="findings">',
        ...messages.map((m) => renderMessage(m, context)),
        '</ul>',
      );
    }
  }
  return out.join('\n');
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

function renderFile(result: CliResult, context: FormatContext): string {
  const document = result.document;
  const name = displayPath(result.filePath, context.cwd);
  const t = totals([result]);
  const totalsList = [
    `<li class="errors"><span class="n" data-total="errors">${t.errors}</span><span class="label">errors</span></li>`,
    `<li class="warnings"><span class="n" data-total="warnings">${t.warnings}</span><span class="label">warnings</span></li>`,
    `<li class="infos"><span class="n" data-total="infos">${t.infos}</span><span class="label">notes</span></li>`,
    `<li class="fixable"><span class="n" data-total="fixable">${t.fixableErrors + t.fixableWarnings}</span><span class="label">fixable</span></li>`,
    `<li class="suppressed"><span class="n" data-total="suppressed">${t.suppressed}</span><span class="label">suppressed</span></li>`,
  ];
  if (!document) {
    return [`<section class="file" data-file="${escapeHtml(name)}">`, `<h2>${escapeHtml(name)}</h2>`, '<ul class="totals">', ...totalsList, '</ul>', '<h3>Findings</h3>', renderFindings(result, context), '</section>'].join('\n');
  }
  const title = document.frontMatter?.title;
  const kind = document.kind === 'plan' ? 'Basic Plan' : 'Implementation-status report';
  const fy = document.fiscalYear !== null ? `, FY${document.fiscalYear}` : '';
  const measures = document.measures().length;
  const matrix = buildMatrix(document, result.registry?.inLanguage(document.profile.registryNames));
  const missing = matrix.rows.reduce((n, row) => n + [...row.cells.values()].filter((c) => c === 'missing').length, 0);
  return [
    `<section class="file" data-file="${escapeHtml(name)}">`,
    `<h2>${escapeHtml(title ?? name)}</h2>`,
    `<p class="meta">${escapeHtml(name)} \u00b7 ${kind}${fy} \u00b7 ${plural(document.sections.length, 'section')}, ${plural(measures, 'measure')}</p>`,
    '<ul class="totals">',
    ...totalsList,
    document.kind === 'status-report'
      ? `<li class="missing"><span class="n" data-total="missing">${missing}</span><span class="label">missing reports</span></li>`
      : '',
    '</ul>',
    '<h3>Findings</h3>',
    renderFindings(result, context),
    `<h3 id="matrix-${escapeHtml(slug(name))}">Responsibility and reporting by measure</h3>`,
    renderMatrix(document, matrix),
    '</section>',
  ].join('\n');
}

/** One standalone HTML page (inline CSS, no scripts, no external assets) for an editor before publication. */
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
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="page">',
    `<h1>plan-lint report: ${escapeHtml(heading)}</h1>`,
    `<p id="summary" data-errors="${t.errors}" data-warnings="${t.warnings}" data-infos="${t.infos}">${escapeHtml(summary)} in ${plural(t.files, 'file')}</p>`,
    '</header>',
    '<main>',
    ...results.map((r) => renderFile(r, context)),
    '</main>',
    `<footer>Generated by plan-lint ${escapeHtml(context.version)} on ${context.now.toISOString().slice(0, 10)}.</footer>`,
    '</body>',
    '</html>',
  ].join('\n') + '\n';
};

export default html;
