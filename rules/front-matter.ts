import type { Rule } from '@plan-lint/core';

/** Front matter problems from the model, and `document: plan` on a body with status entries. */
export const frontMatter: Rule = {
  meta: {
    id: 'front-matter',
    description: {
      en: 'The YAML front matter is well formed and valid (known keys, right types, a plausible fiscal year) and its document kind matches the body.',
      ja: 'フロントマターが正しく書かれ（使えるキー、値の型、ありうる年度）、文書の種類が本文と合っていること。',
    },
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
    const line = first.range.start.line;
    context.report({
      message: {
        en: `The front matter says 'document: plan', but the body contains ${entries.length} status ${
          entries.length === 1 ? 'entry' : 'entries'
        } (first on line ${line}); a status report should say 'document: status-report'`,
        ja: `フロントマターは「document: plan」となっていますが、本文に取組状況の項目が${entries.length}件あります（最初は${line}行目）。取組状況の報告であれば「document: status-report」としてください`,
      },
      range,
      severity: 'warning',
      related: [{ message: { en: 'First status entry', ja: '最初の取組状況の項目' }, range: first.range }],
      ...(field
        ? {
            suggestions: [
              {
                description: { en: "Change to 'document: status-report'", ja: '「document: status-report」に変更する' },
                edits: [{ range: field.valueRange, text: 'status-report' }],
              },
            ],
          }
        : {}),
    });
  },
};

export default frontMatter;
