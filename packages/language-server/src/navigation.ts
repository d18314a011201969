/**
 * Navigation over one plan document: definition, references, hover, symbols,
 * completion and rename. Pure functions of the model; no connection.
 */
import { buildPlan, dateLabel, sayIn } from '@plan-lint/core';
import type { Block, Legend, Locale, Measure, PlanDocument, Registry, RegistryBody, RepeatMention, Section, TagName } from '@plan-lint/core';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
} from 'vscode-languageserver';
import type {
  CompletionItem,
  DocumentSymbol,
  Hover,
  Location,
  LocationLink,
  Position,
  Range,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver';
import { PositionMapper, rangeContains } from './positions.js';
import { fromRoman } from './roman.js';

/** A parsed document with what navigation needs. */
export interface NavigationInput {
  uri: string;
  document: PlanDocument;
  positions: PositionMapper;
  registry: Registry;
  /** The language hovers are written in (the analysis' messages'). */
  locale: Locale;
}

// ---------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------

export interface RepeatAt {
  block: Block;
  repeat: RepeatMention;
  target: Measure | undefined;
}

function repeatBlocks(document: PlanDocument): Block[] {
  return document.blocks().filter((b) => b.repeat !== null);
}

/** The repeat mention whose prefix ("Repeat mention 1 - (ii):") holds the offset. */
export function repeatMentionAt(document: PlanDocument, offset: number): RepeatAt | undefined {
  for (const block of repeatBlocks(document)) {
    const repeat = block.repeat;
    if (repeat && rangeContains(repeat.prefixRange, offset)) return { block, repeat, target: document.measure(repeat.targetId) };
  }
  return undefined;
}

/** The measure whose heading holds the offset. */
export function measureHeadingAt(document: PlanDocument, offset: number): Measure | undefined {
  return document.measures().find((m) => rangeContains(m.heading, offset));
}

/** Every repeat mention that points at the measure. */
export function mentionsOf(document: PlanDocument, measure: Measure): RepeatAt[] {
  const out: RepeatAt[] = [];
  for (const block of repeatBlocks(document)) {
    const repeat = block.repeat;
    if (repeat && document.measure(repeat.targetId) === measure) out.push({ block, repeat, target: measure });
  }
  return out;
}

function sectionOf(document: PlanDocument, measure: Measure): Section | undefined {
  return document.sections.find((s) => s.measures.includes(measure));
}

/** The block whose extent holds the offset (innermost by start). */
export function blockAt(document: PlanDocument, offset: number): Block | undefined {
  let found: Block | undefined;
  for (const block of document.blocks()) {
    if (rangeContains(block.range, offset)) found = block;
  }
  return found;
}

export function tagNameAt(document: PlanDocument, offset: number): { block: Block; name: TagName } | undefined {
  for (const block of document.blocks()) {
    const tag = block.tag;
    if (!tag || !rangeContains(tag.range, offset)) continue;
    for (const name of tag.names) {
      if (rangeContains(name.range, offset)) return { block, name };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Definition and references
// ---------------------------------------------------------------------------

export function definition(input: NavigationInput, position: Position, linkSupport: boolean): Location[] | LocationLink[] {
  const { document, positions, uri } = input;
  const at = repeatMentionAt(document, positions.offsetAt(position));
  if (!at?.target) return [];
  const target = at.target;
  if (linkSupport) {
    return [
      {
        originSelectionRange: positions.toRange(at.repeat.prefixRange),
        targetUri: uri,
        targetRange: positions.toRange(target.range),
        targetSelectionRange: positions.toRange(target.heading),
      },
    ];
  }
  return [{ uri, range: positions.toRange(target.heading) }];
}

/** The measure a reference request is about: its heading, or a repeat mention pointing at it. */
export function measureAt(document: PlanDocument, offset: number): Measure | undefined {
  return measureHeadingAt(document, offset) ?? repeatMentionAt(document, offset)?.target;
}

export function references(input: NavigationInput, position: Position, includeDeclaration: boolean): Location[] {
  const { document, positions, uri } = input;
  const measure = measureAt(document, positions.offsetAt(position));
  if (!measure) return [];
  const out: Location[] = [];
  if (includeDeclaration) out.push({ uri, range: positions.toRange(measure.heading) });
  for (const m of mentionsOf(document, measure)) out.push({ uri, range: positions.toRange(m.repeat.prefixRange) });
  return out;
}

// ---------------------------------------------------------------------------
// Hover
// ---------------------------------------------------------------------------

function describeBody(body: RegistryBody, asWritten: string, registry: Registry, locale: Locale): string {
  const say = sayIn(locale);
  // The other language's name: Japanese under an English name, English under a Japanese one (a Japanese draft).
  const other = body.name === body.nameJa ? (registry.inLanguage('en').byId(body.id)?.name ?? body.nameJa) : body.nameJa;
  const short = say(`(${body.abbreviations.join(', ') || 'no abbreviation'})`, `（${body.abbreviations.join('、') || '略称なし'}）`);
  const lines = [`**${body.name}**${say(' ', '')}${short}`, '', other];
  if (locale === 'ja') {
    const from = body.validFrom ? `${dateLabel(body.validFrom, 'ja')}から` : '';
    const to = body.validTo ? `${dateLabel(body.validTo, 'ja')}まで` : '現存';
    lines.push('', `存続期間：${from}${to}`);
  } else {
    const from = body.validFrom ? `from ${body.validFrom}` : '';
    const to = body.validTo ? `until ${body.validTo}` : 'still exists';
    lines.push('', `Valid: ${[from, to].filter(Boolean).join(', ')}`);
  }
  if (body.aliases?.length) lines.push('', `${say('Also written: ', '別表記：')}${body.aliases.join(say('; ', '、'))}`);
  if (body.note) lines.push('', body.note);
  if (asWritten !== body.name && !body.abbreviations.includes(asWritten)) lines.push('', say(`Written here as "${asWritten}".`, `ここでは「${asWritten}」と記載されています。`));
  return lines.join('\n');
}

function legendEntry(legend: Legend | null, abbreviation: string) {
  return legend?.entries.find((e) => e.abbreviation === abbreviation);
}

/** The registry body a tag name refers to, if any. */
export function bodyOf(name: TagName, registry: Registry, legend: Legend | null): RegistryBody | undefined {
  switch (name.form) {
    case 'abbreviation': {
      const body = registry.byAbbreviation(name.text);
      if (body) return body;
      const entry = legendEntry(legend, name.text);
      return entry ? registry.byName(entry.name) : undefined;
    }
    case 'full-name':
      return registry.byName(name.text);
    case 'definition':
      return (
        (name.fullName ? registry.byName(name.fullName.text) : undefined) ??
        (name.abbreviation ? registry.byAbbreviation(name.abbreviation.text) : undefined)
      );
    default:
      return undefined;
  }
}

function tagHover(input: NavigationInput, name: TagName): string {
  const { registry, document, locale } = input;
  const say = sayIn(locale);
  if (name.form === 'other-related') {
    return say(
      `"${name.text}": a catch-all for bodies not named individually; it names no ministry.`,
      `「${name.text}」：個別に名前を挙げない機関の総称で、特定の府省庁を指しません。`,
    );
  }
  const body = bodyOf(name, registry, document.legend);
  if (body) return describeBody(body, name.text, registry, locale);
  const entry = name.form === 'abbreviation' ? legendEntry(document.legend, name.text) : undefined;
  if (entry)
    return `**${entry.name}** (${entry.abbreviation})\n\n${say("Defined in this document's abbreviation legend; not in the ministry registry.", 'この文書の略称一覧で定義されています（府省庁の登録簿にはありません）。')}`;
  const kind = name.form === 'abbreviation' ? 'abbreviation' : 'name';
  const suggestions = registry.suggest(name.text, kind).slice(0, 3);
  if (locale === 'ja') {
    const hint = suggestions.length ? `${suggestions.map((s) => `「${s}」`).join('又は')}の誤りではありませんか。` : '';
    return `「${name.text}」は既知の府省庁の${kind === 'abbreviation' ? '略称' : '名称'}ではありません。${hint}`;
  }
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : '';
  return `'${name.text}' is not a known ministry ${kind}.${hint}`;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function repeatHover(input: NavigationInput, at: RepeatAt): string {
  const { repeat, target } = at;
  const say = sayIn(input.locale);
  if (!target) {
    return say(
      `**Repeat mention ${repeat.targetId}**\n\nMeasure ${repeat.targetId} does not exist in this document.`,
      `**再掲 ${repeat.targetId}**\n\n施策${repeat.targetId}はこの文書にありません。`,
    );
  }
  const lines = [`**${target.id}** ${target.title}`];
  const section = sectionOf(input.document, target);
  if (section) lines.push('', say(`Section ${section.numberText}. ${section.title}`, `${section.numberText} ${section.title}`));
  const preview = target.blocks.filter((b) => b.kind !== 'text').slice(0, 3);
  if (preview.length) {
    lines.push('');
    for (const b of preview) lines.push(`- ${truncate(b.text, 160)}`);
  }
  const more = target.blocks.length - preview.length;
  if (more > 0) lines.push('', say(`… and ${more} more block${more === 1 ? '' : 's'}`, `…ほか${more}件`));
  return lines.join('\n');
}

export function hover(input: NavigationInput, position: Position): Hover | null {
  const { document, positions } = input;
  const offset = positions.offsetAt(position);
  const tag = tagNameAt(document, offset);
  if (tag) {
    return { contents: { kind: MarkupKind.Markdown, value: tagHover(input, tag.name) }, range: positions.toRange(tag.name.range) };
  }
  const at = repeatMentionAt(document, offset);
  if (at) {
    return { contents: { kind: MarkupKind.Markdown, value: repeatHover(input, at) }, range: positions.toRange(at.repeat.prefixRange) };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Symbols
// ---------------------------------------------------------------------------

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What a measure holds: "1 planned action, 3 status entries" / "取組1件、取組状況3件". */
export function measureDetail(measure: Measure, locale: Locale): string {
  let planned = 0;
  let status = 0;
  let repeats = 0;
  for (const b of measure.blocks) {
    if (b.kind === 'planned-action') planned++;
    else if (b.kind === 'status-entry') status++;
    else if (b.kind === 'repeat-mention') repeats++;
  }
  if (locale === 'ja') return [`取組${planned}件`, `取組状況${status}件`, ...(repeats ? [`再掲${repeats}件`] : [])].join('、');
  const parts = [plural(planned, 'planned action'), plural(status, 'status entry').replace('entrys', 'entries')];
  if (repeats) parts.push(plural(repeats, 'repeat mention'));
  return parts.join(', ');
}

export function measureName(measure: Measure): string {
  return `${measure.id} ${measure.title}`.trim();
}

export function sectionName(section: Section): string {
  return `${section.numberText}. ${section.title}`.trim();
}

function sanitizeRange(range: Range, selection: Range): { range: Range; selectionRange: Range } {
  // selectionRange must be contained in range.
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  if (before(range.start, selection.start) && before(selection.end, range.end)) return { range, selectionRange: selection };
  return { range: selection, selectionRange: selection };
}

/**
 * Which symbols a document lists. `sections: false` is for a client that lists the Markdown headings itself
 * (VS Code's built-in Markdown symbols): plan-lint then lists only the measures, named by their id
 * (`1-(x) Title`), which the heading list cannot show, so no section is listed twice in Go to Symbol.
 */
export interface SymbolOptions {
  sections: boolean;
}

export function documentSymbols(input: NavigationInput, options: SymbolOptions): DocumentSymbol[] {
  const { document, positions } = input;
  const measureSymbol = (measure: Measure): DocumentSymbol => {
    const r = sanitizeRange(positions.toRange(measure.range), positions.toRange(measure.heading));
    return { name: measureName(measure), detail: measureDetail(measure, input.locale), kind: SymbolKind.Method, ...r };
  };
  if (!options.sections) return document.sections.flatMap((section) => section.measures.map(measureSymbol));
  return document.sections.map((section) => ({
    name: sectionName(section),
    detail: input.locale === 'ja' ? `施策${section.measures.length}件` : plural(section.measures.length, 'measure'),
    kind: SymbolKind.Namespace,
    ...sanitizeRange(positions.toRange(section.range), positions.toRange(section.heading)),
    children: section.measures.map(measureSymbol),
  }));
}

/** The flat form for clients without hierarchical symbol support. */
export function flatSymbols(input: NavigationInput, options: SymbolOptions): SymbolInformation[] {
  const symbols = sectionSymbols(input.uri, input.document, input.positions, (section) => sectionName(section));
  return options.sections ? symbols : symbols.filter((s) => s.kind !== SymbolKind.Namespace);
}

/**
 * Sections and measures as flat symbols; `container` names what holds each measure
 * (the section in a document outline; section and measure detail in workspace search).
 */
export function sectionSymbols(
  uri: string,
  document: PlanDocument,
  positions: PositionMapper,
  container: (section: Section, measure: Measure) => string,
): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const section of document.sections) {
    out.push({ name: sectionName(section), kind: SymbolKind.Namespace, location: { uri, range: positions.toRange(section.heading) } });
    for (const measure of section.measures) {
      out.push({
        name: measureName(measure),
        kind: SymbolKind.Method,
        location: { uri, range: positions.toRange(measure.heading) },
        containerName: container(section, measure),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Completion
// ---------------------------------------------------------------------------

function fiscalYearBounds(document: PlanDocument): [string, string] | undefined {
  const fy = document.fiscalYear;
  if (fy === null) return undefined;
  return [`${fy}-04-01`, `${fy + 1}-03-31`];
}

function bodiesFor(input: NavigationInput): RegistryBody[] {
  const bounds = fiscalYearBounds(input.document);
  return input.registry.bodies.filter((b) => !bounds || input.registry.existedDuring(b, bounds[0], bounds[1]));
}

/** The names of a complete tag ("NPA, and Cabinet Office: CAO"), read as the model reads tags; undefined when not a tag. */
function tagNamesOf(group: string, registry: Registry): readonly TagName[] | undefined {
  const probe = buildPlan(`## 1. S\n\n### (i) M\n\n- Entry. (${group})\n`, { registry });
  return probe.blocks().find((b) => b.tag)?.tag?.names;
}

/** Where a name may start after the names already written: after "(", a comma, "and", "&" or a definition's colon. */
const NAME_START = /(?:^|,|\band\b|&|:)\s*/g;

/**
 * The ways to read an open tag from "(" to the cursor as names already written plus the start of the next one,
 * earliest start first ("Ministry of Health, Labour and W" is one name being typed before it is "W" after two).
 * None outside a tag position: a tag is the last parenthesized group of its block, after a sentence (or a repeat
 * mention's description), and names no number ("(in 47 prefectures, with 2,602 events").
 */
function* openTagReadings(lineBefore: string, lineAfter: string, registry: Registry): Generator<{ prefix: string; written: readonly TagName[] }> {
  const open = lineBefore.lastIndexOf('(');
  if (open === -1 || lineBefore.indexOf(')', open) !== -1) return;
  if (!/^[^()]*\)?\s*$/.test(lineAfter)) return;
  const before = lineBefore.slice(0, open).trimEnd();
  if (before !== '' && !/[.!?)]$/.test(before) && !/Repeat mention\s+\S.*:/i.test(before)) return;
  const inner = lineBefore.slice(open + 1);
  if (/\d/.test(inner)) return;
  for (const m of inner.matchAll(NAME_START)) {
    const start = (m.index ?? 0) + m[0].length;
    const written = inner.slice(0, m.index).trim().replace(/[,&:]$/, '').trimEnd();
    const names = written === '' ? [] : tagNamesOf(written, registry);
    if (names) yield { prefix: inner.slice(start), written: names };
  }
}

const REPEAT_PREFIX = /(Repeat mention\s+)([^:]*)$/i;

function repeatTargets(input: NavigationInput, position: Position, typed: string): CompletionItem[] {
  const { document, positions } = input;
  const range: Range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const here = blockAt(document, positions.offsetAt(position));
  const norm = (s: string) => s.replace(/[\s–—-]+/g, '').toLowerCase();
  return document
    .measures()
    .filter((m) => m.id !== here?.measureId)
    .filter((m) => norm(`${m.sectionNumber}-(${m.numeral})`).startsWith(norm(typed)))
    .map((m, i): CompletionItem => {
      const label = `${m.sectionNumber} - (${m.numeral}): `;
      return {
        label,
        kind: CompletionItemKind.Reference,
        detail: m.title,
        documentation: measureDetail(m, input.locale),
        sortText: String(i).padStart(4, '0'),
        textEdit: { range, newText: label },
        insertTextFormat: InsertTextFormat.PlainText,
      };
    });
}

/** Ministries for the name being typed in a tag: abbreviations in status entries, full names in planned actions. */
function tagNames(input: NavigationInput, position: Position, abbreviations: boolean, reading: { prefix: string; written: readonly TagName[] }): CompletionItem[] {
  const { document, registry } = input;
  const { prefix, written } = reading;
  const range: Range = { start: { line: position.line, character: position.character - prefix.length }, end: position };
  const taken = new Set<RegistryBody>();
  for (const name of written) {
    const body = bodyOf(name, registry, document.legend);
    if (body) taken.add(body);
  }
  const writtenText = new Set(written.map((n) => n.text));
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const offer = (label: string, detail: string, documentation: CompletionItem['documentation']): void => {
    if (seen.has(label) || writtenText.has(label) || !label.startsWith(prefix)) return;
    seen.add(label);
    items.push({ label, kind: CompletionItemKind.Value, detail, documentation, textEdit: { range, newText: label } });
  };
  for (const body of bodiesFor(input)) {
    const label = abbreviations ? body.abbreviations[0] : body.name;
    if (!label || taken.has(body)) continue;
    offer(label, (abbreviations ? body.name : body.abbreviations[0]) ?? '', { kind: MarkupKind.Markdown, value: describeBody(body, label, input.registry, input.locale) });
  }
  if (abbreviations) {
    for (const entry of document.legend?.entries ?? []) offer(entry.abbreviation, entry.name, "From this document's abbreviation legend.");
  }
  return items;
}

function looksLikeListItem(line: string): boolean {
  return /^\s*(?:[-*+]|\d+[.)])\s/.test(line);
}

export function completion(input: NavigationInput, position: Position): CompletionItem[] {
  const { document, positions } = input;
  const lineNo = position.line + 1;
  const line = positions.lineText(lineNo);
  const offset = positions.offsetAt(position);
  const column = Math.max(0, offset - positions.index.offsetAt(lineNo, 1));
  const before = line.slice(0, column);

  const repeat = REPEAT_PREFIX.exec(before);
  if (repeat) return repeatTargets(input, position, repeat[2] ?? '');

  const block = blockAt(document, offset);
  const abbreviations = block
    ? block.kind === 'status-entry' || block.kind === 'repeat-mention' || (block.kind === 'text' && block.listItem)
    : looksLikeListItem(line);
  for (const reading of openTagReadings(before, line.slice(column), input.registry)) {
    const items = tagNames(input, position, abbreviations, reading);
    if (items.length > 0) return items;
  }
  return [];
}

// ---------------------------------------------------------------------------
// Rename
// ---------------------------------------------------------------------------

export const RENAME_REFUSAL = "Only a measure's numeral can be renamed";

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

/** The measure whose numeral is under the cursor: in its heading, or in a repeat mention to it. */
function numeralTarget(document: PlanDocument, offset: number): Measure | undefined {
  const heading = document.measures().find((m) => rangeContains(m.numeralRange, offset));
  if (heading) return heading;
  const at = repeatMentionAt(document, offset);
  if (at?.target && rangeContains(at.repeat.numeralRange, offset)) return at.target;
  return undefined;
}

export function prepareRename(input: NavigationInput, position: Position): PrepareRenameResult {
  const { document, positions } = input;
  const offset = positions.offsetAt(position);
  const measure = numeralTarget(document, offset);
  if (!measure) {
    const at = repeatMentionAt(document, offset);
    if (at && !at.target && rangeContains(at.repeat.numeralRange, offset)) {
      return { error: `${RENAME_REFUSAL}; measure ${at.repeat.targetId} does not exist in this document` };
    }
    return { error: RENAME_REFUSAL };
  }
  const inHeading = rangeContains(measure.numeralRange, offset);
  const range = inHeading ? measure.numeralRange : (repeatMentionAt(document, offset)?.repeat.numeralRange ?? measure.numeralRange);
  return { range: positions.toRange(range), placeholder: measure.numeral };
}

export type RenameResult = { edits: TextEdit[] } | { error: string };

export function rename(input: NavigationInput, position: Position, newName: string): RenameResult {
  const { document, positions } = input;
  const measure = numeralTarget(document, positions.offsetAt(position));
  if (!measure) return { error: RENAME_REFUSAL };
  const numeral = newName.trim().replace(/^\(/, '').replace(/\)$/, '').trim().toLowerCase();
  if (fromRoman(numeral) === null) {
    return { error: `'${newName}' is not a lowercase roman numeral like 'iv' or 'xii'` };
  }
  const section = sectionOf(document, measure);
  const clash = section?.measures.find((m) => m !== measure && m.numeral.toLowerCase() === numeral);
  if (clash) return { error: `Section ${measure.sectionNumber} already has a measure (${clash.numeral}): ${clash.title}` };
  const edits: TextEdit[] = [{ range: positions.toRange(measure.numeralRange), newText: numeral }];
  for (const m of mentionsOf(document, measure)) edits.push({ range: positions.toRange(m.repeat.numeralRange), newText: numeral });
  return { edits };
}
