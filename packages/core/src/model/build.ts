/**
 * buildPlan: Markdown text → PlanDocument. Never throws: anything unexpected
 * becomes a document problem.
 */
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import type {
  Block,
  BuildOptions,
  Directive,
  DocumentKind,
  FrontMatter,
  LanguageProfile,
  Legend,
  LegendEntry,
  Measure,
  ModelProblem,
  PlanDocument,
  Point,
  Range,
  Registry,
  Section,
} from '../types.js';
import { LineIndex } from '../positions.js';
import { boundedMemo } from '../memo.js';
import { loadDefaultRegistry } from '../registry.js';
import { nestingCuts, parseMarkdown } from './parse.js';
import { MAX_NESTING } from './safe-parse.js';
import { buildFrontMatter, unclosedFrontMatter } from './frontmatter.js';
import { readLegendEntries } from './legend.js';
import { createTagReader } from './tags.js';
import { compileProfile, profileFor, subItemOrdinal } from '../profile.js';
import { collectUnits, groupBlocks, plainText, rangeOfBlocks, type BlockContext, type Unit } from './blocks.js';
import { readDirectives } from './directives.js';
import { fiscalYearInText } from './dates.js';
import { romanValue } from './numerals.js';
import { withoutBom } from './text.js';

const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n(?:[ \t]*#.*\r?\n)*[ \t]*[A-Za-z_][\w-]*[ \t]*:/;

interface PendingMeasure {
  measure: Measure;
  nodes: RootContent[];
}

interface PendingSection {
  section: Section;
  preamble: RootContent[];
  measures: PendingMeasure[];
}

function pos(node: { position?: { start: { offset?: number }; end: { offset?: number } } | undefined }): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** The source span of a heading's text (after "## " or before a setext underline). */
function headingContent(text: string, node: Heading): [number, number] {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (first && last) return [pos(first)[0], pos(last)[1]];
  const [s] = pos(node);
  return [s, s];
}

function emptyDocument(text: string, index: LineIndex): PlanDocument {
  return finish(text, index, {
    kind: 'plan',
    profile: profileFor(undefined),
    frontMatter: null,
    legend: null,
    sections: [],
    directives: [],
    problems: [],
    fiscalYear: null,
  });
}

interface DocumentParts {
  kind: DocumentKind;
  profile: LanguageProfile;
  frontMatter: FrontMatter | null;
  legend: Legend | null;
  sections: Section[];
  directives: Directive[];
  problems: ModelProblem[];
  fiscalYear: number | null;
}

function finish(text: string, index: LineIndex, parts: DocumentParts): PlanDocument {
  let byId: Map<string, Measure> | undefined;
  let allMeasures: Measure[] | undefined;
  let allBlocks: Block[] | undefined;
  const measures = (): Measure[] => {
    if (!allMeasures) allMeasures = parts.sections.flatMap((s) => s.measures);
    return allMeasures.slice();
  };
  return {
    text,
    ...parts,
    pointAt: (offset: number): Point => index.pointAt(offset),
    rangeAt: (a: number, b: number): Range => index.rangeAt(a, b),
    measure(id: string): Measure | undefined {
      if (!byId) {
        byId = new Map();
        for (const m of measures()) {
          const key = m.id.toLowerCase();
          if (!byId.has(key)) byId.set(key, m);
        }
      }
      return byId.get(id.replace(/\s+/g, '').normalize('NFKC').toLowerCase());
    },
    measures,
    blocks(): Block[] {
      if (!allBlocks) {
        allBlocks = [];
        for (const s of parts.sections) {
          allBlocks.push(...s.preamble);
          for (const m of s.measures) allBlocks.push(...m.blocks);
        }
      }
      return allBlocks.slice();
    },
  };
}

/** Reads a draft into the plan model. Never throws. */
export function buildPlan(source: string, options: BuildOptions = {}): PlanDocument {
  const text = typeof source === 'string' ? withoutBom(source) : '';
  const index = new LineIndex(text);
  try {
    return build(text, index, options.registry ?? loadDefaultRegistry(), options.lang);
  } catch (error) {
    const doc = emptyDocument(text, index);
    doc.problems.push({
      message: `plan-lint could not read this draft (${(error as Error)?.message ?? String(error)}); please report this as a bug`,
      range: index.rangeAt(0, 0),
    });
    return doc;
  }
}

function build(text: string, index: LineIndex, loadedRegistry: Registry, lang: string | undefined): PlanDocument {
  const tree: Root = parseMarkdown(text);
  const problems: ModelProblem[] = [];
  const directives: Directive[] = [];
  const cuts = nestingCuts.get(tree) ?? [];
  for (const [s, e] of cuts.slice(0, 1)) {
    problems.push({
      message: `Blockquotes or lists here nest more than ${MAX_NESTING} levels deep; plan-lint reads the deeper markers as plain text${cuts.length > 1 ? ` (${cuts.length} lines nest that deep; this is the first)` : ''}`,
      range: index.rangeAt(s, e),
    });
  }

  // Front matter.
  let frontMatter: FrontMatter | null = null;
  const firstNode = tree.children[0];
  if (firstNode?.type === 'yaml') {
    const [s, e] = pos(firstNode);
    frontMatter = buildFrontMatter(text, index, s, e);
  } else if (FRONT_MATTER_OPEN.test(text)) {
    frontMatter = unclosedFrontMatter(text, index);
  }

  // The conventions the draft is read with: its front matter's language, else the configuration's, else English.
  const profile = compileProfile(profileFor(frontMatter?.lang ?? lang));
  const registry = loadedRegistry.inLanguage(profile.profile.registryNames);

  // Directives: every HTML node (block or inline), in document order; the tree is walked only when the text has a
  // directive at all.
  if (text.includes(DIRECTIVE_MARK)) {
    for (const top of tree.children) readDirectivesIn(text, index, top, directives);
  }

  // Structure: one pass over the top-level nodes.
  const sections: PendingSection[] = [];
  let section: PendingSection | null = null;
  let measure: PendingMeasure | null = null;
  let legend: Legend | null = null;
  const legendEntries: LegendEntry[] = [];
  let inLegend = false;
  let legendDepth = 0;
  let firstHeadingText: string | null = null;

  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading') {
      const [cs, ce] = headingContent(text, node);
      const content = text.slice(cs, ce);
      const plain = plainText(node);
      if (firstHeadingText === null) firstHeadingText = plain;
      if (inLegend && node.depth > legendDepth) continue;
      inLegend = false;
      const [hs, he] = pos(node);
      const sm = profile.section.exec(content);
      const mm = sm ? null : profile.measure.exec(content);
      if (profile.legend.test(plain)) {
        inLegend = true;
        legendDepth = node.depth;
        if (!legend) legend = { headingRange: index.rangeAt(hs, he), range: index.rangeAt(hs, he), entries: legendEntries };
        measure = null;
        if (section && node.depth <= section.section.headingDepth) section = null;
        continue;
      }
      if (sm) {
        const numberText = sm[1] ?? '';
        const numberStart = cs + sm[0].indexOf(numberText);
        const titleStart = cs + sm[0].length;
        const s: Section = {
          number: Number(numberText.normalize('NFKC')),
          numberText,
          numberRange: index.rangeAt(numberStart, numberStart + numberText.length),
          title: titleOf(plain, profile.section),
          titleRange: index.rangeAt(titleStart, Math.max(titleStart, ce)),
          heading: index.rangeAt(hs, he),
          headingDepth: node.depth,
          range: index.rangeAt(hs, he),
          preamble: [],
          measures: [],
        };
        section = { section: s, preamble: [], measures: [] };
        sections.push(section);
        measure = null;
        continue;
      }
      if (mm) {
        if (!section) {
          problems.push({
            message: `The measure heading '${plain.trim()}' comes before any section: start a section with a heading such as '## 1. Title' first`,
            range: index.rangeAt(hs, he),
          });
          measure = null;
          continue;
        }
        const numeral = mm[1] ?? '';
        const numeralStart = cs + mm[0].indexOf(numeral);
        const titleStart = cs + mm[0].length;
        const m: Measure = {
          id: `${section.section.number}-(${numeral.normalize('NFKC')})`,
          sectionNumber: section.section.number,
          numeral,
          numeralRange: index.rangeAt(numeralStart, numeralStart + numeral.length),
          ordinal: profile.profile.numbering.measure === 'arabic' ? Number(numeral.normalize('NFKC')) : romanValue(numeral),
          title: titleOf(plain, profile.measure),
          titleRange: index.rangeAt(titleStart, Math.max(titleStart, ce)),
          heading: index.rangeAt(hs, he),
          headingDepth: node.depth,
          range: index.rangeAt(hs, he),
          blocks: [],
          subItems: [],
        };
        measure = { measure: m, nodes: [] };
        section.measures.push(measure);
        continue;
      }
      // A deeper heading inside a measure that starts with a sub-item marker (ア, ①) numbers a part of it.
      const si = measure && node.depth > measure.measure.headingDepth ? profile.subItem?.exec(content) : undefined;
      const place = si ? subItemOrdinal(profile.profile, si[1] ?? '') : null;
      if (measure && si && place) {
        const marker = si[1] ?? '';
        const markerStart = cs + si[0].indexOf(marker);
        measure.measure.subItems.push({
          marker,
          markerRange: index.rangeAt(markerStart, markerStart + marker.length),
          ...place,
          title: titleOf(plain, profile.subItem as RegExp),
          heading: index.rangeAt(hs, he),
          headingDepth: node.depth,
        });
        continue;
      }
      // Any other heading: a shallower or equal one closes the current section.
      if (section && node.depth <= section.section.headingDepth) {
        section = null;
        measure = null;
      }
      continue;
    }
    if (inLegend) {
      readLegendNode(text, index, node, profile.abbreviationShape, legendEntries, problems);
      if (legend) legend.range = { start: legend.range.start, end: index.pointAt(pos(node)[1]) };
      continue;
    }
    if (measure) measure.nodes.push(node);
    else if (section) section.preamble.push(node);
  }

  // Fiscal year: front matter, else an FY label in the title or the first heading.
  let fiscalYear: number | null = frontMatter?.fiscalYear ?? null;
  if (fiscalYear === null && frontMatter?.title) fiscalYear = fiscalYearInText(frontMatter.title);
  if (fiscalYear === null && firstHeadingText !== null) fiscalYear = fiscalYearInText(firstHeadingText);

  // Blocks.
  const ctx: BlockContext = { text, index, tags: createTagReader(registry, legendEntries, profile), fiscalYear, profile };
  let anyStatus = false;
  const units: Unit[] = [];
  const out: Section[] = [];
  for (const ps of sections) {
    const s = ps.section;
    s.preamble = blocksOf(ctx, ps.preamble, String(s.number), units);
    let end = rangeOfBlocks(s.preamble)?.end ?? s.heading.end;
    for (const pm of ps.measures) {
      const m = pm.measure;
      m.blocks = blocksOf(ctx, pm.nodes, m.id, units);
      const r = rangeOfBlocks(m.blocks);
      if (r) m.range = { start: m.heading.start, end: r.end };
      for (const b of m.blocks) if (b.kind === 'status-entry' || b.kind === 'repeat-mention') anyStatus = true;
      s.measures.push(m);
      end = m.range.end;
    }
    for (const b of s.preamble) if (b.kind === 'status-entry' || b.kind === 'repeat-mention') anyStatus = true;
    s.range = { start: s.heading.start, end };
    out.push(s);
  }

  const kind: DocumentKind = frontMatter?.document ?? (anyStatus ? 'status-report' : 'plan');
  return finish(text, index, { kind, profile: profile.profile, frontMatter, legend, sections: out, directives, problems, fiscalYear });
}

/** Titles already made, per numbering regex (the same headings come back at every build of an edited draft; bounded). */
const titles = new WeakMap<RegExp, (plain: string) => string>();

/** A section, measure or sub-item title: the heading's plain text without its number, spaces collapsed. */
function titleOf(plain: string, numbering: RegExp): string {
  let title = titles.get(numbering);
  if (!title) {
    title = boundedMemo(10_000, (p) => p.replace(numbering, '').replace(/\s+/g, ' ').trim());
    titles.set(numbering, title);
  }
  return title(plain);
}

const DIRECTIVE_MARK = 'plan-lint-';

/** Reads the directives of every HTML node in a node's tree (a plain preorder walk: trees may be deep). */
function readDirectivesIn(text: string, index: LineIndex, top: Nodes, out: Directive[]): void {
  const stack: Nodes[] = [top];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'html') {
      const [s, e] = pos(node);
      // (Searched within the node only: indexOf from s would run on to the end of the text for every comment.)
      if (e - s >= DIRECTIVE_MARK.length && text.slice(s, e).includes(DIRECTIVE_MARK)) readDirectives(text, s, e, index, out);
    } else if ('children' in node) {
      const children = node.children as Nodes[];
      for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as Nodes);
    }
  }
}

/** The blocks of one measure (or section preamble). */
function blocksOf(ctx: BlockContext, nodes: RootContent[], measureId: string, units: Unit[]): Block[] {
  units.length = 0;
  collectUnits(ctx, nodes, units);
  return groupBlocks(ctx, units, measureId);
}

function readLegendNode(text: string, index: LineIndex, node: RootContent, abbreviationShape: RegExp, entries: LegendEntry[], problems: ModelProblem[]): void {
  if (node.type === 'list') {
    for (const item of node.children) {
      for (const child of item.children) {
        if (child.type === 'paragraph') {
          const [s, e] = pos(child);
          readLegendEntries(text, s, e, index, abbreviationShape, entries, problems);
        }
      }
    }
  } else if (node.type === 'paragraph') {
    const [s, e] = pos(node);
    readLegendEntries(text, s, e, index, abbreviationShape, entries, problems);
  }
}
