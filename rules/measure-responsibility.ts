import type { Rule } from '@plan-lint/core';

/** Every measure has at least one planned action whose tag names who is responsible. */
export const measureResponsibility: Rule = {
  meta: {
    id: 'measure-responsibility',
    description:
      'Every measure has at least one planned action whose responsibility tag names the ministries responsible for it, not only a catch-all such as "other related bodies".',
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
      if (named) {
        // A tag naming only a catch-all ("other related bodies", 関係府省庁) names nobody who must act.
        for (const b of measure.blocks) {
          if (b.kind !== 'planned-action' || !b.tag || b.tag.names.length === 0) continue;
          if (!b.tag.names.every((n) => n.form === 'other-related')) continue;
          const written = b.tag.names.map((n) => `'${n.text}'`).join(', ');
          context.report({
            message: `This planned action of measure ${measure.id} names only ${written}, which stands for every related body; name the ministry that leads it first, as in '${example}'`,
            range: b.tag.range,
            severity: 'warning',
          });
        }
        continue;
      }
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
