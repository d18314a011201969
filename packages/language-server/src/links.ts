/**
 * Linked documents in the editor: the server's linker (open buffers win over the disk), and the navigation that
 * crosses documents — definition and hover from a report's measure heading to its plan's measure, references from
 * a plan's measure to every open report's measure and the repeat mentions that point to it, and definition from a
 * translation's measure heading or status entry to its original's (`translation-of:`).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  actionUnits,
  createLinker,
  describeHunks,
  diskLinkHost,
  entryPairs,
  joinUnits,
  pairMeasures,
  plannedActions,
  sayIn,
  textUnits,
  wordDiff,
  type CachingLinker,
  type Locale,
  type LinkedDocuments,
  type Measure,
  type PlanDocument,
  type Range as PlanRange,
} from '@plan-lint/core';
import { MarkupKind } from 'vscode-languageserver';
import type { Hover, Location, Position, Range } from 'vscode-languageserver';
import { measureHeadingAt, mentionsOf } from './navigation.js';
import type { PositionMapper } from './positions.js';

/**
 * The server's linker: a document open in the editor is read from its buffer (saved or not), any other from the
 * disk. The server calls `forget(path)` whenever a buffer or a file changes.
 */
export function createServerLinker(openText: (filePath: string) => string | undefined): CachingLinker {
  return createLinker({
    host: {
      readFile: (file) => openText(file) ?? diskLinkHost.readFile(file),
      realpath(file) {
        try {
          return realpathSync.native(file);
        } catch (error) {
          // An open buffer that was never saved still exists for the editor.
          if (openText(file) !== undefined) return path.resolve(file);
          throw error;
        }
      },
    },
  });
}

/**
 * Whether a lint that linked `linked` read the document at `filePath`, or tried to and failed (it may have just
 * appeared or been fixed): a change of it changes the lint.
 */
export function dependsOn(linked: LinkedDocuments | undefined, filePath: string): boolean {
  const target = path.resolve(filePath);
  return (
    linked?.plan?.path === target ||
    linked?.previous?.path === target ||
    linked?.original?.path === target ||
    (linked?.problems.some((p) => p.path === target) ?? false)
  );
}

/** A model range in another document as an LSP range (columns are UTF-16 units in both). */
function lspRange(range: PlanRange): Range {
  return { start: { line: range.start.line - 1, character: range.start.column - 1 }, end: { line: range.end.line - 1, character: range.end.column - 1 } };
}

/** What a report and its linked plan answer navigation with. */
export interface LinkedInput {
  document: PlanDocument;
  positions: PositionMapper;
  linked: LinkedDocuments | undefined;
  /** The language hovers are written in. */
  locale: Locale;
}

/** The report's measure whose heading holds the position, and the plan's measure it corresponds to. */
function planMeasureAt(input: LinkedInput, position: Position): { mine: Measure; theirs: Measure; planPath: string; plan: PlanDocument } | undefined {
  const plan = input.linked?.plan;
  if (!plan) return undefined;
  const mine = measureHeadingAt(input.document, input.positions.offsetAt(position));
  if (!mine) return undefined;
  const pair = pairMeasures(input.document, plan.document).pairs.find((p) => p.report === mine);
  return pair ? { mine, theirs: pair.linked, planPath: plan.path, plan: plan.document } : undefined;
}

/** Go to definition on a report's measure heading: the plan's measure. */
export function planDefinition(input: LinkedInput, position: Position): Location[] {
  const at = planMeasureAt(input, position);
  return at ? [{ uri: pathToFileURL(at.planPath).href, range: lspRange(at.theirs.heading) }] : [];
}

/**
 * Go to definition in a translation (`translation-of:`): from a measure heading to the original's measure, from a
 * status entry to the original's entry it translates.
 */
export function originalDefinition(input: LinkedInput, position: Position): Location[] {
  const original = input.linked?.original;
  if (!original) return [];
  const offset = input.positions.offsetAt(position);
  const uri = pathToFileURL(original.path).href;
  const heading = measureHeadingAt(input.document, offset);
  if (heading) {
    const pair = pairMeasures(input.document, original.document).pairs.find((p) => p.report === heading);
    return pair ? [{ uri, range: lspRange(pair.linked.heading) }] : [];
  }
  const entry = entryPairs(input.document, original.document).find((p) => p.report.range.start.offset <= offset && offset < p.report.range.end.offset);
  return entry ? [{ uri, range: lspRange(entry.original.range) }] : [];
}

/** Hover on a report's measure heading: the plan's title and planned actions, and whether the report differs. */
export function planHover(input: LinkedInput, position: Position): Hover | null {
  const at = planMeasureAt(input, position);
  if (!at) return null;
  const { mine, theirs } = at;
  const say = sayIn(input.locale);
  const lines = [`**${say('Plan', '計画')} ${theirs.id}** — ${theirs.title}`, ''];
  const planned = plannedActions(theirs);
  const ours = plannedActions(mine);
  const differences: string[] = [];
  const units = input.document.profile.text.units;
  const titleHunks = wordDiff(textUnits(theirs.title, units), textUnits(mine.title, units), units);
  if (titleHunks.length > 0) differences.push(`${say('title: ', '見出し：')}${describeHunks(titleHunks, input.locale, units)}`);
  if (mine.id !== theirs.id) differences.push(say(`numbered ${mine.id} here, ${theirs.id} in the plan`, `番号はここでは${mine.id}、計画では${theirs.id}`));
  planned.forEach((block, i) => {
    lines.push(`> ${joinUnits([joinUnits(actionUnits(block, units), units), block.tag?.raw ?? ''], units)}`.trimEnd(), '');
    const mineBlock = ours[i];
    if (!mineBlock) differences.push(say(`planned action ${i + 1} is missing here`, `取組${i + 1}がここにありません`));
    else {
      const hunks = wordDiff(actionUnits(block, units), actionUnits(mineBlock, units), units);
      const label = planned.length > 1 ? say(`planned action ${i + 1}: `, `取組${i + 1}：`) : say('planned action: ', '取組：');
      if (hunks.length > 0) differences.push(`${label}${describeHunks(hunks, input.locale, units)}`);
    }
  });
  if (ours.length > planned.length)
    differences.push(say(`${ours.length - planned.length} planned action(s) here are not in the plan`, `ここにある取組のうち${ours.length - planned.length}件は計画にありません`));
  lines.push(
    differences.length === 0
      ? say('This report matches the plan.', 'この報告は計画と一致しています。')
      : say(`This report differs from the plan: ${differences.join('; ')}.`, `この報告は計画と異なります：${differences.join('。')}。`),
  );
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}

/** An open report, as `planReferences` reads it. */
export interface OpenReport {
  uri: string;
  document: PlanDocument;
  positions: PositionMapper;
  linked: LinkedDocuments | undefined;
}

/**
 * References of a plan's measure (the plan at `planPath`): in every open report linked to that plan, the measure
 * paired with it and every repeat mention pointing to that measure.
 */
export function planReferences(planPath: string, measure: Measure, reports: readonly OpenReport[]): Location[] {
  const out: Location[] = [];
  const target = path.resolve(planPath);
  for (const report of reports) {
    if (report.linked?.plan?.path !== target) continue;
    const pair = pairMeasures(report.document, report.linked.plan.document).pairs.find((p) => p.linked.id === measure.id && p.linked.title === measure.title);
    if (!pair) continue;
    out.push({ uri: report.uri, range: report.positions.toRange(pair.report.heading) });
    for (const at of mentionsOf(report.document, pair.report)) out.push({ uri: report.uri, range: report.positions.toRange(at.repeat.prefixRange) });
  }
  return out;
}
