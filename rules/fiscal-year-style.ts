import type { EraCalendar, FiscalYearLabel, Localized, PlanDocument, ReportDescriptor, Rule, RuleMeta } from '@plan-lint/core';
import { eraCalendar, fiscalYearInEra, localized } from '@plan-lint/core';

export const FISCAL_YEAR_STYLES = ['FY2018', 'FY 2018', 'fiscal 2018', 'fiscal year 2018'] as const;
export type FiscalYearStyle = (typeof FISCAL_YEAR_STYLES)[number];
/** The form written when the configuration names none, and the one a tie goes to under "auto". */
export const CANONICAL_STYLE: FiscalYearStyle = 'FY2018';
/** Forms that are read but never written: the two-digit "FY18". */
type ReadOnlyStyle = 'FY18';
/** The forms of a Japanese draft (its profile's standard form is one of them): the era year, the western year. */
export const JAPANESE_STYLES = ['平成30年度', '2018年度'] as const;
export type JapaneseStyle = (typeof JAPANESE_STYLES)[number];

export interface Options {
  /** One form, written for the year 2018 (default "FY2018"), or "auto": the document's most frequent form. */
  style: 'auto' | FiscalYearStyle;
}

export const meta: RuleMeta = {
  id: 'fiscal-year-style',
  description: {
    en: 'Fiscal-year labels are written in one form, "FY2018" unless configured otherwise (not "FY 2018", "fiscal 2018" or "FY18").',
    ja: '年度の書き方（「令和5年度」、「2023年度」など）が一つにそろっていること。',
  },
  defaultSeverity: 'warn',
  recommended: true,
  fixable: true,
  hasSuggestions: false,
  schema: {
    type: 'object',
    properties: { style: { enum: [...FISCAL_YEAR_STYLES, 'auto'] } },
    additionalProperties: false,
  },
  defaultOptions: { style: CANONICAL_STYLE },
  appliesTo: ['plan', 'status-report'],
  docs: 'fiscal-year-style.md',
};

/** The form of an English label, or null for forms this rule leaves alone (Japanese era years, ranges). */
export function classify(label: FiscalYearLabel): FiscalYearStyle | ReadOnlyStyle | null {
  if ((FISCAL_YEAR_STYLES as readonly string[]).includes(label.style)) {
    // Trust the model's classification only when the raw text agrees with it.
    const fromRaw = classifyRaw(label.raw);
    return fromRaw ?? (label.style as FiscalYearStyle);
  }
  return classifyRaw(label.raw);
}

function classifyRaw(raw: string): FiscalYearStyle | ReadOnlyStyle | null {
  const t = raw.trim();
  if (/^FY\d{4}$/i.test(t)) return 'FY2018';
  if (/^FY\d{2}$/i.test(t)) return 'FY18';
  if (/^FY[\s\u00a0]+\d{4}$/i.test(t)) return 'FY 2018';
  if (/^fiscal[\s\u00a0]+year[\s\u00a0]+\d{4}$/i.test(t)) return 'fiscal year 2018';
  if (/^fiscal[\s\u00a0]+\d{4}$/i.test(t)) return 'fiscal 2018';
  return null;
}

/** The label in a given form, keeping a capital "F" of "Fiscal" at the start of a sentence. */
export function render(style: FiscalYearStyle, year: number, raw: string): string {
  switch (style) {
    case 'FY2018':
      return `FY${year}`;
    case 'FY 2018':
      return `FY ${year}`;
    case 'fiscal 2018':
    case 'fiscal year 2018': {
      const text = style === 'fiscal 2018' ? `fiscal ${year}` : `fiscal year ${year}`;
      return raw.trim().startsWith('F') && !/^FY/i.test(raw.trim()) ? `F${text.slice(1)}` : text;
    }
  }
}

/** The form to write under "auto": the most frequent one; a tie goes to the canonical form, never to another. */
function dominant(styles: readonly FiscalYearStyle[]): { style: FiscalYearStyle; count: number; tied: boolean } {
  const counts = new Map<FiscalYearStyle, number>();
  for (const s of styles) counts.set(s, (counts.get(s) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const leaders = [...counts].filter(([, n]) => n === top).map(([s]) => s);
  const only = leaders.length === 1 ? leaders[0] : undefined;
  return { style: only ?? CANONICAL_STYLE, count: top, tied: only === undefined };
}

/** The form of a Japanese label, or null for one left alone (an era year without its era: 30年度). */
function classifyJapanese(label: FiscalYearLabel, calendar: EraCalendar | null): JapaneseStyle | null {
  if (label.style === 'japanese-western') return '2018年度';
  if (label.style === 'japanese-era' && calendar?.eras.some((e) => label.raw.startsWith(e.name))) return '平成30年度';
  return null;
}

function renderJapanese(calendar: EraCalendar | null, style: JapaneseStyle, year: number): string {
  const era = style === '2018年度' || calendar === null ? null : fiscalYearInEra(year, calendar);
  return `${era ?? year}年度`;
}

/** The label is the other form of the label just before it, in brackets: 令和5年度（2023年度）. */
function restatesPrevious(document: PlanDocument, label: FiscalYearLabel, previous: FiscalYearLabel | undefined): boolean {
  if (!previous || previous.year !== label.year) return false;
  const between = document.text.slice(previous.range.end.offset, label.range.start.offset);
  return /^[ \t]*[(（][ \t]*$/.test(between);
}

/** Japanese drafts: one form of 年度 label (the profile's standard, or the most frequent under "auto"). */
function checkJapanese(document: PlanDocument, standard: JapaneseStyle, auto: boolean, report: (label: FiscalYearLabel, expected: string, why: Localized) => void): void {
  const labels: { label: FiscalYearLabel; style: JapaneseStyle }[] = [];
  const calendar = eraCalendar(document.profile);
  let previous: FiscalYearLabel | undefined;
  for (const block of document.blocks()) {
    for (const mention of block.dates) {
      if (mention.kind !== 'fiscal-year') continue;
      const style = classifyJapanese(mention, calendar);
      if (style && !restatesPrevious(document, mention, previous)) labels.push({ label: mention, style });
      previous = mention;
    }
  }
  if (labels.length === 0) return;
  let target = standard;
  const example = renderJapanese(calendar, standard, 2018);
  let why: Localized = { en: `'${example}' (an era year) is the standard form`, ja: `年度は「${example}」の形で書くのが標準です` };
  if (auto) {
    const count = (s: JapaneseStyle) => labels.filter((l) => l.style === s).length;
    const [a, b] = JAPANESE_STYLES.map(count) as [number, number];
    if (a !== b) target = a > b ? JAPANESE_STYLES[0] : JAPANESE_STYLES[1];
    const most = Math.max(a, b);
    why =
      a === b
        ? { en: `the document's 年度 labels are split evenly between forms, and the era year is the standard one`, ja: `文書中の年度の表記は二つの形が同数のため、標準の「${example}」の形にそろえます` }
        : { en: `${most} of the document's ${labels.length} 年度 labels are written that way`, ja: `文書中の年度の表記${labels.length}件のうち${most}件がこの形で書かれています` };
  }
  for (const { label } of labels) {
    const expected = renderJapanese(calendar, target, label.year);
    if (label.raw !== expected) report(label, expected, why);
  }
}

export const fiscalYearStyle: Rule<Options> = {
  meta,
  check(context) {
    const { document } = context;
    const standard = document.profile.fiscalYears.standard;
    if ((JAPANESE_STYLES as readonly string[]).includes(standard)) {
      checkJapanese(document, standard as JapaneseStyle, context.options.style === 'auto', (label, expected, why) => context.report(styleReport(label, expected, why)));
      return;
    }
    const labels: { label: FiscalYearLabel; style: FiscalYearStyle | ReadOnlyStyle }[] = [];
    const seen = new Set<number>();
    for (const block of document.blocks()) {
      for (const mention of block.dates) {
        const candidates = mention.kind === 'fiscal-year' ? [mention] : mention.qualifies ? [mention.qualifies] : [];
        for (const label of candidates) {
          if (seen.has(label.range.start.offset)) continue;
          seen.add(label.range.start.offset);
          const style = classify(label);
          if (style) labels.push({ label, style });
        }
      }
    }
    if (labels.length === 0) return;
    const configured = context.options.style ?? CANONICAL_STYLE;
    let target: FiscalYearStyle;
    let why: Localized;
    if (configured !== 'auto') {
      target = configured;
      const shown = render(target, 2018, target);
      why =
        configured === CANONICAL_STYLE
          ? { en: `'FY2018' is the standard form`, ja: `「FY2018」の形が標準です` }
          : { en: `the configured style is '${shown}'`, ja: `設定（「style」）で「${shown}」の形が指定されています` };
    } else {
      const written = labels.flatMap((l) => (l.style === 'FY18' ? [] : [l.style]));
      const best = dominant(written);
      target = best.style;
      const example = render(target, labels.find((l) => l.style === target)?.label.year ?? 2018, 'f');
      why = best.tied
        ? {
            en: `the document's fiscal-year labels are split evenly between forms, and '${example}' is the standard one`,
            ja: `文書中の年度の表記は複数の形が同数のため、標準の「${example}」の形にそろえます`,
          }
        : {
            en: `${best.count} of the document's ${labels.length} fiscal-year labels are written like '${example}'`,
            ja: `文書中の年度の表記${labels.length}件のうち${best.count}件が「${example}」の形で書かれています`,
          };
    }
    for (const { label, style } of labels) {
      const expected = render(target, label.year, label.raw);
      if (label.raw === expected) continue;
      const reason: Localized =
        style === 'FY18' ? { en: `a two-digit year is ambiguous, and ${why.en}`, ja: `年を2桁で書くと何年か紛らわしくなります。また、${why.ja}` } : why;
      context.report(styleReport(label, expected, reason));
    }
  },
};

/** A label to write in another form, with the fix that rewrites it. */
function styleReport(label: FiscalYearLabel, expected: string, why: Localized): ReportDescriptor {
  return {
    message: localized((l) => (l === 'en' ? `Write '${expected}', not '${label.raw}': ${why.en}` : `「${label.raw}」ではなく「${expected}」と書いてください。${why.ja}`)),
    range: label.range,
    fix: { description: { en: `Replace '${label.raw}' with '${expected}'`, ja: `「${label.raw}」を「${expected}」に置き換える` }, edits: [{ range: label.range, text: expected }] },
  };
}

export default fiscalYearStyle;
