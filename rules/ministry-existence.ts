import type { Range, RegistryBody, Rule, Suggestion, TagName } from '@plan-lint/core';
import { MinistryResolver, fiscalYearBounds, plainList } from './ministry-known.js';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2023-04-01" → "1 April 2023". */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "the Cabinet Office and the Ministry of Health, Labour and Welfare". */
function theList(bodies: readonly RegistryBody[]): string {
  return plainList(bodies.map((b) => `the ${b.name}`));
}

/** Why a body did not exist in the fiscal year, in drafter words. */
export function existenceMessage(body: RegistryBody, fy: number, from: string, before: RegistryBody[], after: RegistryBody[]): string {
  const parts: string[] = [];
  if (body.validTo === undefined || body.validTo >= from) {
    parts.push(`it was established on ${formatIsoDate(body.validFrom ?? '')}`);
    if (before.length > 0) parts.push(`before that, its work was done by ${theList(before)}`);
  } else {
    parts.push(`it existed until ${formatIsoDate(body.validTo)}`);
    if (after.length > 0) parts.push(`${after.length === 1 ? 'its successor is' : 'its successors are'} ${theList(after)}`);
  }
  return `The ${body.name} did not exist in FY${fy} (${parts.join('; ')})`;
}

/** A body that did not exist in the document's fiscal year. */
export const ministryExistence: Rule = {
  meta: {
    id: 'ministry-existence',
    description:
      "Every ministry named in the document existed during the document's fiscal year (1 April to 31 March), according to the registry's dates.",
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['plan', 'status-report'],
    docs: 'ministry-existence.md',
  },
  check(context) {
    const { document, registry } = context;
    const fy = document.fiscalYear;
    if (fy === null || !Number.isInteger(fy)) return;
    const { from, to } = fiscalYearBounds(fy);
    const resolver = MinistryResolver.of(document, registry);

    const related = (ids: readonly string[] | undefined): RegistryBody[] =>
      (ids ?? [])
        .map((id) => registry.byId(id))
        .filter((b): b is RegistryBody => b !== undefined && registry.existedDuring(b, from, to));

    const check = (body: RegistryBody, range: Range, replacement: (b: RegistryBody) => string | undefined) => {
      if (registry.existedDuring(body, from, to)) return;
      const before = body.validFrom !== undefined && body.validFrom > to ? related(body.predecessors) : [];
      const after = body.validTo !== undefined && body.validTo < from ? related(body.successors) : [];
      const suggestions: Suggestion[] = [];
      for (const other of [...before, ...after]) {
        const text = replacement(other);
        if (text !== undefined) suggestions.push({ description: `Replace with '${text}'`, edits: [{ range, text }] });
      }
      context.report({
        message: existenceMessage(body, fy, from, before, after),
        range,
        ...(suggestions.length > 0 ? { suggestions } : {}),
      });
    };

    for (const entry of document.legend?.entries ?? []) {
      const body = registry.byAbbreviation(entry.abbreviation) ?? registry.byName(entry.name);
      if (body) check(body, entry.range, (b) => (b.abbreviations[0] !== undefined ? `${b.abbreviations[0]}: ${b.name}` : undefined));
    }

    for (const block of document.blocks()) {
      for (const name of block.tag?.names ?? []) {
        const body = resolver.resolve(name)?.body;
        if (!body) continue;
        check(body, name.range, (b) => replacementText(name, b));
      }
    }
  },
};

function replacementText(name: TagName, body: RegistryBody): string | undefined {
  const abbr = body.abbreviations[0];
  switch (name.form) {
    case 'full-name':
      return body.name;
    case 'abbreviation':
      return abbr;
    case 'definition':
      return abbr !== undefined ? `${body.name}: ${abbr}` : undefined;
    case 'other-related':
      return undefined;
  }
}

export default ministryExistence;
