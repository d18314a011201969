import type { Rule, RuleMeta } from '@plan-lint/core';
import { repeatPrefix } from '@plan-lint/core';
import { repeatBlocks } from './lib/repeat.js';

export const meta: RuleMeta = {
  id: 'repeat-mention-format',
  description: 'Repeat mentions are written in the canonical form of the draft\'s language: "Repeat mention 1 - (ii):", "再掲 1－（2）：".',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: true,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['status-report'],
  docs: 'repeat-mention-format.md',
};

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const DASH = /[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const BRACKETS: readonly [string, string][] = [['(', '（'], [')', '）']];
const FULL_WIDTH_DIGIT = /[０-９]/;

/** What differs between a written prefix and the canonical one (of any profile), in drafter terms. */
export function differences(raw: string, canonical: string): string[] {
  const out: string[] = [];
  const canonicalDash = DASH.exec(canonical)?.[0];
  if (canonicalDash === '-') {
    if (raw.includes('\u2013')) out.push('an en dash instead of "-"');
    else if (raw.includes('\u2014')) out.push('an em dash instead of "-"');
    else if (raw.replace(DASHES, '') !== raw) out.push('a dash other than "-"');
  } else if (canonicalDash !== undefined) {
    const dash = DASH.exec(raw)?.[0];
    if (dash !== undefined && dash !== canonicalDash) out.push(`'${dash}' instead of '${canonicalDash}'`);
  }
  for (const pair of BRACKETS) {
    for (const [wrong, right] of [pair, [pair[1], pair[0]]] as const) {
      if (canonical.includes(right) && raw.includes(wrong)) out.push(`'${wrong}' instead of '${right}'`);
    }
  }
  if (FULL_WIDTH_DIGIT.test(raw) && !FULL_WIDTH_DIGIT.test(canonical)) out.push('full-width digits');
  const colon = canonical.trimEnd().slice(-1);
  if (!raw.trimEnd().endsWith(colon)) {
    const other = raw.trimEnd().slice(-1);
    out.push(colon !== ':' && (other === ':' || other === '：') ? `'${other}' instead of '${colon}'` : 'no colon');
  }
  // Compared with widths folded, every dash as "-" and without the colon: only case and spacing are left.
  const fold = (s: string) => {
    const t = s.normalize('NFKC').replace(DASHES, '-').trim();
    return t.endsWith(':') ? t.slice(0, -1).trimEnd() : t;
  };
  const a = fold(raw);
  const b = fold(canonical);
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (squash(a) !== squash(b) && squash(a).toLowerCase() === squash(b).toLowerCase()) out.push('different capitalization');
  if (a.toLowerCase() !== b.toLowerCase() && squash(a).toLowerCase() === squash(b).toLowerCase()) {
    out.push('spacing other than single spaces');
  }
  if (out.length === 0) out.push('a different form');
  return out;
}

export const repeatMentionFormat: Rule = {
  meta,
  check(context) {
    const { document } = context;
    for (const { repeat } of repeatBlocks(document)) {
      const canonical = repeatPrefix(document.profile, repeat.sectionNumber, repeat.numeral);
      const raw = repeat.prefixRaw;
      if (raw === canonical) continue;
      const start = repeat.prefixRange.start.offset;
      const end = repeat.prefixRange.end.offset;
      // Keep the profile's separation (one space in English) between the prefix and the description.
      const next = document.text[end];
      const replacement = next !== undefined && !/\s/.test(next) ? `${canonical}${document.profile.repeat.after}` : canonical;
      context.report({
        message: `Write the repeat-mention prefix as '${canonical}', not '${raw.trim()}' (${differences(raw.trim(), canonical).join(', ')})`,
        range: document.rangeAt(start, start + raw.trimEnd().length),
        fix: { description: `Replace with '${canonical}'`, edits: [{ range: document.rangeAt(start, end), text: replacement }] },
      });
    }
  },
};

export default repeatMentionFormat;
