import type { Rule } from '@plan-lint/core';

/** Front matter problems from the model, and `document: plan` on a body with status entries. */
export const frontMatter: Rule = {
  meta: {
    id: 'front-matter',
    description:
      'The YAML front matter is well formed and valid (known keys, right types, a plausible fiscal year) and its document kind matches the body.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['plan', 'status-report'],
    docs: 'front-matter.md',
  },
  check(context) {
    const fm = context.document.frontMatter;
    if (!fm) return;
    for (const problem of fm.problems) {
      context.report({ message: problem.message, range: problem.range });
    }
    if (fm.document !== 'plan') return;
    const entries = context.document.blocks().filter((b) => b.kind === 'status-entry' || b.kind === 'repeat-mention');
    const first = entries[0];
    if (!first) return;
    const field = fm.fields.find((f) => f.key === 'document');
    const range = field?.valueRange ?? fm.range;
    context.report({
      message: `The front matter says 'document: plan', but the body contains ${entries.length} status ${
        entries.length === 1 ? 'entry' : 'entries'
      } (first on line ${first.range.start.line}); a status report should say 'document: status-report'`,
      range,
      severity: 'warning',
      related: [{ message: 'First status entry', range: first.range }],
      ...(field ? { suggestions: [{ description: "Change to 'document: status-report'", edits: [{ range: field.valueRange, text: 'status-report' }] }] } : {}),
    });
  },
};

export default frontMatter;
