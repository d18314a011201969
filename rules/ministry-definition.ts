import type { LegendEntry, RegistryBody, RelatedLocation, Rule, Suggestion } from '@plan-lint/core';
import { normalizeName } from '@plan-lint/core';
import { MinistryResolver, type InTextDefinition } from './ministry-known.js';

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
    description:
      'Abbreviation definitions (legend entries and in-text "Full name: ABBR") agree with each other and with the ministry registry.',
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
        const related: RelatedLocation[] = [];
        for (const other of legend) {
          if (other === entry) continue;
          const otherBody = registry.byName(other.name);
          if (other.abbreviation === entry.abbreviation || (byName && otherBody?.id === byName.id) || otherBody?.id === byAbbr.id) {
            related.push({ message: `Conflicting legend entry '${other.abbreviation}: ${other.name}'`, range: other.range });
          }
        }
        for (const def of definitions) {
          if (def.abbreviation.text === entry.abbreviation) {
            related.push({
              message: `'${def.abbreviation.text}' is defined in the text as '${def.fullName.text}'`,
              range: def.name.range,
            });
          }
        }
        const suggestions: Suggestion[] = [
          {
            description: `Replace '${entry.name}' with '${byAbbr.name}'`,
            edits: [{ range: entry.nameRange, text: byAbbr.name }],
          },
        ];
        const rightAbbr = byName?.abbreviations[0];
        if (rightAbbr !== undefined) {
          suggestions.push({
            description: `Replace '${entry.abbreviation}' with '${rightAbbr}'`,
            edits: [{ range: entry.abbreviationRange, text: rightAbbr }],
          });
        }
        context.report({
          message: `The legend defines '${entry.abbreviation}' as '${entry.name}', but '${entry.abbreviation}' is the abbreviation of the ${byAbbr.name}`,
          range: entry.range,
          related,
          suggestions,
        });
        continue;
      }
      if (earlier && normalizeName(earlier.name) !== normalizeName(entry.name)) {
        context.report({
          message: `The legend defines '${entry.abbreviation}' twice, as '${earlier.name}' and as '${entry.name}'`,
          range: entry.range,
          related: [{ message: `'${earlier.abbreviation}' first defined here as '${earlier.name}'`, range: earlier.range }],
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
      const replaceAbbr = (value: string): Suggestion => ({
        description: `Replace '${abbr}' with '${value}'`,
        edits: [{ range: def.abbreviation.range, text: value }],
      });
      const replaceName = (value: string): Suggestion => ({
        description: `Replace '${full}' with '${value}'`,
        edits: [{ range: def.fullName.range, text: value }],
      });

      if (legendForAbbr && !wrongLegend.has(legendForAbbr)) {
        const legendMeant = resolver.resolveFullName(legendForAbbr.name);
        const same = meant && legendMeant ? meant.key === legendMeant.key : normalizeName(full) === normalizeName(legendForAbbr.name);
        if (!same) {
          context.report({
            message: `'${abbr}' is defined here as '${full}', but the legend defines '${abbr}' as '${legendForAbbr.name}'`,
            range,
            related: [{ message: `Legend entry '${legendForAbbr.abbreviation}: ${legendForAbbr.name}'`, range: legendForAbbr.range }],
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
          message: `The legend abbreviates '${legendForBody.name}' as '${legendForBody.abbreviation}', not '${abbr}'`,
          range,
          related: [{ message: `Legend entry '${legendForBody.abbreviation}: ${legendForBody.name}'`, range: legendForBody.range }],
          suggestions: [replaceAbbr(legendForBody.abbreviation)],
        });
        continue;
      }

      if (meant?.body) {
        const body = meant.body;
        if (registryAbbrBody && registryAbbrBody.id !== body.id) {
          context.report({
            message: `'${abbr}' is the abbreviation of the ${registryAbbrBody.name}, not of '${full}'`,
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
            message: `The ${body.name} is abbreviated '${canonical}', not '${abbr}'`,
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
            message: `'${abbr}' is defined here as '${full}', but it was defined earlier as '${earlier.fullName.text}'`,
            range,
            related: [{ message: `'${abbr}' first defined here`, range: earlier.name.range }],
            suggestions: [replaceName(earlier.fullName.text)],
          });
        }
      }
    }
  },
};

export default ministryDefinition;
