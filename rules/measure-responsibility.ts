import type { Rule } from '@plan-lint/core';
import { localized, measureIdLabel, type Locale } from '@plan-lint/core';
import { quoteList } from './ministry-known.js';

/** Every measure has at least one planned action whose tag names who is responsible. */
export const measureResponsibility: Rule = {
  meta: {
    id: 'measure-responsibility',
    description: {
      en: 'Every measure has at least one planned action whose responsibility tag names the ministries responsible for it, not only a catch-all such as "other related bodies".',
      ja: '各施策に、担当府省庁を【…】で示した施策内容が一つ以上あり、「関係府省庁」のような総称だけになっていないこと。',
    },
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
    const profile = context.document.profile;
    const example = profile.tags.examples.plannedAction;
    for (const measure of context.document.measures()) {
      const id = (l: Locale) => measureIdLabel(measure, profile, l);
      const named = measure.blocks.some(
        (b) => b.kind === 'planned-action' && b.tag !== null && b.tag.names.length > 0,
      );
      if (named) {
        // A tag naming only a catch-all ("other related bodies", 関係府省庁) names nobody who must act.
        for (const b of measure.blocks) {
          if (b.kind !== 'planned-action' || !b.tag || b.tag.names.length === 0) continue;
          if (!b.tag.names.every((n) => n.form === 'other-related')) continue;
          const written = b.tag.names.map((n) => n.text);
          context.report({
            message: localized((l) =>
              l === 'en'
                ? `This planned action of measure ${measure.id} names only ${written.map((n) => `'${n}'`).join(', ')}, which stands for every related body; name the ministry that leads it first, as in '${example}'`
                : `施策${id(l)}のこの施策内容は、関係する機関全体を指す総称（${quoteList(written, 'and', l)}）しか担当に挙げていません。「${example}」のように、取組を主に担当する府省庁を先頭に書いてください`,
            ),
            range: b.tag.range,
            severity: 'warning',
          });
        }
        continue;
      }
      const hasPlanned = measure.blocks.some((b) => b.kind === 'planned-action');
      context.report({
        message: localized((l) => {
          if (l === 'en') {
            return hasPlanned
              ? `Measure ${measure.id} has no planned action whose tag names a responsible ministry; end the planned action with a tag such as '${example}'`
              : `Measure ${measure.id} has no planned action naming who is responsible; add the planned action with a tag such as '${example}'`;
          }
          return hasPlanned
            ? `施策${id(l)}の施策内容には担当府省庁が示されていません。施策内容の末尾に「${example}」のように担当府省庁を書いてください`
            : `施策${id(l)}には担当府省庁を示した施策内容がありません。「${example}」のように担当府省庁を末尾に示した施策内容を加えてください`;
        }),
        range: measure.heading,
      });
    }
  },
};

export default measureResponsibility;
