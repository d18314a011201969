import { describeHunks, localized, pairMeasures, textUnits, wordDiff, type Localized, type Range, type Rule } from '@plan-lint/core';
import { measureNumberJa, relatedIn, sectionNumbered } from './lib/link.js';

interface Titled {
  title: string;
  titleRange: Range;
}

/** Section and measure titles are the plan's, word for word. */
export const planTitle: Rule = {
  meta: {
    id: 'plan-title',
    description: {
      en: "In a status report linked to its plan, every section and measure title is the plan's, word for word.",
      ja: '計画を指定した取組状況の報告で、項目と施策の題名が計画のとおりであること。',
    },
    defaultSeverity: 'warn',
    recommended: true,
    fixable: true,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'plan-title.md',
  },
  check(context) {
    const linked = context.linked?.plan;
    if (!linked) return;
    const report = context.document;
    const plan = linked.document;
    const units = report.profile.text.units;
    const heads: { what: Localized; mine: Titled; theirs: Titled & { heading: Range } }[] = [];
    for (const section of report.sections) {
      const theirs = sectionNumbered(plan, section.number);
      if (theirs) heads.push({ what: { en: `section ${section.number}`, ja: `項目${section.number}` }, mine: section, theirs });
    }
    for (const pair of pairMeasures(report, plan).pairs) {
      if (!pair.renumbered) heads.push({ what: { en: `measure ${pair.report.id}`, ja: `施策${measureNumberJa(pair.report)}` }, mine: pair.report, theirs: pair.linked });
    }
    for (const { what, mine, theirs } of heads) {
      if (mine.title === theirs.title) continue;
      const hunks = wordDiff(textUnits(theirs.title, units), textUnits(mine.title, units), units);
      if (hunks.length === 0) continue;
      const planTitleSource = plan.text.slice(theirs.titleRange.start.offset, theirs.titleRange.end.offset);
      context.report({
        message: localized((l) =>
          l === 'en'
            ? `The title of ${what.en} differs from the plan's: ${describeHunks(hunks, l, units)}`
            : `${what.ja}の題名が計画と異なります（${describeHunks(hunks, l, units)}）`,
        ),
        range: mine.titleRange,
        related: [relatedIn(linked, theirs.heading, { en: `The title in the plan ${linked.displayPath}`, ja: `計画（${linked.displayPath}）の題名` })],
        fix: { description: { en: "Use the plan's title", ja: '計画の題名に改める' }, edits: [{ range: mine.titleRange, text: planTitleSource }] },
      });
    }
  },
};

export default planTitle;
