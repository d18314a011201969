import type { FiscalYearLabel, Rule, RuleMeta } from '@plan-lint/core';

export const FISCAL_YEAR_STYLES = ['FY2018', 'FY 2018', 'fiscal 2018', 'fiscal year 2018'] as const;
export type FiscalYearStyle = (typeof FISCAL_YEAR_STYLES)[number];

export interface Options {
  /** "auto" (the document's dominant form) or one form, written for the year 2018. */
  style: 'auto' | FiscalYearStyle;
}

export const meta: RuleMeta = {
  id: 'fiscal-year-style',
  description: 'Fiscal-year labels are written in one form throughout the document ("FY2018", not "FY 2018" among them).',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: true,
  hasSuggestions: false,
  schema: {
    type: 'object',
    properties: { style: { enum: ['auto', ...FISCAL_YEAR_STYLES] } },
    additionalProperties: false,
  },
  defaultOptions: { style: 'auto' },
  appliesTo: ['plan', 'status-report'],
  docs: 'fiscal-year-style.md',
};

/** The form of an English label, or null for forms this rule leaves alone (Japanese era years, ranges). */
export function classify(label: FiscalYearLabel): FiscalYearStyle | null {
  if ((FISCAL_YEAR_STYLES as readonly string[]).includes(label.style)) {
    // Trust the model's classification only when the raw text agrees with it.
    const fromRaw = classifyRaw(label.raw);
    return fromRaw ?? (label.style as FiscalYearStyle);
  }
  return classifyRaw(label.raw);
}

function classifyRaw(raw: string): FiscalYearStyle | null {
  const t = raw.trim();
  if (/^FY\d{4}$/i.test(t)) return 'FY2018';
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

export const fiscalYearStyle: Rule<Options> = {
  meta,
  check(context) {
    const { document } = context;
    const labels: { label: FiscalYearLabel; style: FiscalYearStyle }[] = [];
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
    const configured = context.options.style ?? 'auto';
    let target: FiscalYearStyle;
    let why: string;
    if (configured !== 'auto') {
      target = configured;
      why = `the configured style is '${render(target, 2018, target)}'`;
    } else {
      const counts = new Map<FiscalYearStyle, number>();
      for (const l of labels) counts.set(l.style, (counts.get(l.style) ?? 0) + 1);
      if (counts.size < 2 && labels.every((l) => l.label.raw === render(l.style, l.label.year, l.label.raw))) return;
      // The most frequent form; ties go to the form used first.
      let best: FiscalYearStyle = labels[0]?.style ?? 'FY2018';
      for (const l of labels) if ((counts.get(l.style) ?? 0) > (counts.get(best) ?? 0)) best = l.style;
      target = best;
      const example = render(best, labels.find((l) => l.style === best)?.label.year ?? 2018, 'f');
      const n = counts.get(best) ?? 0;
      const tied = [...counts.values()].filter((c) => c === n).length > 1;
      why = tied
        ? `the document's fiscal-year labels are split evenly between forms, and the first one is written like '${example}'`
        : `${n} of the document's ${labels.length} fiscal-year labels are written like '${example}'`;
    }
    for (const { label } of labels) {
      const expected = render(target, label.year, label.raw);
      if (label.raw === expected) continue;
      context.report({
        message: `Write '${expected}', not '${label.raw}': ${why}`,
        range: label.range,
        fix: { description: `Replace '${label.raw}' with '${expected}'`, edits: [{ range: label.range, text: expected }] },
      });
    }
  },
};

export default fiscalYearStyle;
