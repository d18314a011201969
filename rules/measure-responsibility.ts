import type { Rule } from '@plan-lint/core';

/** Every measure has at least one planned action whose tag names who is responsible. */
export const measureResponsibility: Rule = {
  meta: {
    id: 'measure-responsibility',
    description: 'Every measure has at least one planned action whose responsibility tag names the ministries responsible for it.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['plan', 'status-report'],
    docs: 'measure-responsibility.md',
  },
  check(context) {
    const example = context.document.profile.tags.examples.plannedAction;
    for (const measure of context.document.measures()) {
      const named = measure.blocks.some(
        (b) => b.kind === 'planned-action' && b.tag !== null && b.tag.names.length > 0,
      );
      if (named) continue;
      const hasPlanned = measure.blocks.some((b) => b.kind === 'planned-action');
      context.report({
        message: hasPlanned
          ? `Measure ${measure.id} has no planned action whose tag names a responsible ministry; end the planned action with a tag such as '${example}'`
          : `Measure ${measure.id} has no planned action naming who is responsible; add the planned action with a tag such as '${example}'`,
        range: measure.heading,
      });
    }
  },
};

export default measureResponsibility;
