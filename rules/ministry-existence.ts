import type { FixDescriptor, Range, RegistryBody, Rule, TagName, Text } from '@plan-lint/core';
import { bodyLabel, dateLabel, fiscalYearLabel, listLabel, localized, quoteLabel } from '@plan-lint/core';
import { MinistryResolver, fiscalYearBounds } from './ministry-known.js';

/** Why a body did not exist in the fiscal year, in drafter words: "The Children and Families Agency did not exist in FY2022 (…)" / 「こども家庭庁」は令和4年度にはまだ設置されていません（2023年4月1日設置）. */
function existenceMessage(body: RegistryBody, fy: number, from: string, before: RegistryBody[], after: RegistryBody[]): Text {
  const notYet = body.validTo === undefined || body.validTo >= from;
  const names = (bodies: readonly RegistryBody[], locale: 'en' | 'ja'): string =>
    listLabel(bodies.map((b) => (locale === 'en' ? `the ${b.name}` : quoteLabel(b.nameJa, 'ja'))), locale);
  return localized((l) => {
    if (l === 'en') {
      const parts: string[] = [];
      if (notYet) {
        parts.push(`it was established on ${dateLabel(body.validFrom ?? '', l)}`);
        if (before.length > 0) parts.push(`before that, its work was done by ${names(before, l)}`);
      } else {
        parts.push(`it existed until ${dateLabel(body.validTo ?? '', l)}`);
        if (after.length > 0) parts.push(`${after.length === 1 ? 'its successor is' : 'its successors are'} ${names(after, l)}`);
      }
      return `The ${body.name} did not exist in ${fiscalYearLabel(fy, l)} (${parts.join('; ')})`;
    }
    const subject = `${quoteLabel(bodyLabel(body, l), l)}は${fiscalYearLabel(fy, l)}には`;
    if (notYet) {
      const then = before.length > 0 ? `。それまでは${names(before, l)}が所管していました` : '';
      return `${subject}まだ設置されていません（${dateLabel(body.validFrom ?? '', l)}設置${then}）`;
    }
    const next = after.length > 0 ? `。後継は${names(after, l)}です` : '';
    return `${subject}既に廃止されています（${dateLabel(body.validTo ?? '', l)}まで存続${next}）`;
  });
}

/** A body that did not exist in the document's fiscal year. */
export const ministryExistence: Rule = {
  meta: {
    id: 'ministry-existence',
    description: {
      en: "Every ministry named in the document existed during the document's fiscal year (1 April to 31 March), according to the registry's dates.",
      ja: '原稿に書かれた府省庁が、原稿の年度（4月1日から翌年3月31日まで）に存在していたこと（登録簿の設置・廃止の日付による）。',
    },
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
      const suggestions: FixDescriptor[] = [];
      for (const other of [...before, ...after]) {
        const text = replacement(other);
        if (text !== undefined) suggestions.push({ description: localized((l) => (l === 'en' ? `Replace with '${text}'` : `「${text}」に置き換える`)), edits: [{ range, text }] });
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
      const names = block.tag?.names ?? [];
      for (const name of names) {
        const body = resolver.resolve(name)?.body;
        if (!body) continue;
        // 厚生労働省(こども家庭庁): a body and its successor (or predecessor) across a reorganisation; the
        // responsible one is whichever existed in the fiscal year.
        const partner = name.pairedWith !== undefined ? names[name.pairedWith] : undefined;
        const other = partner && resolver.resolve(partner)?.body;
        const reorganised = other !== undefined && (body.predecessors?.includes(other.id) || body.successors?.includes(other.id));
        if (reorganised && registry.existedDuring(other, from, to)) continue;
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
