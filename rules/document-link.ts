import type { Range, Rule } from '@plan-lint/core';

/** The plan and previous report a status report names can be followed. */
export const documentLink: Rule = {
  meta: {
    id: 'document-link',
    description:
      "The plan and the previous report a status report names ('plan:', 'previous:' or the configuration) exist inside the project and are a plan and a status report of the year before.",
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['status-report'],
    docs: 'document-link.md',
  },
  check(context) {
    const fm = context.document.frontMatter;
    const start: Range = context.document.rangeAt(0, 0);
    for (const problem of context.linked?.problems ?? []) {
      context.report({
        message: problem.message,
        range: problem.range ?? fm?.range ?? start,
      });
    }
  },
};

export default documentLink;
