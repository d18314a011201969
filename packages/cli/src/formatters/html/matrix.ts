/**
 * The measure × ministry matrix: for each measure (row) and each ministry named in its tags (column), whether
 * the ministry is responsible (named in a planned action) and whether it reported (a status entry or repeat
 * mention tagged with it). In a report, a responsible ministry without an entry of its own is told apart by
 * whether another responsible ministry reported on the measure (one entry often covers a joint activity) or
 * nobody responsible did.
 */
import { measureIdLabel, sayIn, type Block, type LanguageProfile, type Locale, type Measure, type PlanDocument, type Registry, type TagName } from '@plan-lint/core';
import { plural } from '../util.js';
import { escapeHtml } from './markup.js';
import type { FileView } from './view.js';

interface Column {
  key: string;
  label: string;
  title: string;
  order: number;
}

type CellState = 'responsible-reported' | 'by-another' | 'missing' | 'reported-only' | 'responsible';

interface Row {
  measure: Measure;
  cells: Map<string, CellState>;
  /** Labels of the responsible ministries that reported (for the titles of 'by-another' cells). */
  reporters: string[];
  /** A report's measure with responsible ministries, none of which reported. */
  unreported: boolean;
}

export interface Matrix {
  isReport: boolean;
  columns: Column[];
  rows: Row[];
}

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

function cellState(key: string, responsible: Set<string>, reported: Set<string>, isReport: boolean, anyResponsibleReported: boolean): CellState {
  if (!responsible.has(key)) return 'reported-only';
  if (reported.has(key)) return 'responsible-reported';
  if (!isReport) return 'responsible';
  return anyResponsibleReported ? 'by-another' : 'missing';
}

export function buildMatrix(document: PlanDocument, registry: Registry | undefined): Matrix {
  const legend = new Map((document.legend?.entries ?? []).map((e) => [e.abbreviation, e.name]));
  const columns = new Map<string, Column>();
  const rows: Row[] = [];
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
    const reporterKeys = [...responsible].filter((key) => reported.has(key));
    const cells = new Map<string, CellState>();
    for (const key of new Set([...responsible, ...reported])) cells.set(key, cellState(key, responsible, reported, isReport, reporterKeys.length > 0));
    rows.push({
      measure,
      cells,
      reporters: reporterKeys.map((key) => columns.get(key)?.label ?? key),
      unreported: isReport && responsible.size > 0 && reporterKeys.length === 0,
    });
  }
  const sorted = [...columns.values()].sort((a, b) => a.order - b.order);
  return { isReport, columns: sorted, rows };
}

/** How many cells are in a state, and how many measures nobody responsible reported on. */
export function matrixCounts(matrix: Matrix): { byAnother: number; missing: number; unreportedMeasures: number } {
  let byAnother = 0;
  let missing = 0;
  for (const row of matrix.rows)
    for (const state of row.cells.values()) {
      if (state === 'by-another') byAnother++;
      else if (state === 'missing') missing++;
    }
  return { byAnother, missing, unreportedMeasures: matrix.rows.filter((r) => r.unreported).length };
}

const CELL_TEXT: Record<Locale, Record<CellState, string>> = {
  en: {
    'responsible-reported': '\u2713 reported',
    'by-another': 'by another',
    missing: 'missing',
    'reported-only': 'reported',
    responsible: 'responsible',
  },
  ja: {
    'responsible-reported': '\u2713 報告あり',
    'by-another': '他府省庁が報告',
    missing: '未報告',
    'reported-only': '報告のみ',
    responsible: '担当',
  },
};

function cellTitle(state: CellState, column: Column, row: Row, locale: Locale): string {
  const say = sayIn(locale);
  switch (state) {
    case 'responsible-reported':
      return say(
        `${column.label}: responsible (named in a planned action) and reported (a status entry or repeat mention of its own)`,
        `${column.label}：担当（取組に記載）で、自らの取組状況又は再掲の記載あり`,
      );
    case 'by-another':
      return say(
        `${column.label}: responsible, no entry of its own; ${row.reporters.join(', ')} reported on this measure`,
        `${column.label}：担当だが自らの記載なし。この施策は${row.reporters.join('、')}が報告`,
      );
    case 'missing':
      return say(
        `${column.label}: responsible, and no responsible ministry reported on this measure`,
        `${column.label}：担当で、この施策について担当府省庁のいずれも報告していません`,
      );
    case 'reported-only':
      return say(
        `${column.label}: reported, but not named responsible in a planned action of this measure`,
        `${column.label}：報告しているが、この施策の取組では担当とされていません`,
      );
    case 'responsible':
      return say(`${column.label}: responsible (named in a planned action)`, `${column.label}：担当（取組に記載）`);
  }
}

const EXPLANATION_JA = [
  '<dl class="explain">',
  '<dt>集計の内容</dt><dd> 各行が施策、各列が【】に記載された府省庁です。施策の取組に記載された府省庁を<em>担当</em>とし、その施策の取組状況又は再掲の【】に記載された府省庁を<em>報告あり</em>とします。</dd>',
  '<dt><span class="swatch responsible-reported">\u2713 報告あり</span></dt><dd> 担当で、自らの記載があります。</dd>',
  '<dt><span class="swatch by-another">他府省庁が報告</span></dt><dd> 担当で自らの記載はないものの、他の担当府省庁がその施策について報告しています（複数府省庁が共同で行う取組を一つの記載で報告する場合など）。指摘ではありません。「status-coverage」は、担当府省庁のいずれかが報告した取組を報告済みとみなします（府省庁ごとに確認するにはオプション「perMinistry」を使います）。</dd>',
  '<dt><span class="swatch missing">未報告</span></dt><dd> 担当で、その施策について担当府省庁のいずれも報告していません（行が赤で示されます）。「status-coverage」がこのような取組を指摘します。</dd>',
  '<dt><span class="swatch reported-only">報告のみ</span></dt><dd> その施策の担当とされていない府省庁の記載です（「ministry-not-responsible」が指摘します）。</dd>',
  '<dt>リンク</dt><dd> 指摘のある施策からはその指摘へ（「指摘N件」）、各指摘の施策からは対応表の行へ移動できます。</dd>',
  '</dl>',
].join('\n');

/** What the matrix counts, in words, above it. */
function explanation(matrix: Matrix, locale: Locale): string {
  if (!matrix.isReport) {
    return sayIn(locale)(
      '<p class="explain">Each row is a measure, each column a ministry named in its tags; <span class="swatch responsible">responsible</span> marks the ministries a planned action of the measure names.</p>',
      '<p class="explain">各行が施策、各列が【】に記載された府省庁です。<span class="swatch responsible">担当</span>は、その施策の取組に記載された府省庁を示します。</p>',
    );
  }
  if (locale === 'ja') return EXPLANATION_JA;
  return [
    '<dl class="explain">',
    '<dt>What it counts.</dt><dd> Each row is a measure, each column a ministry named in its tags. A ministry is <em>responsible</em> when a planned action of the measure names it, and has <em>reported</em> when a status entry or repeat mention of the measure is tagged with it.</dd>',
    '<dt><span class="swatch responsible-reported">\u2713 reported</span></dt><dd> responsible, with an entry of its own.</dd>',
    '<dt><span class="swatch by-another">by another</span></dt><dd> responsible, no entry of its own, but another responsible ministry reported on the measure \u2014 often one entry for a joint activity (a conference several ministries convene). Not a finding: status-coverage counts a planned action as reported when one of its responsible ministries reported (its <code>perMinistry</code> option reports each ministry).</dd>',
    '<dt><span class="swatch missing">missing</span></dt><dd> responsible, and nobody responsible reported on the measure (the row is marked red); status-coverage reports such planned actions as findings.</dd>',
    '<dt><span class="swatch reported-only">reported</span></dt><dd> an entry by a ministry the measure does not name responsible (ministry-not-responsible reports it).</dd>',
    '<dt>Links.</dt><dd> A measure with findings links to them (\u201cN findings\u201d); each finding\u2019s measure links back to its row.</dd>',
    '</dl>',
  ].join('\n');
}

function rowHeader(view: FileView, row: Row, profile: LanguageProfile): string {
  const say = sayIn(view.context.locale);
  const label = measureIdLabel(row.measure, profile, view.context.locale);
  const findings = view.findings.byMeasure.get(row.measure.id) ?? [];
  const severe = findings.some((m) => m.severity === 'error' || m.severity === 'warning');
  const link =
    findings.length > 0
      ? `<a class="findings-link${severe ? '' : ' quiet'}" href="#${escapeHtml(view.anchor('m', row.measure.id))}">${say(plural(findings.length, 'finding'), `指摘${findings.length}件`)}</a>`
      : '';
  return `<th scope="row" class="measure"><span class="id">${escapeHtml(label)}</span>${escapeHtml(row.measure.title)}${link}</th>`;
}

/** "Responsibility and reporting by measure": the explanation and the matrix. */
export function matrixSection(view: FileView): string {
  const { matrix, document } = view;
  if (!matrix || !document) return '';
  const { locale } = view.context;
  const say = sayIn(locale);
  const out = [`<h3 id="${escapeHtml(view.anchor('matrix'))}">${say('Responsibility and reporting by measure', '施策ごとの担当と報告の対応表')}</h3>`];
  if (matrix.rows.length === 0)
    return [
      ...out,
      say(
        '<p class="meta">No measures found: the draft has no "(i) ..." headings under numbered sections.</p>',
        '<p class="meta">施策が見つかりません。番号付きの節の下に「（１）…」の見出しがありません。</p>',
      ),
    ].join('\n');
  if (matrix.columns.length === 0)
    return [...out, say('<p class="meta">No ministry is named in a responsibility tag.</p>', '<p class="meta">【】に府省庁が記載されていません。</p>')].join('\n');
  out.push(explanation(matrix, locale), '<table class="matrix">', `<thead><tr><th scope="col">${say('Measure', '施策')}</th>`);
  for (const c of matrix.columns) out.push(`<th scope="col" title="${escapeHtml(c.title)}" data-ministry="${escapeHtml(c.label)}">${escapeHtml(c.label)}</th>`);
  out.push('</tr></thead><tbody>');
  let currentSection: number | undefined;
  const sections = new Map(document.sections.map((s) => [s.number, s]));
  for (const row of matrix.rows) {
    if (row.measure.sectionNumber !== currentSection) {
      currentSection = row.measure.sectionNumber;
      const section = sections.get(currentSection);
      out.push(`<tr class="section"><th colspan="${matrix.columns.length + 1}" scope="rowgroup">${escapeHtml(`${currentSection}${say('. ', ' ')}${section?.title ?? ''}`)}</th></tr>`);
    }
    out.push(
      `<tr id="${escapeHtml(view.anchor('row', row.measure.id))}" data-measure="${escapeHtml(row.measure.id)}"${row.unreported ? ' class="unreported"' : ''}>${rowHeader(view, row, document.profile)}`,
    );
    for (const c of matrix.columns) {
      const state = row.cells.get(c.key);
      if (!state) out.push('<td></td>');
      else out.push(`<td class="${state}" data-status="${state}" title="${escapeHtml(cellTitle(state, c, row, locale))}">${CELL_TEXT[locale][state]}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('\n');
}
