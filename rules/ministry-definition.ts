import type { FixDescriptor, LegendEntry, RegistryBody, RelatedDescriptor, Rule, Text } from '@plan-lint/core';
import { bodyLabel, localized, normalizeName } from '@plan-lint/core';
import { MinistryResolver, replaceDescription, type InTextDefinition } from './ministry-known.js';

/** A legend entry quoted in a related location: "Legend entry 'MOJ: Ministry of Justice'" / 略称一覧の項目「MOJ: Ministry of Justice」. */
function legendEntryText(entry: LegendEntry, en: string, ja: string): Text {
  return { en: `${en} '${entry.abbreviation}: ${entry.name}'`, ja: `${ja}「${entry.abbreviation}：${entry.name}」` };
}

/** Whether a full name, as written, names the given registry body. */
function names(registryName: RegistryBody | undefined, body: RegistryBody): boolean {
  return registryName !== undefined && registryName.id === body.id;
}

/**
 * In-text definitions (`Cabinet Office: CAO`) agree with the legend and the
 * registry; legend entries agree with the registry.
 */
export const ministryDefinition: Rule = {
  meta: {
    id: 'ministry-definition',
    description: {
      en: 'Abbreviation definitions (legend entries and in-text "Full name: ABBR") agree with each other and with the ministry registry.',
      ja: '略称の定義（凡例や本文中の「正式名称：略称」）が互いに、また府省庁の登録簿と食い違っていないこと。',
    },
    defaultSeverity: 'error',
    recommended: true,
    fixable: false,
    hasSuggestions: true,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    appliesTo: ['plan', 'status-report'],
    docs: 'ministry-definition.md',
  },
  check(context) {
    const { document, registry } = context;
    const resolver = MinistryResolver.of(document, registry);
    const legend = document.legend?.entries ?? [];
    const definitions = resolver.definitions;

    /** Legend entries that contradict the registry (their ranges are reported once, here). */
    const wrongLegend = new Set<LegendEntry>();

    // --- legend entries against the registry and each other ---
    const seenAbbr = new Map<string, LegendEntry>();
    for (const entry of legend) {
      const byAbbr = registry.byAbbreviation(entry.abbreviation);
      const byName = registry.byName(entry.name);
      const earlier = seenAbbr.get(entry.abbreviation);
      if (!earlier) seenAbbr.set(entry.abbreviation, entry);

      if (byAbbr && !names(byName, byAbbr)) {
        wrongLegend.add(entry);
        const related: RelatedDescriptor[] = [];
        for (const other of legend) {
          if (other === entry) continue;
          const otherBody = registry.byName(other.name);
          if (other.abbreviation === entry.abbreviation || (byName && otherBody?.id === byName.id) || otherBody?.id === byAbbr.id) {
            related.push({ message: legendEntryText(other, 'Conflicting legend entry', '矛盾する略称一覧の項目'), range: other.range });
          }
        }
        for (const def of definitions) {
          if (def.abbreviation.text === entry.abbreviation) {
            related.push({
              message: {
                en: `'${def.abbreviation.text}' is defined in the text as '${def.fullName.text}'`,
                ja: `本文では「${def.abbreviation.text}」を「${def.fullName.text}」と定義しています`,
              },
              range: def.name.range,
            });
          }
        }
        const suggestions: FixDescriptor[] = [
          {
            description: replaceDescription(entry.name, byAbbr.name),
            edits: [{ range: entry.nameRange, text: byAbbr.name }],
          },
        ];
        const rightAbbr = byName?.abbreviations[0];
        if (rightAbbr !== undefined) {
          suggestions.push({
            description: replaceDescription(entry.abbreviation, rightAbbr),
            edits: [{ range: entry.abbreviationRange, text: rightAbbr }],
          });
        }
        context.report({
          message: localized((l) =>
            l === 'en'
              ? `The legend defines '${entry.abbreviation}' as '${entry.name}', but '${entry.abbreviation}' is the abbreviation of the ${byAbbr.name}`
              : `略称一覧では「${entry.abbreviation}」を「${entry.name}」としていますが、「${entry.abbreviation}」は「${bodyLabel(byAbbr, l)}」の略称です`,
          ),
          range: entry.range,
          related,
          suggestions,
        });
        continue;
      }
      if (earlier && normalizeName(earlier.name) !== normalizeName(entry.name)) {
        context.report({
          message: {
            en: `The legend defines '${entry.abbreviation}' twice, as '${earlier.name}' and as '${entry.name}'`,
            ja: `略称一覧で「${entry.abbreviation}」が「${earlier.name}」と「${entry.name}」の二通りに定義されています`,
          },
          range: entry.range,
          related: [
            {
              message: {
                en: `'${earlier.abbreviation}' first defined here as '${earlier.name}'`,
                ja: `「${earlier.abbreviation}」を最初に「${earlier.name}」と定義した箇所`,
              },
              range: earlier.range,
            },
          ],
        });
      }
    }

    // --- in-text definitions against the legend, the registry and earlier definitions ---
    const firstByAbbr = new Map<string, InTextDefinition>();
    for (const def of definitions) {
      const abbr = def.abbreviation.text;
      const full = def.fullName.text;
      const range = def.name.range;
      const meant = resolver.resolveFullName(full);
      const legendForAbbr = legend.find((e) => e.abbreviation === abbr);
      const legendForBody = meant
        ? legend.find((e) => resolver.resolveFullName(e.name)?.key === meant.key)
        : undefined;
      const registryAbbrBody = registry.byAbbreviation(abbr);
      const earlier = firstByAbbr.get(abbr);
      if (!earlier) firstByAbbr.set(abbr, def);
      const replaceAbbr = (value: string): FixDescriptor => ({
        description: replaceDescription(abbr, value),
        edits: [{ range: def.abbreviation.range, text: value }],
      });
      const replaceName = (value: string): FixDescriptor => ({
        description: replaceDescription(full, value),
        edits: [{ range: def.fullName.range, text: value }],
      });

      if (legendForAbbr && !wrongLegend.has(legendForAbbr)) {
        const legendMeant = resolver.resolveFullName(legendForAbbr.name);
        const same = meant && legendMeant ? meant.key === legendMeant.key : normalizeName(full) === normalizeName(legendForAbbr.name);
        if (!same) {
          context.report({
            message: {
              en: `'${abbr}' is defined here as '${full}', but the legend defines '${abbr}' as '${legendForAbbr.name}'`,
              ja: `ここでは「${abbr}」を「${full}」と定義していますが、略称一覧では「${abbr}」を「${legendForAbbr.name}」としています`,
            },
            range,
            related: [{ message: legendEntryText(legendForAbbr, 'Legend entry', '略称一覧の項目'), range: legendForAbbr.range }],
            suggestions: [
              replaceName(legendForAbbr.name),
              ...(legendForBody && legendForBody.abbreviation !== abbr ? [replaceAbbr(legendForBody.abbreviation)] : []),
            ],
          });
          continue;
        }
      } else if (legendForAbbr && wrongLegend.has(legendForAbbr)) {
        // The legend entry is the one in error (reported above); judge this definition by the registry below.
      } else if (legendForBody && !wrongLegend.has(legendForBody) && legendForBody.abbreviation !== abbr) {
        context.report({
          message: {
            en: `The legend abbreviates '${legendForBody.name}' as '${legendForBody.abbreviation}', not '${abbr}'`,
            ja: `略称一覧では「${legendForBody.name}」の略称を「${legendForBody.abbreviation}」としています（「${abbr}」ではありません）`,
          },
          range,
          related: [{ message: legendEntryText(legendForBody, 'Legend entry', '略称一覧の項目'), range: legendForBody.range }],
          suggestions: [replaceAbbr(legendForBody.abbreviation)],
        });
        continue;
      }

      if (meant?.body) {
        const body = meant.body;
        if (registryAbbrBody && registryAbbrBody.id !== body.id) {
          context.report({
            message: localized((l) =>
              l === 'en'
                ? `'${abbr}' is the abbreviation of the ${registryAbbrBody.name}, not of '${full}'`
                : `「${abbr}」は「${bodyLabel(registryAbbrBody, l)}」の略称で、「${full}」の略称ではありません`,
            ),
            range,
            suggestions: [
              replaceName(registryAbbrBody.name),
              ...(body.abbreviations[0] !== undefined ? [replaceAbbr(body.abbreviations[0])] : []),
            ],
          });
          continue;
        }
        if (!registryAbbrBody && !legendForAbbr && body.abbreviations.length > 0 && !body.abbreviations.includes(abbr)) {
          const canonical = body.abbreviations[0] ?? abbr;
          context.report({
            message: localized((l) =>
              l === 'en'
                ? `The ${body.name} is abbreviated '${canonical}', not '${abbr}'`
                : `「${bodyLabel(body, l)}」の略称は「${canonical}」です（「${abbr}」ではありません）`,
            ),
            range,
            suggestions: [replaceAbbr(canonical)],
          });
          continue;
        }
      }

      if (earlier && earlier !== def) {
        const earlierMeant = resolver.resolveFullName(earlier.fullName.text);
        const same =
          meant && earlierMeant ? meant.key === earlierMeant.key : normalizeName(full) === normalizeName(earlier.fullName.text);
        if (!same) {
          context.report({
            message: {
              en: `'${abbr}' is defined here as '${full}', but it was defined earlier as '${earlier.fullName.text}'`,
              ja: `ここでは「${abbr}」を「${full}」と定義していますが、先に「${earlier.fullName.text}」と定義しています`,
            },
            range,
            related: [{ message: { en: `'${abbr}' first defined here`, ja: `「${abbr}」を最初に定義した箇所` }, range: earlier.name.range }],
            suggestions: [replaceName(earlier.fullName.text)],
          });
        }
      }
    }
  },
};

export default ministryDefinition;
