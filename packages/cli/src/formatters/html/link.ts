/**
 * The HTML report's sections across documents: a report against its plan (each measure matches, differs or is
 * missing, the word differences inline) and, given several fiscal years' reports of one plan, a measure × fiscal
 * year overview of who reported. Both read the models the run already has (the report's and its linked plan's).
 */
import {
  actionUnits,
  joinUnits,
  pairMeasures,
  plannedActions,
  textUnits,
  wordDiff,
  type Block,
  type Hunk,
  type Measure,
  type PlanDocument,
  type Registry,
  type Tag,
  type TextUnits,
  fiscalYearLabel,
  sayIn,
  type Locale,
} from '@plan-lint/core';
import type { CliResult, FormatContext } from '../../types.js';
import { displayPath, plural } from '../util.js';
import { escapeHtml } from './markup.js';
import type { FileSection } from './view.js';

export const LINK_CSS = `
table.plan-compare, table.years { border-collapse: collapse; font-size: 13px; margin: 8px 0; width: 100%; }
table.plan-compare th, table.plan-compare td, table.years th, table.years td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
table.plan-compare thead th, table.years thead th { background: #eef1f5; font-size: 12px; }
table.plan-compare th .id, table.years th .id { font-family: ui-monospace, Menlo, monospace; font-weight: 600; margin-right: 4px; }
td.status { white-space: nowrap; font-weight: 600; }
td.status.matches { color: var(--ok); } td.status.differs { color: var(--warn); } td.status.missing, td.status.extra { color: var(--err); }
del { background: #fbe3e0; color: var(--err); } ins { background: #e3f3e7; color: var(--ok); text-decoration: none; }
.diff-label { font-weight: 600; margin-right: 4px; }
table.years td.none { color: var(--muted); } table.years td.missing { color: var(--err); }
`;

/**
 * The plan's words (or characters) with the report's changes marked: <del> what the plan says, <ins> what the
 * report says instead.
 */
function inlineDiff(from: readonly string[], hunks: readonly Hunk[], units: TextUnits): string {
  const text = (parts: readonly string[]): string => escapeHtml(joinUnits(parts, units));
  const out: string[] = [];
  let i = 0;
  for (const h of hunks) {
    if (h.fromAt > i) out.push(text(from.slice(i, h.fromAt)));
    if (h.from.length > 0) out.push(`<del>${text(h.from)}</del>`);
    if (h.to.length > 0) out.push(`<ins>${text(h.to)}</ins>`);
    i = h.fromAt + h.from.length;
  }
  if (i < from.length) out.push(text(from.slice(i)));
  return joinUnits(out, units);
}

/** The registry ids (else the names as written) of a tag's bodies. */
function bodies(tag: Tag | null, registry: Registry | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of tag?.names ?? []) {
    const text = name.fullName?.text ?? name.text;
    const body = registry?.byName(text) ?? registry?.byAbbreviation(name.abbreviation?.text ?? text);
    out.set(body?.id ?? text, body?.name ?? text);
  }
  return out;
}

/**
 * What differs between a measure of the report and the plan's, as HTML fragments (none when they match), texts
 * compared by the report's units (words, or characters for a language written without spaces).
 */
function differences(mine: Measure, theirs: Measure, registry: Registry | undefined, units: TextUnits, locale: Locale): string[] {
  const say = sayIn(locale);
  const out: string[] = [];
  const planTitle = textUnits(theirs.title, units);
  const titleHunks = wordDiff(planTitle, textUnits(mine.title, units), units);
  if (titleHunks.length > 0) out.push(`<div><span class="diff-label">${say('Title', '見出し')}</span>${inlineDiff(planTitle, titleHunks, units)}</div>`);
  const ours = plannedActions(mine);
  const planned = plannedActions(theirs);
  planned.forEach((planBlock: Block, i) => {
    const block = ours[i];
    const label = planned.length > 1 ? say(`Planned action ${i + 1}`, `取組${i + 1}`) : say('Planned action', '取組');
    if (!block) {
      out.push(`<div><span class="diff-label">${label}</span><del>${escapeHtml(joinUnits(actionUnits(planBlock, units), units))}</del> ${say('(missing)', '（なし）')}</div>`);
      return;
    }
    const planText = actionUnits(planBlock, units);
    const hunks = wordDiff(planText, actionUnits(block, units), units);
    if (hunks.length > 0) out.push(`<div><span class="diff-label">${label}</span>${inlineDiff(planText, hunks, units)}</div>`);
    const planBodies = bodies(planBlock.tag, registry);
    const ourBodies = bodies(block.tag, registry);
    const added = [...ourBodies].filter(([k]) => !planBodies.has(k)).map(([, n]) => n);
    const dropped = [...planBodies].filter(([k]) => !ourBodies.has(k)).map(([, n]) => n);
    if (added.length + dropped.length > 0) {
      const parts = [...dropped.map((n) => `<del>${escapeHtml(n)}</del>`), ...added.map((n) => `<ins>${escapeHtml(n)}</ins>`)];
      out.push(`<div><span class="diff-label">${say('Responsible', '担当')}</span>${parts.join(' ')}</div>`);
    }
  });
  for (const extra of ours.slice(planned.length))
    out.push(`<div><span class="diff-label">${say('Not in the plan', '計画にない記載')}</span><ins>${escapeHtml(joinUnits(actionUnits(extra, units), units))}</ins></div>`);
  return out;
}

function measureHeader(measure: Measure): string {
  return `<th scope="row"><span class="id">${escapeHtml(measure.id)}</span>${escapeHtml(measure.title)}</th>`;
}

/** The report against its linked plan, measure by measure, in the plan's order; '' without a linked plan. */
export const planComparisonSection: FileSection = ({ result, context }) => {
  const report = result.document;
  const linked = result.linked?.plan;
  if (!report || !linked) return '';
  const plan = linked.document;
  const { locale } = context;
  const say = sayIn(locale);
  const statusText: Record<'matches' | 'differs' | 'missing', string> = {
    matches: say('matches', '一致'),
    differs: say('differs', '相違'),
    missing: say('missing', 'なし'),
  };
  const { pairs, unmatched } = pairMeasures(report, plan);
  const byPlan = new Map(pairs.map((p) => [p.linked, p.report]));
  const counts = { matches: 0, differs: 0, missing: 0 };
  const rows: string[] = [];
  for (const theirs of plan.measures()) {
    const mine = byPlan.get(theirs);
    const diffs = mine ? differences(mine, theirs, result.registry, report.profile.text.units, locale) : [];
    const status = !mine ? 'missing' : diffs.length > 0 || mine.id !== theirs.id ? 'differs' : 'matches';
    counts[status]++;
    const note = mine && mine.id !== theirs.id ? [`<div><span class="diff-label">${say('Numbered', '番号')}</span><del>${escapeHtml(theirs.id)}</del> <ins>${escapeHtml(mine.id)}</ins></div>`] : [];
    rows.push(
      `<tr data-plan-measure="${escapeHtml(theirs.id)}" data-status="${status}">${measureHeader(theirs)}<td class="status ${status}">${statusText[status]}</td><td>${[...note, ...diffs].join('')}</td></tr>`,
    );
  }
  for (const extra of unmatched)
    rows.push(`<tr data-report-measure="${escapeHtml(extra.id)}" data-status="extra">${measureHeader(extra)}<td class="status extra">${say('not in the plan', '計画にない')}</td><td></td></tr>`);
  const where = displayPath(linked.path, context.cwd);
  return [
    `<h3>${say(`Against the plan ${escapeHtml(where)}`, `計画 ${escapeHtml(where)} との比較`)}</h3>`,
    `<p class="meta" data-plan-summary="${counts.matches}/${counts.differs}/${counts.missing}/${unmatched.length}">${say(
      `${plural(counts.matches, 'measure')} match the plan, ${counts.differs} differ, ${counts.missing} missing, ${unmatched.length} not in the plan`,
      `計画と一致する施策${counts.matches}件、相違${counts.differs}件、なし${counts.missing}件、計画にない施策${unmatched.length}件`,
    )}</p>`,
    say(
      '<table class="plan-compare"><thead><tr><th scope="col">Measure of the plan</th><th scope="col">Report</th><th scope="col">Differences (<del>plan</del> <ins>report</ins>)</th></tr></thead><tbody>',
      '<table class="plan-compare"><thead><tr><th scope="col">計画の施策</th><th scope="col">報告</th><th scope="col">相違（<del>計画</del> <ins>報告</ins>）</th></tr></thead><tbody>',
    ),
    ...rows,
    '</tbody></table>',
  ].join('\n');
};

/** Who reported on a measure: the names in its status entries' tags, in order of first appearance. */
function reporters(measure: Measure): string[] {
  const seen = new Set<string>();
  for (const block of measure.blocks) {
    if (block.kind !== 'status-entry' && block.kind !== 'repeat-mention') continue;
    for (const name of block.tag?.names ?? []) seen.add(name.abbreviation?.text ?? name.text);
  }
  return [...seen];
}

/**
 * For each plan linked by reports of at least two fiscal years in this run: a measure × fiscal year table of who
 * reported (the ministries tagging status entries), '' when there is none.
 */
export function renderYearOverview(results: readonly CliResult[], context: FormatContext): string {
  const byPlan = new Map<string, { plan: PlanDocument; years: Map<number, PlanDocument> }>();
  for (const r of results) {
    const linked = r.linked?.plan;
    const year = r.document?.fiscalYear;
    if (!linked || !r.document || year === null || year === undefined) continue;
    let group = byPlan.get(linked.path);
    if (!group) byPlan.set(linked.path, (group = { plan: linked.document, years: new Map() }));
    if (!group.years.has(year)) group.years.set(year, r.document);
  }
  const { locale } = context;
  const say = sayIn(locale);
  const out: string[] = [];
  for (const [planPath, { plan, years }] of byPlan) {
    if (years.size < 2) continue;
    const order = [...years.keys()].sort((a, b) => a - b);
    const pairsByYear = new Map(order.map((y) => [y, new Map(pairMeasures(years.get(y) as PlanDocument, plan).pairs.map((p) => [p.linked, p.report]))]));
    out.push(
      `<section class="file" data-years-of="${escapeHtml(displayPath(planPath, context.cwd))}">`,
      `<h2>${say('Who reported what, by fiscal year', '年度ごとの報告府省庁')}: ${escapeHtml(plan.frontMatter?.title ?? displayPath(planPath, context.cwd))}</h2>`,
      `<table class="years"><thead><tr><th scope="col">${say('Measure', '施策')}</th>${order.map((y) => `<th scope="col">${fiscalYearLabel(y, locale)}</th>`).join('')}</tr></thead><tbody>`,
    );
    for (const theirs of plan.measures()) {
      const cells = order.map((y) => {
        const mine = pairsByYear.get(y)?.get(theirs);
        if (!mine) return `<td class="missing" data-year="${y}">${say('missing', 'なし')}</td>`;
        const who = reporters(mine);
        return who.length === 0 ? `<td class="none" data-year="${y}">—</td>` : `<td data-year="${y}">${escapeHtml(who.join(say(', ', '、')))}</td>`;
      });
      out.push(`<tr data-measure="${escapeHtml(theirs.id)}">${measureHeader(theirs)}${cells.join('')}</tr>`);
    }
    out.push('</tbody></table>', '</section>');
  }
  return out.join('\n');
}
