/** The findings of one file, grouped where a drafter looks for them: the whole document, a section, a measure. */
import { measureIdLabel, sayIn, type LintMessage } from '@plan-lint/core';
import type { CliResult, FormatContext } from '../../types.js';
import { sectionOfMeasureId, severityLabel } from '../util.js';
import { escapeHtml } from './markup.js';
import type { FileView } from './view.js';

export interface FindingGroups {
  /** Not in any section (front matter, the legend, the document as a whole). */
  documentLevel: LintMessage[];
  /** In a section before its first measure, by section number. */
  bySectionPreamble: Map<number, LintMessage[]>;
  /** In a measure, by measure id. */
  byMeasure: Map<string, LintMessage[]>;
}

function push<K>(map: Map<K, LintMessage[]>, key: K, message: LintMessage): void {
  const list = map.get(key);
  if (list) list.push(message);
  else map.set(key, [message]);
}

/** Groups a file's messages by the measure (or section) they name or lie in; everything without a model is document-level. */
export function groupFindings(result: CliResult): FindingGroups {
  const groups: FindingGroups = { documentLevel: [], bySectionPreamble: new Map(), byMeasure: new Map() };
  const document = result.document;
  if (!document) {
    groups.documentLevel.push(...result.messages);
    return groups;
  }
  const measures = document.measures();
  const measureIds = new Set(measures.map((m) => m.id));
  const sectionAt = (line: number): number | undefined =>
    document.sections.find((s) => s.range.start.line <= line && line <= s.range.end.line)?.number;
  for (const m of result.messages) {
    const line = m.range.start.line;
    const measureId =
      m.measureId && measureIds.has(m.measureId) ? m.measureId : measures.find((x) => x.range.start.line <= line && line <= x.range.end.line)?.id;
    if (measureId) {
      push(groups.byMeasure, measureId, m);
      continue;
    }
    const section = sectionOfMeasureId(m.measureId) ?? sectionAt(line);
    if (section !== undefined && document.sections.some((s) => s.number === section)) push(groups.bySectionPreamble, section, m);
    else groups.documentLevel.push(m);
  }
  return groups;
}

function renderMessage(m: LintMessage, context: FormatContext): string {
  const say = sayIn(context.locale);
  const { line, column } = m.range.start;
  const fixable = m.fix ? `<span class="fixable">${say('fixable', '自動修正可')}</span>` : '';
  return (
    `<li data-rule="${escapeHtml(m.ruleId)}" data-severity="${m.severity}" data-line="${line}"><span class="loc" title="${say(`line ${line}, column ${column}`, `${line}行${column}列`)}">${line}:${column}</span>` +
    `<span class="sev ${m.severity}">${severityLabel(m.severity, context.locale)}</span><span class="msg">${escapeHtml(m.message)}${fixable}</span>` +
    `<span class="rule"><a href="${escapeHtml(context.ruleUrl(m.ruleId))}">${escapeHtml(m.ruleId)}</a></span></li>`
  );
}

function list(messages: readonly LintMessage[], context: FormatContext): string[] {
  return ['<ul class="findings">', ...messages.map((m) => renderMessage(m, context)), '</ul>'];
}

/** "Findings": document-level first, then by section and measure in document order; each measure links to its matrix row. */
export function findingsSection(view: FileView): string {
  const { result, context, findings } = view;
  const say = sayIn(context.locale);
  const out = [`<h3>${say('Findings', '指摘事項')}</h3>`];
  if (result.messages.length === 0) return [...out, `<p class="clean">${say('No problems found.', '問題は見つかりませんでした。')}</p>`].join('\n');
  if (findings.documentLevel.length > 0) out.push(`<h3>${say('Whole document', '文書全体')}</h3>`, ...list(findings.documentLevel, context));
  const { document } = result;
  if (!document) return out.join('\n');
  for (const section of document.sections) {
    const preamble = findings.bySectionPreamble.get(section.number) ?? [];
    const measures = section.measures.filter((m) => findings.byMeasure.has(m.id));
    if (preamble.length === 0 && measures.length === 0) continue;
    out.push(`<h3>${escapeHtml(`${section.numberText || section.number}${say('. ', ' ')}${section.title}`)}</h3>`);
    if (preamble.length > 0) out.push(...list(preamble, context));
    for (const measure of measures) {
      out.push(
        `<h4 id="${escapeHtml(view.anchor('m', measure.id))}">${escapeHtml(`${measureIdLabel(measure, document.profile, context.locale)} ${measure.title}`)} <span class="meta">${say(`(line ${measure.heading.start.line})`, `（${measure.heading.start.line}行）`)}</span>` +
          `<a class="to-row" href="#${escapeHtml(view.anchor('row', measure.id))}">${say('in the matrix', '対応表へ')}</a></h4>`,
        ...list(findings.byMeasure.get(measure.id) ?? [], context),
      );
    }
  }
  return out.join('\n');
}
