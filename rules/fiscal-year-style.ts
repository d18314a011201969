import type { FiscalYearLabel, Rule, RuleMeta } from '@plan-lint/core';

export const FISCAL_YEAR_STYLES = ['FY2018', 'FY 2018', 'fiscal 2018', 'fiscal year 2018'] as const;
export type FiscalYearStyle = (typeof FISCAL_YEAR_STYLES)[number];
/** The form written when the configuration names none, and the one a tie goes to under "auto". */
export const CANONICAL_STYLE: FiscalYearStyle = 'FY2018';
/** Forms that are read but never written: the two-digit "FY18". */
type ReadOnlyStyle = 'FY18';

export interface Options {
  /** One form, written for the year 2018 (default "FY2018"), or "auto": the document's most frequent form. */
  style: 'auto' | FiscalYearStyle;
}

export const meta: RuleMeta = {
  id: 'fiscal-year-style',
  description: 'Fiscal-year labels are written in one form, "FY2018" unless configured otherwise (not "FY 2018", "fiscal 2018" or "FY18").',
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

export const fiscalYearStyle: Rule<Options> = {
  meta,
  check(context) {
    const { document } = context;
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
    let why: string;
    if (configured !== 'auto') {
      target = configured;
      why = configured === CANONICAL_STYLE ? `'FY2018' is the standard form` : `the configured style is '${render(target, 2018, target)}'`;
    } else {
      const written = labels.flatMap((l) => (l.style === 'FY18' ? [] : [l.style]));
      const best = dominant(written);
      target = best.style;
      const example = render(target, labels.find((l) => l.style === target)?.label.year ?? 2018, 'f');
      why = best.tied
        ? `the document's fiscal-year labels are split evenly between forms, and '${example}' is the standard one`
        : `${best.count} of the document's ${labels.length} fiscal-year labels are written like '${example}'`;
    }
    for (const { label, style } of labels) {
      const expected = render(target, label.year, label.raw);
      if (label.raw === expected) continue;
      const reason = style === 'FY18' ? `a two-digit year is ambiguous, and ${why}` : why;
      context.report({
        message: `Write '${expected}', not '${label.raw}': ${reason}`,
        range: label.range,
        fix: { description: `Replace '${label.raw}' with '${expected}'`, edits: [{ range: label.range, text: expected }] },
      });
    }
  },
};

export default fiscalYearStyle;
