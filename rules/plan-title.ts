import { describeHunks, pairMeasures, wordDiff, words, type Range, type Rule } from '@plan-lint/core';
import { relatedIn, sectionNumbered } from './lib/link.js';

interface Titled {
  title: string;
  titleRange: Range;
}

/** Section and measure titles are the plan's, word for word. */
export const planTitle: Rule = {
  meta: {
    id: 'plan-title',
    description: "In a status report linked to its plan, every section and measure title is the plan's, word for word.",
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
    const heads: { what: string; mine: Titled; theirs: Titled & { heading: Range } }[] = [];
    for (const section of report.sections) {
      const theirs = sectionNumbered(plan, section.number);
      if (theirs) heads.push({ what: `section ${section.number}`, mine: section, theirs });
    }
    for (const pair of pairMeasures(report, plan).pairs) {
      if (!pair.renumbered) heads.push({ what: `measure ${pair.report.id}`, mine: pair.report, theirs: pair.linked });
    }
    for (const { what, mine, theirs } of heads) {
      if (mine.title === theirs.title) continue;
      const hunks = wordDiff(words(theirs.title), words(mine.title));
      if (hunks.length === 0) continue;
      const planTitleSource = plan.text.slice(theirs.titleRange.start.offset, theirs.titleRange.end.offset);
      context.report({
        message: `The title of ${what} differs from the plan's: ${describeHunks(hunks)}`,
        range: mine.titleRange,
        related: [relatedIn(linked, theirs.heading, `The title in the plan ${linked.displayPath}`)],
        fix: { description: "Use the plan's title", edits: [{ range: mine.titleRange, text: planTitleSource }] },
      });
    }
  },
};

export default planTitle;
