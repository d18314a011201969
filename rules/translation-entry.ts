import type { Block, Locale, PlanDocument, Range, RelatedDescriptor, Rule, RuleContext, Text } from '@plan-lint/core';
import { entryPairs, localized, quoteLabel } from '@plan-lint/core';
import {
  bodyName,
  entryBodies,
  figureValues,
  temporalValues,
  valueDifference,
  valueLabel,
  wordFigureKeys,
  yearlessDateKeys,
  type Value,
} from './lib/translation.js';

/** The text of an entry before its tag (where a value it leaves out is reported). */
function entryText(document: PlanDocument, block: Block): Range {
  const end = block.tag ? block.tag.range.start.offset : block.range.end.offset;
  return document.rangeAt(block.range.start.offset, Math.max(block.range.start.offset, end));
}

/**
 * A value as written ('2,602', 「平成30年4月23日」), with what it means when the message is in another language
 * than the text it quotes: 'April 23, 2018' in a Japanese message is 「April 23, 2018」（平成30年4月23日）.
 */
function shown(value: Value, locale: Locale, written: string): string {
  const quoted = quoteLabel(value.raw, locale);
  const label = valueLabel(value.key, locale);
  if (written === locale || value.key.startsWith('#') || label === value.raw) return quoted;
  return locale === 'en' ? `${quoted} (${label})` : `${quoted}（${label}）`;
}

/** Each status entry of a translated report states what its original's entry states: bodies, dates, figures. */
export const translationEntry: Rule = {
  meta: {
    id: 'translation-entry',
    description: {
      en: "In a status report translated from another ('translation-of:'), each status entry names the same responsible bodies as the original's entry, and gives the same dates, fiscal years and figures.",
      ja: '原文（「translation-of:」）を指定した取組状況の報告で、各取組状況の項目の担当府省庁が原文の対応する項目と同じ機関であり、日付、年度及び数値が同じであること。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'translation-entry.md',
  },
  check(context) {
    const linked = context.linked?.original;
    if (!linked) return;
    const report = context.document;
    const original = linked.document;
    const where = linked.displayPath;
    for (const pair of entryPairs(report, original)) {
      const related: RelatedDescriptor[] = [
        { message: localized((l) => (l === 'en' ? `The original entry (${where})` : `原文の取組状況（${where}）`)), range: pair.original.range, filePath: linked.path },
      ];
      checkBodies(context, original, pair.report, pair.original, related);
      const entry = entryText(report, pair.report);
      const langs = { mine: report.profile.lang, theirs: original.profile.lang };
      const yearless = { mine: yearlessDateKeys(report, pair.report), theirs: yearlessDateKeys(original, pair.original) };
      compareValues(context, temporalValues(report, pair.report), temporalValues(original, pair.original), yearless, entry, related, langs);
      const words = { mine: wordFigureKeys(pair.report), theirs: wordFigureKeys(pair.original) };
      compareValues(context, figureValues(report, pair.report), figureValues(original, pair.original), words, entry, related, langs);
    }
  },
};

/** The bodies of an entry's tag against those of the original's entry (a tag with a name not in the registry is left to ministry-known). */
function checkBodies(context: RuleContext<Record<string, unknown>>, original: PlanDocument, block: Block, theirs: Block, related: RelatedDescriptor[]): void {
  if (!block.tag || !theirs.tag) return;
  const mine = entryBodies(context.document, block, context.registry);
  const want = entryBodies(original, theirs, context.registry);
  if (!mine || !want) return;
  const tag = theirs.tag.raw;
  const wantKeys = new Set(want.map((b) => b.key));
  const myKeys = new Set(mine.map((b) => b.key));
  for (const body of mine) {
    if (wantKeys.has(body.key)) continue;
    const ja = bodyName(body.key, context.registry, 'ja', body.text);
    context.report({
      message: localized((l) =>
        l === 'en'
          ? `'${body.text}' is not among the responsible bodies of the original entry ${tag}`
          : `「${body.text}」${ja !== body.text ? `（${ja}）` : ''}は原文の取組状況の担当府省庁（${tag}）に含まれていません`,
      ),
      range: body.range,
      related,
    });
  }
  for (const body of want) {
    if (myKeys.has(body.key)) continue;
    const en = bodyName(body.key, context.registry, 'en', body.text);
    context.report({
      message: localized((l) =>
        l === 'en'
          ? `The original entry names '${body.text}'${en !== body.text ? ` (${en})` : ''} in ${tag}, which this tag leaves out`
          : `原文の取組状況の担当府省庁（${tag}）にある「${body.text}」が訳文のタグにありません`,
      ),
      range: block.tag.range,
      related,
    });
  }
}

/** Values of an entry against the original entry's: one that differs, one added, one left out. */
function compareValues(
  context: RuleContext<Record<string, unknown>>,
  mine: readonly Value[],
  theirs: readonly Value[],
  words: Parameters<typeof valueDifference>[2],
  entry: Range,
  related: RelatedDescriptor[],
  langs: { mine: string; theirs: string },
): void {
  const mineShown = (value: Value, l: Locale): string => shown(value, l, langs.mine);
  const theirsShown = (value: Value, l: Locale): string => shown(value, l, langs.theirs);
  const { added, missing } = valueDifference(mine, theirs, words);
  const report = (message: Text, range: Range): void => context.report({ message, range, related });
  added.forEach((value, i) => {
    const instead = missing[i];
    if (instead)
      report(
        localized((l) =>
          l === 'en'
            ? `${mineShown(value, l)} differs from the original entry's ${theirsShown(instead, l)}`
            : `${mineShown(value, l)}は原文の取組状況の${theirsShown(instead, l)}と異なります`,
        ),
        value.range,
      );
    else
      report(
        localized((l) => (l === 'en' ? `${mineShown(value, l)} is not in the original entry` : `${mineShown(value, l)}は原文の取組状況にありません`)),
        value.range,
      );
  });
  for (const value of missing.slice(added.length))
    report(
      localized((l) =>
        l === 'en' ? `The original entry gives ${theirsShown(value, l)}, which this entry leaves out` : `原文の取組状況にある${theirsShown(value, l)}が訳文にありません`,
      ),
      entry,
    );
}

export default translationEntry;
