import type { Range, Rule } from '@plan-lint/core';

/** The plan, previous report and original a status report names can be followed. */
export const documentLink: Rule = {
  meta: {
    id: 'document-link',
    description: {
      en: "The plan, the previous report and the original a status report names ('plan:', 'previous:', 'translation-of:' or the configuration) exist inside the project and are a plan, a status report of the year before and a status report.",
      ja: '取組状況の報告が指定した計画、前年度の報告及び原文（「plan:」「previous:」「translation-of:」又は設定）がプロジェクトの中に存在し、それぞれ計画、前年度の取組状況の報告、取組状況の報告であること。',
    },
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
