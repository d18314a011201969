/**
 * The shared contract of plan-lint: positions, the plan model, the ministry
 * registry, rules, messages and configuration. Every package builds on these
 * types; change them only with care, since the model builder, the rules, the
 * CLI and the language server all read them.
 *
 * Positions follow unist: `line` and `column` are 1-based, `offset` is 0-based,
 * and columns and offsets count UTF-16 code units (the same unit as LSP).
 * An `end` point is exclusive (it points just past the last character).
 */
import type { Locale, Localized, Text } from './messages.js';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Point;
  end: Point;
}

// ---------------------------------------------------------------------------
// Ministry registry (reference data, seeds/registry.json, schema/registry.schema.json)
// ---------------------------------------------------------------------------

export interface RegistryBody {
  /** Stable id, e.g. "npa", "mhlw", "cfa". */
  id: string;
  /** English full name as written in plans: "National Police Agency". */
  name: string;
  /** Other English names accepted as the same body (older or shorter forms). */
  aliases?: string[];
  /** Abbreviations, the first is canonical: ["NPA"]. */
  abbreviations: string[];
  /** Japanese name: "警察庁". */
  nameJa: string;
  /** Japanese short forms some documents write in tags, the first is canonical: ["警察"]. */
  shortNamesJa?: string[];
  /** Other Japanese names accepted as the same body. */
  aliasesJa?: string[];
  /** First day the body existed (ISO date), absent if long before any plan. */
  validFrom?: string;
  /** Last day the body existed (ISO date, inclusive), absent if it still exists. */
  validTo?: string;
  /** Ids of bodies it took over from / that took over from it. */
  predecessors?: string[];
  successors?: string[];
  /** Free-text note on reorganisations. */
  note?: string;
}

export interface RegistryData {
  $schema?: string;
  version: string;
  bodies: RegistryBody[];
  /** Catch-all names by naming ("en", "ja"): "other related bodies", 関係府省. Never a body of their own. */
  catchAlls?: Partial<Record<RegistryNames, string[]>>;
}

/** Which names of the registry a document uses: English (name, aliases, abbreviations) or Japanese (nameJa, aliasesJa, shortNamesJa). */
export type RegistryNames = 'en' | 'ja';

export interface Registry {
  readonly bodies: readonly RegistryBody[];
  /** Exact (case-sensitive) abbreviation lookup. */
  byAbbreviation(abbreviation: string): RegistryBody | undefined;
  /** Name lookup, forgiving of case, whitespace, "and"/"the" and punctuation differences. */
  byName(name: string): RegistryBody | undefined;
  byId(id: string): RegistryBody | undefined;
  /** Closest known names/abbreviations for a misspelling, best first (may be empty). */
  suggest(text: string, kind: 'name' | 'abbreviation'): string[];
  /** Whether the body existed at any time between the two ISO dates (inclusive). */
  existedDuring(body: RegistryBody, fromIso: string, toIso: string): boolean;
  /** A new registry with extra or overriding bodies (same id replaces). */
  extend(bodies: readonly RegistryBody[]): Registry;
  /** The catch-all names of this registry's naming ("other related bodies", 関係府省). */
  readonly catchAlls: readonly string[];
  /**
   * The same bodies (same ids and dates) named as documents in `names` name them: for 'ja', `name` is the
   * Japanese name, `aliases` the other Japanese names, `abbreviations` the short forms, `catchAlls` the
   * Japanese ones. 'en' gives the registry as loaded. Made once per registry and naming.
   */
  inLanguage(names: RegistryNames): Registry;
}

// ---------------------------------------------------------------------------
// Language profiles (seeds/profiles/<lang>.json, schema/profile.schema.json)
// ---------------------------------------------------------------------------

/** How drafts in one language are written; see schema/profile.schema.json for every field. */
export interface LanguageProfile {
  $schema?: string;
  lang: string;
  description: string;
  registryNames: RegistryNames;
  headings: { section: string; measure: string; legend: string };
  numbering: { measure: 'roman-lower' | 'arabic'; measureLabel: string; subItems: string[][] };
  tags: {
    brackets: [string, string][];
    trailing: string;
    names: 'words' | 'separated';
    separators: string[];
    conjunctions: string[];
    bodyShape: string;
    abbreviationShape: string;
    write: { before: string; open: string; separator: string; close: string };
    examples: { plannedAction: string; statusEntry: string };
  };
  blocks: { statusEntry: 'abbreviation-tag' | 'list-item'; statusEntryNames: 'abbreviation' | 'any' };
  repeat: { pattern: string; label: string; colon: string; after: string };
  text: { units: 'words' | 'characters' };
  fiscalYears: { standard: string };
  dateCues: DateCues;
  dates: ProfileDates;
}

/** Wording that says what a date in an entry is: background, a schedule, a yearly event (regular expressions: sources, case-insensitive). */
export interface DateCues {
  clauseBreaks: string[];
  words: {
    bound: string[];
    boundPairs: string[];
    fillers: string[];
    origin: string[];
    originPhrases: string[];
    rangeOpen?: string;
    rangeClose?: string;
  };
  before?: string;
  after?: string;
  multiYear?: string;
  scheduledBefore?: string;
  scheduledAfter?: string;
  recurring?: string;
}

/** The date forms a profile reads (schema/profile.schema.json, "dates"). */
export interface ProfileDates {
  /** April 23, 2018; from November 11 to 25, 2018; the end of January 2019; FY2018; fiscal year 2018. */
  monthNames?: {
    months: string[][];
    rangeOpeners: string[];
    rangeJoiners: string[];
    monthParts: { article: string; parts: string[]; of: string };
    fiscalYearAbbreviation: string;
    fiscalYearWords: string[];
  };
  /** 2018年4月23日, 平成30年4月23日, 令和元年度, 2018年度, 31年1月, 10月28日. */
  units?: {
    eras: { name: string; start: string }[];
    firstYear: string;
    year: string;
    month: string;
    day: string;
    fiscalYear: string;
  };
}

// ---------------------------------------------------------------------------
// The plan model
// ---------------------------------------------------------------------------

export type DocumentKind = 'plan' | 'status-report';

export interface FrontMatterField {
  key: string;
  value: unknown;
  keyRange: Range;
  valueRange: Range;
}

export interface FrontMatterProblem {
  /** Drafter-facing message: "'fiscal-year' must be a year between 2000 and 2100, not 1800". */
  message: Text;
  /** The offending key (or value) range; the whole front matter when no key applies. */
  range: Range;
  /** ajv keyword or 'yaml' for a syntax error, 'unclosed' for a missing closing fence. */
  keyword: string;
  key?: string;
}

export interface FrontMatter {
  range: Range;
  raw: string;
  fields: FrontMatterField[];
  /** Parsed YAML mapping ({} when it is not a mapping or does not parse). */
  data: Record<string, unknown>;
  problems: FrontMatterProblem[];
  title?: string;
  document?: DocumentKind;
  fiscalYear?: number;
  /** ISO date string "2019-06-30". */
  asOf?: string;
  /** For a plan: the ISO date it was adopted ("2017-04-18"). */
  adopted?: string;
  /** For a status report: the linked plan's path as written (relative to the document). */
  plan?: string;
  /** For a status report: the previous fiscal year's report's path as written (relative to the document). */
  previous?: string;
  /** For a status report translated from another: the original's path as written (`translation-of:`, relative to the document). */
  translationOf?: string;
  /** The language profile the draft names ("ja"), when it names one the schema allows. */
  lang?: string;
}

export interface LegendEntry {
  abbreviation: string;
  name: string;
  range: Range;
  abbreviationRange: Range;
  nameRange: Range;
}

export interface Legend {
  headingRange: Range;
  range: Range;
  entries: LegendEntry[];
}

export type TagNameForm =
  /** "Ministry of Justice" */
  | 'full-name'
  /** "MOJ" */
  | 'abbreviation'
  /** "Cabinet Office: CAO" (defines CAO in the text) */
  | 'definition'
  /** "other related bodies", "other related ministries and agencies" */
  | 'other-related';

export interface TagName {
  /** The name exactly as written, without surrounding "and", commas or spaces. */
  text: string;
  range: Range;
  form: TagNameForm;
  /** For 'definition': the full-name part and the abbreviation part. */
  fullName?: { text: string; range: Range };
  abbreviation?: { text: string; range: Range };
  /**
   * A body named with its predecessor or successor in brackets, across a reorganisation (厚生労働省(こども家庭庁)):
   * the index in the tag's names of the other body of the pair. The responsible body is whichever of the two
   * existed in the fiscal year.
   */
  pairedWith?: number;
}

/** The responsibility tag: the last parenthesized group of a block when every name in it is (or looks like) a ministry. */
export interface Tag {
  /** Including the parentheses. */
  range: Range;
  /** Inside the parentheses. */
  innerRange: Range;
  raw: string;
  names: TagName[];
}

export interface CalendarDate {
  raw: string;
  range: Range;
  /** Year as written, null when the text gives none ("October 28"). */
  year: number | null;
  /**
   * Year inferred when none is written: inside the fiscal year of the FY label the date qualifies, else of the
   * document (April-December → its first year, January-March → the next); without either, the year of the nearest
   * dated mention in the same block.
   */
  inferredYear: number | null;
  month: number;
  /** Null for a month-only mention ("January 2019"). */
  day: number | null;
  /** False for impossible dates (April 31, February 29 2019). */
  valid: boolean;
  /** For a Japanese era date outside its era (令和元年4月30日): the same day in the era it falls in (平成31年4月30日). */
  eraCorrection?: string;
}

export interface FiscalYearLabel {
  kind: 'fiscal-year';
  raw: string;
  range: Range;
  year: number;
  /** How it is written: "FY2018", "FY 2018", "fiscal 2018", "fiscal year 2018", "japanese-era" (平成30年度). */
  style: string;
}

export interface DateMention {
  kind: 'date';
  raw: string;
  range: Range;
  date: CalendarDate;
  /** The FY label this date qualifies ("In FY2018 (until the end of January 2019)"), if any. */
  qualifies?: FiscalYearLabel;
}

export interface DateRangeMention {
  kind: 'date-range';
  raw: string;
  range: Range;
  start: CalendarDate;
  end: CalendarDate;
  qualifies?: FiscalYearLabel;
}

export type TemporalMention = FiscalYearLabel | DateMention | DateRangeMention;

export interface Footnote {
  /** "* The word \"arrest\" includes ..." */
  text: string;
  range: Range;
}

export interface RepeatMention {
  /** "Repeat mention 1 - (ii):" as written. */
  prefixRaw: string;
  prefixRange: Range;
  /** True when the prefix is exactly "Repeat mention S - (r):" (hyphen-minus, single spaces). */
  canonical: boolean;
  sectionNumber: number;
  sectionRange: Range;
  /** The numeral as written inside the parentheses ("ii"). */
  numeral: string;
  numeralRange: Range;
  /** "1-(ii)" */
  targetId: string;
  description: string;
  descriptionRange: Range;
}

export type BlockKind =
  /** What the plan says shall be done; tag names full names. */
  | 'planned-action'
  /** What a ministry reported; a list item, tag names abbreviations. */
  | 'status-entry'
  /** A status entry that points to another measure. */
  | 'repeat-mention'
  /** Untagged prose that could not be attached to a tagged block (e.g. trailing text). */
  | 'text';

export interface BlockPart {
  /** The mdast node type: 'paragraph', 'listItem', 'list', 'blockquote', ... */
  type: string;
  range: Range;
}

export interface Block {
  kind: BlockKind;
  /** "1-(ii)" */
  measureId: string;
  /** Position within its measure's blocks. */
  index: number;
  /** Whole extent: from the first part's start to the last part's end. */
  range: Range;
  /** The mdast nodes the block spans, in order (continuations included). */
  parts: BlockPart[];
  /** Plain text of the parts (markup removed), parts joined with "\n". */
  text: string;
  /** True when the block starts as a list item. */
  listItem: boolean;
  tag: Tag | null;
  footnotes: Footnote[];
  repeat: RepeatMention | null;
  dates: TemporalMention[];
  /** For status entries and repeat mentions: index (in `blocks`) of the planned action they follow, or null. */
  plannedActionIndex: number | null;
}

export interface Measure {
  /** "1-(ii)"; the numeral as written. */
  id: string;
  sectionNumber: number;
  /** Numeral as written inside the parentheses, e.g. "ii". */
  numeral: string;
  numeralRange: Range;
  /** Value of the numeral (ii → 2), null when it is not a valid lowercase roman numeral. */
  ordinal: number | null;
  title: string;
  titleRange: Range;
  heading: Range;
  headingDepth: number;
  /** From the heading to the end of the measure's last block. */
  range: Range;
  blocks: Block[];
  /** Headings inside the measure numbered with a sub-item marker of the profile (ア, イ, ...; ①, ②, ...), in order. */
  subItems: SubItem[];
}

export interface SubItem {
  /** The marker as written: "ア". */
  marker: string;
  markerRange: Range;
  /** Which of the profile's `numbering.subItems` sequences the marker is from. */
  sequence: number;
  /** Its place in that sequence: ア → 1, イ → 2. */
  ordinal: number;
  title: string;
  heading: Range;
  headingDepth: number;
}

export interface Section {
  number: number;
  numberText: string;
  numberRange: Range;
  title: string;
  titleRange: Range;
  heading: Range;
  headingDepth: number;
  range: Range;
  /** Tagged or untagged blocks before the first measure. */
  preamble: Block[];
  measures: Measure[];
}

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named in the comment; empty means all rules. */
  rules: { id: string; range: Range }[];
  /** The whole HTML comment. */
  range: Range;
  /** Optional justification after " -- ". */
  reason?: string;
}

/** A problem found while building the model that is not a rule's finding (reported by the engine as rule "parse"). */
export interface ModelProblem {
  message: Text;
  range: Range;
}

export interface PlanDocument {
  /** The source text exactly as given (BOM removed; the engine restores it when fixing). */
  text: string;
  kind: DocumentKind;
  /** The conventions the draft is read with: front matter `lang`, else the configuration's, else English. */
  profile: LanguageProfile;
  frontMatter: FrontMatter | null;
  legend: Legend | null;
  sections: Section[];
  directives: Directive[];
  problems: ModelProblem[];
  /** Convert an offset in `text` to a point, and offsets to a range. */
  pointAt(offset: number): Point;
  rangeAt(startOffset: number, endOffset: number): Range;
  /** Lookup by "1-(ii)" (numeral compared lowercased). */
  measure(id: string): Measure | undefined;
  /** All measures in document order. */
  measures(): Measure[];
  /** All blocks in document order (section preambles included). */
  blocks(): Block[];
  /** The fiscal year the document covers: front matter, else the title's FY label, else null. */
  fiscalYear: number | null;
}

export interface BuildOptions {
  registry?: Registry;
  /** The language profile to read the draft with when its front matter names none (default "en"). */
  lang?: string;
}

// ---------------------------------------------------------------------------
// Rules and messages
// ---------------------------------------------------------------------------

/** Configured severity. 'info' shows as information: never fails a run. */
export type Severity = 'off' | 'info' | 'warn' | 'error';
export type MessageSeverity = 'info' | 'warning' | 'error';

export interface TextEdit {
  range: Range;
  text: string;
}

export interface Fix {
  /** Shown as the quick fix title: "Replace 'MOJJ' with 'MOJ'". */
  description: string;
  edits: TextEdit[];
}

export type Suggestion = Fix;

export interface RelatedLocation {
  message: string;
  range: Range;
  /** Absolute path of the document the range is in, when it is not the linted one (a linked plan or report). */
  filePath?: string;
}

/** A fix or suggestion as a rule reports it: its title in every locale (see messages.ts). */
export interface FixDescriptor {
  description: Text;
  edits: TextEdit[];
}

/** A related location as a rule reports it. */
export interface RelatedDescriptor {
  message: Text;
  range: Range;
  filePath?: string;
}

export interface LintMessage {
  ruleId: string;
  severity: MessageSeverity;
  message: string;
  range: Range;
  /** Documentation of the rule. */
  url: string;
  fix?: Fix;
  suggestions?: Suggestion[];
  related?: RelatedLocation[];
  /** Set when an inline comment silences the message (kept for SARIF suppressions). */
  suppressed?: { kind: 'inSource'; range: Range; reason?: string };
  /** The measure the message falls in, for grouping ("2-(xii)"). */
  measureId?: string;
  /** LSP diagnostic tags. */
  tags?: ('unnecessary' | 'deprecated')[];
  /** True for a rule crash or unreadable input. */
  fatal?: boolean;
}

export interface ReportDescriptor {
  /** In every locale messages are written in, or one string for all (messages.ts); the engine keeps the lint's. */
  message: Text;
  range: Range;
  fix?: FixDescriptor;
  suggestions?: FixDescriptor[];
  related?: RelatedDescriptor[];
  /** Lower the severity of this one message (e.g. 'info' for an inferred year). */
  severity?: MessageSeverity;
  tags?: ('unnecessary' | 'deprecated')[];
}

// ---------------------------------------------------------------------------
// Linked documents (a report's plan and previous report; packages/core/src/link)
// ---------------------------------------------------------------------------

/** Which link: `plan:`, `previous:`, or `translation-of:` (the original a translated report is checked against). */
export type LinkKey = 'plan' | 'previous' | 'original';

/** A document a report links to, read and modelled once (per run in the CLI, per version in an editor). */
export interface LinkedDocument {
  /** Absolute path (symbolic links resolved), inside the project. */
  path: string;
  /** The path relative to the project root, with '/' separators: how messages name it. */
  displayPath: string;
  document: PlanDocument;
}

/** A link that could not be followed: reported by the `document-link` rule at the front matter line naming it. */
export interface LinkProblem {
  key: LinkKey;
  message: Text;
  /** The value of the front matter key; null when the configuration (`overrides`) named the document. */
  range: Range | null;
  /** The absolute path that was tried, when it is inside the project (a file that may yet appear or change). */
  path?: string;
}

/** What a report's `plan:`, `previous:` and `translation-of:` lead to. */
export interface LinkedDocuments {
  plan?: LinkedDocument;
  previous?: LinkedDocument;
  /** The report this one is a translation of (`translation-of:`; front matter only). */
  original?: LinkedDocument;
  /**
   * Whether the previous report links to the same plan file as this report (true), another plan (false), or
   * names none / one that cannot be followed (undefined). Only its path is resolved: a chain is never followed.
   */
  previousSamePlan?: boolean;
  problems: LinkProblem[];
}

export interface RuleContext<Options> {
  readonly document: PlanDocument;
  /** The documents this one links to (absent when linting without a linker, e.g. a text on its own). */
  readonly linked?: LinkedDocuments;
  readonly registry: Registry;
  readonly options: Options;
  readonly filePath: string | undefined;
  report(descriptor: ReportDescriptor): void;
  /**
   * Storage kept between lints of successive versions of one document (an editor buffer; absent in one-shot
   * runs). A rule may keep, under its own id, work keyed by the exact text it was computed from, so that an
   * edit recomputes only what the edit touched. Results must not depend on whether it is present.
   */
  readonly memo?: Map<string, unknown>;
}

/** A JSON Schema object (draft-07), validated with ajv. */
export type JsonSchema = Record<string, unknown>;

export interface RuleMeta {
  /** kebab-case id, e.g. "ministry-known". */
  id: string;
  /** One line: what the rule checks, in every locale (`plan-lint --list-rules`, the docs index). */
  description: Localized;
  defaultSeverity: Severity;
  /** In the plan-lint:recommended preset (at defaultSeverity). Every rule is on as "error" in plan-lint:strict unless it is 'info'. */
  recommended: boolean;
  fixable: boolean;
  hasSuggestions: boolean;
  /** JSON Schema of the options object. */
  schema: JsonSchema;
  /** Defaults merged under the configured options. */
  defaultOptions: Record<string, unknown>;
  /** Document kinds the rule applies to. */
  appliesTo: DocumentKind[];
  /** Path of the Markdown documentation, relative to rules/ (e.g. "ministry-known.md"). */
  docs: string;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

/** A rule of any options type (method parameters are bivariant, so every Rule<O> fits). The engine passes validated options. */
export type AnyRule = Rule<never>;

// ---------------------------------------------------------------------------
// Configuration and lint results
// ---------------------------------------------------------------------------

export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];

export interface ConfigOverride {
  files: string | string[];
  rules?: Record<string, RuleSetting>;
  /** The plan these status reports report on, relative to the config file (a report's own `plan:` wins). */
  plan?: string;
  /** Their previous fiscal year's report, relative to the config file (a report's own `previous:` wins). */
  previous?: string;
  /** The language profile of these files when their front matter names none. */
  lang?: string;
  /** The language of these files' messages (default: each draft's language). */
  locale?: Locale;
}

/** The `.plan-lint.json` / `.plan-lint.jsonc` file. */
export interface ConfigFile {
  $schema?: string;
  extends?: string | string[];
  rules?: Record<string, RuleSetting>;
  /** Extra registry JSON files, relative to the config file. */
  registry?: string | string[];
  ignores?: string[];
  overrides?: ConfigOverride[];
  noInlineConfig?: boolean;
  /** Severity of unused disable comments (default "warn"). */
  reportUnusedDisableDirectives?: Severity;
  /** The language profile of drafts whose front matter names none (default "en"); `overrides` may set it per file. */
  lang?: string;
  /** The language of the messages (default: each draft's language); `overrides` may set it per file. */
  locale?: Locale;
}

/** The effective configuration for one file. */
export interface ResolvedConfig {
  rules: Record<string, { severity: Severity; options: Record<string, unknown> }>;
  /**
   * Where linked documents may be read from, and the ones the configuration names. `root` is the directory of
   * the configuration file (absent without one: the linted file's directory is the project then); `plan` and
   * `previous` are absolute paths set by `overrides` (a front matter key wins over them).
   */
  links?: { root?: string; plan?: string; previous?: string };
  registry: Registry;
  /** The language profile of the file when its front matter names none (absent: English). */
  lang?: string;
  /** The language of its messages when the lint asks for none (absent: the draft's language). */
  locale?: Locale;
  noInlineConfig: boolean;
  reportUnusedDisableDirectives: Severity;
}

export interface LintOptions {
  filePath?: string;
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  /** Kept between lints of successive versions of this document and handed to rules as `RuleContext.memo`. */
  ruleMemo?: Map<string, unknown>;
  /**
   * Resolves the documents this one links to (`plan:`, `previous:`), reading each once (`createLinker()`).
   * Without it, link rules find nothing to compare with.
   */
  linker?: Linker;
  /**
   * The language of the messages; absent: the configuration's `locale`, else the language of the draft (its
   * profile's `lang`, when messages are written in it), else English.
   */
  locale?: Locale;
}

/** Reads and models linked documents, once per path and text (see packages/core/src/link). */
export interface Linker {
  /** The linked documents of `document` (at `filePath`, absolute). Never throws. */
  resolve(document: PlanDocument, filePath: string, config: ResolvedConfig): LinkedDocuments;
}

export interface LintResult {
  filePath?: string;
  source: string;
  document: PlanDocument;
  /** The documents it links to, when linted with a linker (the HTML report and the editor compare with them). */
  linked?: LinkedDocuments;
  /** The language the messages are written in. */
  locale: Locale;
  /** Active messages, sorted by position. */
  messages: LintMessage[];
  /** Messages silenced by inline comments. */
  suppressedMessages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}
