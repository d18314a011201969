import type { Block, Rule } from '@plan-lint/core';
import { listLabel, localized, measureIdLabel, type Locale } from '@plan-lint/core';
import { MinistryResolver, entryName, quoteList, resolvedLabel, type ResolvedBody } from './ministry-known.js';
import { isReport } from './ministry-not-responsible.js';

export interface StatusCoverageOptions {
  perMinistry: boolean;
}

/** Every planned action is followed by a status entry from one of its responsible ministries. */
export const statusCoverage: Rule<StatusCoverageOptions> = {
  meta: {
    id: 'status-coverage',
    description: {
      en: 'In a status report, every planned action is followed by at least one status entry or repeat mention from a ministry responsible for it.',
      ja: '取組状況の報告で、各施策内容について、担当府省庁の取組状況の項目又は再掲が一つ以上あること。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: false,
    schema: {
      type: 'object',
      properties: {
        perMinistry: {
          type: 'boolean',
          description: 'Also report each responsible ministry that has no status entry of its own for the planned action.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { perMinistry: false },
    appliesTo: ['status-report'],
    docs: 'status-coverage.md',
  },
  check(context) {
    const resolver = MinistryResolver.of(context.document, context.registry);
    const perMinistry = context.options.perMinistry === true;
    const profile = context.document.profile;
    for (const measure of context.document.measures()) {
      const id = (l: Locale) => measureIdLabel(measure, profile, l);
      measure.blocks.forEach((planned, index) => {
        if (planned.kind !== 'planned-action' || !planned.tag) return;
        const tag = planned.tag;
        const everyone = tag.names.some((n) => n.form === 'other-related');
        const responsible = new Map<string, { resolved: ResolvedBody; range: typeof tag.range }>();
        let unknown = false;
        for (const name of tag.names) {
          const resolved = resolver.resolve(name);
          if (resolved && !responsible.has(resolved.key)) responsible.set(resolved.key, { resolved, range: name.range });
          else if (!resolved && name.form !== 'other-related') unknown = true;
        }
        // A name no one knows is ministry-known's concern; its entries may name the ministry it meant.
        if (unknown && !everyone) return;
        if (!everyone && responsible.size === 0) return;

        const reports: Block[] = measure.blocks.filter((b) => isReport(b) && b.plannedActionIndex === index && b.tag !== null);
        const reporters = new Set<string>();
        let misnamed = false;
        for (const report of reports) {
          for (const name of report.tag?.names ?? []) {
            const resolved = resolver.resolve(name);
            if (resolved) reporters.add(resolved.key);
            else if (name.form !== 'other-related') misnamed = true;
          }
        }
        // An entry naming an unknown ministry ("MOJJ") may well be the responsible one misspelled:
        // ministry-known reports it; judging coverage here would report the same mistake twice.
        if (misnamed) return;
        const covered = everyone ? reports.length > 0 : [...responsible.keys()].some((k) => reporters.has(k));
        if (!covered) {
          const names = [...responsible.values()].map((r) => entryName(r.resolved, profile));
          context.report({
            message: localized((l) => {
              if (l === 'en') {
                const who = everyone
                  ? names.length > 0
                    ? `${listLabel(names, l, 'or')} or another related body`
                    : 'any related body'
                  : listLabel(names, l, 'or');
                return `No status entry reports on this planned action of measure ${measure.id}; add an entry tagged by ${who}`;
              }
              const who = everyone
                ? names.length > 0
                  ? `${quoteList(names, 'or', l)}又はその他の関係府省庁`
                  : 'いずれかの関係府省庁'
                : quoteList(names, 'or', l);
              return `施策${id(l)}のこの施策内容について報告する取組状況の項目がありません。${who}を担当とする項目を加えてください`;
            }),
            range: tag.range,
          });
          return;
        }
        if (!perMinistry) return;
        for (const { resolved, range } of responsible.values()) {
          if (reporters.has(resolved.key)) continue;
          context.report({
            message: localized((l) => {
              if (l === 'en') {
                return `The ${resolved.name} is responsible for this planned action of measure ${measure.id} but has no status entry of its own`;
              }
              return `「${resolvedLabel(resolved, l)}」は施策${id(l)}のこの施策内容の担当ですが、自らの取組状況の項目がありません`;
            }),
            range,
          });
        }
      });
    }
  },
};

export default statusCoverage;
