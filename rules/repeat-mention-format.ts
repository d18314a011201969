import type { Locale, Localized, Rule, RuleMeta } from '@plan-lint/core';
import { localized, repeatPrefix, textIn } from '@plan-lint/core';
import { repeatBlocks } from './lib/repeat.js';

export const meta: RuleMeta = {
  id: 'repeat-mention-format',
  description: {
    en: 'Repeat mentions are written in the canonical form of the draft\'s language: "Repeat mention 1 - (ii):", "再掲 1－（2）：".',
    ja: '再掲が原稿の言語の決まった形（「再掲 1－（2）：」、英語の原稿では「Repeat mention 1 - (ii):」）で書かれていること。',
  },
  defaultSeverity: 'warn',
  recommended: true,
  fixable: true,
  hasSuggestions: false,
  schema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  appliesTo: ['status-report'],
  docs: 'repeat-mention-format.md',
};

// Dashes, with the katakana prolonged sound mark (ー) that Japanese input often gives for －.
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFE58\uFE63\uFF0D]/g;
const DASH = /[-\u2010-\u2015\u2212\u30FC\uFE58\uFE63\uFF0D]/;
const FULL_WIDTH_SPACE = /\u3000/;
const BRACKETS: readonly [string, string][] = [['(', '（'], [')', '）']];
const FULL_WIDTH_DIGIT = /[０-９]/;

/** How each difference reads in each locale. */
const SAY = {
  enDash: { en: 'an en dash instead of "-"', ja: '「-」の代わりにエンダッシュ（–）' },
  emDash: { en: 'an em dash instead of "-"', ja: '「-」の代わりにエムダッシュ（—）' },
  otherDash: { en: 'a dash other than "-"', ja: '「-」以外のダッシュ' },
  fullWidthDigits: { en: 'full-width digits', ja: '全角数字' },
  fullWidthSpace: { en: 'a full-width space', ja: '全角空白' },
  capitalization: { en: 'different capitalization', ja: '大文字・小文字の違い' },
  spacing: { en: 'spacing other than single spaces', ja: '空白の入れ方の違い' },
  otherForm: { en: 'a different form', ja: '書き方の違い' },
} as const satisfies Record<string, Localized>;

/** One character written in place of another: "'-' instead of '－'" / "「－」の代わりに「-」". */
function insteadOf(written: string, canonical: string): Localized {
  return { en: `'${written}' instead of '${canonical}'`, ja: `「${canonical}」の代わりに「${written}」` };
}

/** What differs between a written prefix and the canonical one (of any profile), in drafter terms. */
export function differences(raw: string, canonical: string, locale: Locale = 'en'): string[] {
  const out: Localized[] = [];
  const canonicalDash = DASH.exec(canonical)?.[0];
  if (canonicalDash === '-') {
    if (raw.includes('\u2013')) out.push(SAY.enDash);
    else if (raw.includes('\u2014')) out.push(SAY.emDash);
    else if (raw.replace(DASHES, '') !== raw) out.push(SAY.otherDash);
  } else if (canonicalDash !== undefined) {
    const dash = DASH.exec(raw)?.[0];
    if (dash !== undefined && dash !== canonicalDash) out.push(insteadOf(dash, canonicalDash));
  }
  for (const pair of BRACKETS) {
    for (const [wrong, right] of [pair, [pair[1], pair[0]]] as const) {
      if (canonical.includes(right) && raw.includes(wrong)) out.push(insteadOf(wrong, right));
    }
  }
  if (FULL_WIDTH_DIGIT.test(raw) && !FULL_WIDTH_DIGIT.test(canonical)) out.push(SAY.fullWidthDigits);
  if (FULL_WIDTH_SPACE.test(raw) && !FULL_WIDTH_SPACE.test(canonical)) out.push(SAY.fullWidthSpace);
  const colon = canonical.trimEnd().slice(-1);
  if (!raw.trimEnd().endsWith(colon)) {
    const other = raw.trimEnd().slice(-1);
    out.push(
      colon !== ':' && (other === ':' || other === '：') ? insteadOf(other, colon) : { en: 'no colon', ja: `「${colon}」なし` },
    );
  }
  // Compared with widths folded, every dash as "-" and without the colon: only case and spacing are left.
  const fold = (s: string) => {
    const t = s.normalize('NFKC').replace(DASHES, '-').trim();
    return t.endsWith(':') ? t.slice(0, -1).trimEnd() : t;
  };
  const a = fold(raw);
  const b = fold(canonical);
  const squash = (s: string) => s.replace(/\s+/g, '');
  if (squash(a) !== squash(b) && squash(a).toLowerCase() === squash(b).toLowerCase()) out.push(SAY.capitalization);
  if (a.toLowerCase() !== b.toLowerCase() && squash(a).toLowerCase() === squash(b).toLowerCase()) out.push(SAY.spacing);
  if (out.length === 0) out.push(SAY.otherForm);
  return out.map((d) => textIn(d, locale));
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
      // The profile's separation between the prefix and the description (one space in English, none in Japanese):
      // added when the description follows at once, and in place of other spaces written there (a line break is kept).
      const after = document.profile.repeat.after;
      const written = /^[ \t\u3000]*/.exec(document.text.slice(end, end + 200))?.[0] ?? '';
      const next = document.text[end + written.length];
      const atLineEnd = next === undefined || next === '\n' || next === '\r';
      const spaces = atLineEnd || written === after ? 0 : written.length;
      const replacement = spaces > 0 || (written === '' && !atLineEnd) ? `${canonical}${after}` : canonical;
      const shown = raw.trim();
      context.report({
        message: localized((l) =>
          l === 'ja'
            ? `再掲の書き出しは「${canonical}」と書いてください。「${shown}」となっています（${differences(shown, canonical, l).join('、')}）`
            : `Write the repeat-mention prefix as '${canonical}', not '${shown}' (${differences(shown, canonical, l).join(', ')})`,
        ),
        range: document.rangeAt(start, start + raw.trimEnd().length),
        fix: {
          description: { en: `Replace with '${canonical}'`, ja: `「${canonical}」に置き換える` },
          edits: [{ range: document.rangeAt(start, end + spaces), text: replacement }],
        },
      });
    }
  },
};

export default repeatMentionFormat;
