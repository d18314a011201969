/**
 * The CLI's formatters on hand-built LintResult objects (no engine, no rules): what each
 * format prints for errors, warnings, infos, fixes, related locations and suppressed messages.
 */
import { describe, expect, it } from 'vitest';
import type { Block, LintMessage, Measure, PlanDocument, Range, Registry, RegistryBody, Section, Tag, TagName } from '@plan-lint/core';
import { profileFor } from '@plan-lint/core';
import stylish from '../packages/cli/src/formatters/stylish.js';
import json from '../packages/cli/src/formatters/json.js';
import sarif from '../packages/cli/src/formatters/sarif.js';
import github, { escapeData, escapeProperty } from '../packages/cli/src/formatters/github.js';
import junit, { escapeXml } from '../packages/cli/src/formatters/junit.js';
import html from '../packages/cli/src/formatters/html.js';
import type { CliResult, FormatContext } from '../packages/cli/src/types.js';
import { shouldColor, stripAnsi } from '../packages/cli/src/colors.js';

const SOURCE = [
  '## 1. Awareness', //                                      line 1
  '', //                                                     2
  '### (i) Convening of a public-private conference', //     3
  '', //                                                     4
  'Efforts shall be made. (National Police Agency, Ministry of Justice)', // 5
  '', //                                                     6
  '- NPA held a meeting in MOJJ. (NPA, MOJJ)', //            7
  '', //                                                     8
  '### (ii) Lectures', //                                    9
  '', //                                                     10
  'Lectures shall be held. (Cabinet Office)', //             11
  '',
].join('\n');

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}
const STARTS = lineStarts(SOURCE);
function at(line: number, column: number) {
  return { line, column, offset: (STARTS[line - 1] ?? 0) + column - 1 };
}
function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { start: at(line, column), end: at(endLine, endColumn) };
}
function find(text: string, line: number): Range {
  const lineText = SOURCE.split('\n')[line - 1] ?? '';
  const col = lineText.indexOf(text) + 1;
  if (col === 0) throw new Error(`${text} not on line ${line}`);
  return range(line, col, line, col + text.length);
}

function tag(line: number, names: [string, TagName['form']][]): Tag {
  const lineText = SOURCE.split('\n')[line - 1] ?? '';
  const open = lineText.lastIndexOf('(');
  return {
    range: range(line, open + 1, line, lineText.length + 1),
    innerRange: range(line, open + 2, line, lineText.length),
    raw: lineText.slice(open),
    names: names.map(([text, form]) => ({ text, form, range: find(text, line) })),
  };
}

function block(kind: Block['kind'], measureId: string, index: number, line: number, t: Tag | null): Block {
  return {
    kind,
    measureId,
    index,
    range: range(line, 1, line, (SOURCE.split('\n')[line - 1] ?? '').length + 1),
    parts: [],
    text: SOURCE.split('\n')[line - 1] ?? '',
    listItem: kind !== 'planned-action',
    tag: t,
    footnotes: [],
    repeat: null,
    dates: [],
    plannedActionIndex: kind === 'planned-action' ? null : 0,
  };
}

function fakeDocument(): PlanDocument {
  const m1: Measure = {
    id: '1-(i)',
    sectionNumber: 1,
    numeral: 'i',
    numeralRange: find('i', 3),
    ordinal: 1,
    title: 'Convening of a public-private conference',
    titleRange: find('Convening of a public-private conference', 3),
    heading: range(3, 1, 3, 50),
    headingDepth: 3,
    range: range(3, 1, 7, 42),
    subItems: [],
    blocks: [
      block('planned-action', '1-(i)', 0, 5, tag(5, [['National Police Agency', 'full-name'], ['Ministry of Justice', 'full-name']])),
      block('status-entry', '1-(i)', 1, 7, tag(7, [['NPA', 'abbreviation'], ['MOJJ', 'abbreviation']])),
    ],
  };
  const m2: Measure = {
    id: '1-(ii)',
    sectionNumber: 1,
    numeral: 'ii',
    numeralRange: find('ii', 9),
    ordinal: 2,
    title: 'Lectures',
    titleRange: find('Lectures', 9),
    heading: range(9, 1, 9, 17),
    headingDepth: 3,
    range: range(9, 1, 11, 41),
    subItems: [],
    blocks: [block('planned-action', '1-(ii)', 0, 11, tag(11, [['Cabinet Office', 'full-name']]))],
  };
  const section: Section = {
    number: 1,
    numberText: '1',
    numberRange: range(1, 4, 1, 5),
    title: 'Awareness',
    titleRange: find('Awareness', 1),
    heading: range(1, 1, 1, 16),
    headingDepth: 2,
    range: range(1, 1, 11, 41),
    preamble: [],
    measures: [m1, m2],
  };
  const measures = [m1, m2];
  return {
    text: SOURCE,
    kind: 'status-report',
    profile: profileFor('en'),
    frontMatter: null,
    legend: null,
    sections: [section],
    directives: [],
    problems: [],
    pointAt: (offset: number) => {
      let line = 1;
      while (line < STARTS.length && (STARTS[line] ?? Infinity) <= offset) line++;
      return { line, column: offset - (STARTS[line - 1] ?? 0) + 1, offset };
    },
    rangeAt(start: number, end: number) {
      return { start: this.pointAt(start), end: this.pointAt(end) };
    },
    measure: (id: string) => measures.find((m) => m.id === id),
    measures: () => measures,
    blocks: () => measures.flatMap((m) => m.blocks),
    fiscalYear: 2018,
  };
}

function fakeRegistry(): Registry {
  const bodies: RegistryBody[] = [
    { id: 'npa', name: 'National Police Agency', abbreviations: ['NPA'], nameJa: '警察庁' },
    { id: 'cao', name: 'Cabinet Office', abbreviations: ['CAO'], nameJa: '内閣府' },
    { id: 'moj', name: 'Ministry of Justice', abbreviations: ['MOJ'], nameJa: '法務省' },
  ];
  const registry: Registry = {
    bodies,
    byAbbreviation: (a) => bodies.find((b) => b.abbreviations.includes(a)),
    byName: (n) => bodies.find((b) => b.name.toLowerCase() === n.toLowerCase()),
    byId: (id) => bodies.find((b) => b.id === id),
    suggest: () => [],
    existedDuring: () => true,
    extend: () => registry,
    catchAlls: [],
    inLanguage: () => registry,
  };
  return registry;
}

const URL_BASE = 'file:///repo/rules/';
function msg(partial: Partial<LintMessage> & Pick<LintMessage, 'ruleId' | 'severity' | 'message' | 'range'>): LintMessage {
  return { url: `${URL_BASE}${partial.ruleId}.md`, ...partial };
}

function fakeResult(): CliResult {
  const mojj = find('MOJJ', 7);
  const tagMojj = find('MOJJ', 7 + 0); // same line; the tag's MOJJ is the second occurrence
  const lineText = SOURCE.split('\n')[6] ?? '';
  const second = lineText.lastIndexOf('MOJJ') + 1;
  const tagRange = range(7, second, 7, second + 4);
  void tagMojj;
  const messages: LintMessage[] = [
    msg({
      ruleId: 'ministry-known',
      severity: 'error',
      message: "'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'?",
      range: tagRange,
      measureId: '1-(i)',
      fix: { description: "Replace 'MOJJ' with 'MOJ'", edits: [{ range: tagRange, text: 'MOJ' }] },
      related: [{ message: 'Abbreviation used here too', range: mojj }],
    }),
    msg({
      ruleId: 'status-coverage',
      severity: 'warning',
      message: 'Ministry of Justice is responsible for 1-(i) but reported nothing, 100% done, a:b, c',
      range: find('Ministry of Justice', 5),
      measureId: '1-(i)',
      suggestions: [
        {
          description: 'Add a status entry',
          edits: [
            { range: range(7, 1, 7, 1), text: '- ' },
            { range: range(7, 42, 7, 42), text: '\n' },
          ],
        },
      ],
    }),
    msg({
      ruleId: 'date-year-inferred',
      severity: 'info',
      message: 'Year inferred as 2018 for "October 28"\nsecond line',
      range: find('Lectures shall', 11),
      measureId: '1-(ii)',
    }),
  ];
  const suppressed: LintMessage[] = [
    msg({
      ruleId: 'numbering',
      severity: 'warning',
      message: 'Suppressed <thing> & more',
      range: find('Lectures', 9),
      suppressed: { kind: 'inSource', range: range(8, 1, 8, 1), reason: 'checked by hand' },
    }),
  ];
  return {
    filePath: '/repo/drafts/report.md',
    source: SOURCE,
    document: fakeDocument(),
    messages,
    suppressedMessages: suppressed,
    errorCount: 1,
    warningCount: 1,
    infoCount: 1,
    fixableErrorCount: 1,
    fixableWarningCount: 0,
  };
}

function cleanResult(): CliResult {
  return { ...fakeResult(), filePath: '/repo/drafts/clean.md', messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0 };
}

function context(overrides: Partial<FormatContext> = {}): FormatContext {
  return {
    cwd: '/repo',
    color: false,
    locale: 'en',
    rules: new Map([
      [
        'ministry-known',
        {
          id: 'ministry-known',
          description: { en: 'Ministries named in tags exist in the registry.', ja: '【…】の府省庁名が登録簿にあること。' },
          defaultSeverity: 'error',
          recommended: true,
          fixable: true,
          hasSuggestions: true,
          schema: {},
          defaultOptions: {},
          appliesTo: ['plan', 'status-report'],
          docs: 'ministry-known.md',
        },
      ],
    ]),
    ruleDocs: (id) => (id === 'ministry-known' ? '# ministry-known\n\nChecks that every ministry named in a tag is known.\n' : undefined),
    ruleUrl: (id) => `${URL_BASE}${id}.md`,
    version: '9.8.7',
    exitCode: 1,
    now: new Date('2026-01-02T03:04:05Z'),
    ...overrides,
  };
}

describe('stylish', () => {
  it('groups by file, aligns columns and prints the summary and fixable counts', () => {
    const out = stylish([fakeResult(), cleanResult()], context());
    const lines = out.split('\n');
    expect(lines).toContain('drafts/report.md');
    expect(out).not.toContain('clean.md');
    const errorLine = lines.find((l) => l.includes('ministry-known')) ?? '';
    expect(errorLine).toMatch(/^ {2}7:\d+ +error +'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'\? +ministry-known$/);
    const warnLine = lines.find((l) => l.includes('status-coverage')) ?? '';
    // Columns align: the message starts at the same column on every row.
    expect(warnLine.indexOf('Ministry of Justice')).toBe(errorLine.indexOf("'MOJJ'"));
    // A multi-line message stays on one line.
    expect(out).toContain('Year inferred as 2018 for "October 28" second line');
    expect(out).toContain('\u2716 3 problems (1 error, 1 warning, 1 info)');
    expect(out).toContain('1 error and 0 warnings potentially fixable with the `--fix` option.');
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('prints nothing for clean results and colors only when asked', () => {
    expect(stylish([cleanResult()], context())).toBe('');
    const colored = stylish([fakeResult()], context({ color: true }));
    expect(colored).toMatch(/\u001b\[31merror\u001b\[39m/);
    expect(stripAnsi(colored)).toBe(stylish([fakeResult()], context()));
  });

  it('decides colors from flags, FORCE_COLOR, NO_COLOR and the TTY', () => {
    expect(shouldColor(undefined, {}, true)).toBe(true);
    expect(shouldColor(undefined, {}, false)).toBe(false);
    expect(shouldColor(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldColor(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldColor(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(shouldColor(false, { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldColor(true, { NO_COLOR: '1' }, false)).toBe(true);
  });
});

describe('json', () => {
  it("has ESLint's shape with numeric severities, offsets for fixes and merged suggestion edits", () => {
    const [file] = JSON.parse(json([fakeResult()], context())) as Record<string, unknown>[];
    expect(file).toMatchObject({ filePath: '/repo/drafts/report.md', errorCount: 1, warningCount: 1, fixableErrorCount: 1, fixableWarningCount: 0 });
    const messages = file?.['messages'] as Record<string, unknown>[];
    expect(messages.map((m) => m['severity'])).toEqual([2, 1, 0]);
    const fix = messages[0]?.['fix'] as { range: [number, number]; text: string };
    expect(SOURCE.slice(fix.range[0], fix.range[1])).toBe('MOJJ');
    expect(fix.text).toBe('MOJ');
    expect(messages[0]).toMatchObject({ ruleId: 'ministry-known', line: 7, endLine: 7 });
    const suggestion = (messages[1]?.['suggestions'] as { desc: string; fix: { range: [number, number]; text: string } }[])[0];
    expect(suggestion?.desc).toBe('Add a status entry');
    const applied = SOURCE.slice(0, suggestion?.fix.range[0]) + suggestion?.fix.text + SOURCE.slice(suggestion?.fix.range[1]);
    expect(applied.split('\n')[6]).toBe('- - NPA held a meeting in MOJJ. (NPA, MOJJ)');
    const suppressed = file?.['suppressedMessages'] as Record<string, unknown>[];
    expect(suppressed[0]).toMatchObject({ ruleId: 'numbering', suppressions: [{ kind: 'directive', justification: 'checked by hand' }] });
    expect(file?.['source']).toBe(SOURCE);
  });
});

describe('sarif', () => {
  it("describes the rules in the report's locale: the rule's Japanese description and the engine's own ids in Japanese", () => {
    type Driver = { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
    const descriptions = (locale: 'en' | 'ja'): Map<string, string> =>
      new Map((JSON.parse(sarif([fakeResult()], context({ locale }))) as Driver).runs[0]?.tool.driver.rules.map((r) => [r.id, r.shortDescription.text]));
    const ja = descriptions('ja');
    expect(ja.get('ministry-known')).toBe('【…】の府省庁名が登録簿にあること。');
    expect(descriptions('en').get('ministry-known')).toBe('Ministries named in tags exist in the registry.');
    const engine = [...ja].filter(([id]) => id !== 'ministry-known');
    expect(engine.length).toBeGreaterThan(0);
    for (const [id, text] of engine) expect(text, id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('is SARIF 2.1.0 with rules, levels, relative URIs, regions, fixes and suppressions', () => {
    const log = JSON.parse(sarif([fakeResult()], context())) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, unknown>[] } };
        results: Record<string, unknown>[];
        invocations: { exitCode: number; executionSuccessful: boolean }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif/);
    const run = log.runs[0];
    expect(run?.tool.driver).toMatchObject({ name: 'plan-lint', version: '9.8.7' });
    const rules = run?.tool.driver.rules ?? [];
    const known = rules.find((r) => r['id'] === 'ministry-known');
    expect(known).toMatchObject({
      shortDescription: { text: 'Ministries named in tags exist in the registry.' },
      fullDescription: { text: 'Checks that every ministry named in a tag is known.' },
      helpUri: `${URL_BASE}ministry-known.md`,
      defaultConfiguration: { level: 'error' },
    });
    expect((known?.['help'] as { markdown: string }).markdown).toContain('# ministry-known');
    const results = run?.results ?? [];
    expect(results.map((r) => r['level'])).toEqual(['error', 'warning', 'note', 'warning']);
    for (const r of results) {
      const index = r['ruleIndex'] as number;
      expect(rules[index]?.['id']).toBe(r['ruleId']);
      const loc = (r['locations'] as { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[])[0];
      expect(loc?.physicalLocation.artifactLocation).toEqual({ uri: 'drafts/report.md', uriBaseId: '%SRCROOT%' });
      const region = loc?.physicalLocation.region ?? {};
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) expect(region[key]).toBeGreaterThanOrEqual(1);
    }
    expect((results[0]?.['locations'] as { physicalLocation: { region: unknown } }[])[0]?.physicalLocation.region).toEqual({
      startLine: 7,
      startColumn: 37,
      endLine: 7,
      endColumn: 41,
    });
    expect(results[0]?.['relatedLocations']).toHaveLength(1);
    expect((results[0]?.['fixes'] as { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[])[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text).toBe('MOJ');
    expect(results[3]?.['suppressions']).toEqual([{ kind: 'inSource', justification: 'checked by hand' }]);
    expect(results.slice(0, 3).every((r) => r['suppressions'] === undefined)).toBe(true);
    expect(run?.invocations[0]).toEqual({ executionSuccessful: true, exitCode: 1 });
  });
});

describe('github', () => {
  it('prints one workflow command per message with escaped data and properties', () => {
    const out = github([{ ...fakeResult(), filePath: '/repo/dir,x/a:b.md' }], context());
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "::error file=dir%2Cx/a%3Ab.md,line=7,endLine=7,col=37,endColumn=41,title=ministry-known::'MOJJ' is not a known ministry abbreviation; did you mean 'MOJ'?",
    );
    expect(lines[1]).toMatch(/^::warning .*::Ministry of Justice is responsible for 1-\(i\) but reported nothing, 100%25 done, a:b, c$/);
    expect(lines[2]).toMatch(/^::notice .*title=date-year-inferred::Year inferred as 2018 for "October 28"%0Asecond line$/);
    expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});

describe('junit', () => {
  it('writes one testsuite per file and one testcase per message, escaped', () => {
    const out = junit([fakeResult(), cleanResult()], context());
    expect(out.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(out.match(/<testsuite /g)).toHaveLength(2);
    expect(out).toContain('<testsuite package="plan-lint" name="drafts/report.md" tests="3" failures="2"');
    expect(out.match(/<failure /g)).toHaveLength(2);
    expect(out).toContain('<testcase classname="drafts/clean.md" name="drafts/clean.md" time="0"/>');
    expect(out).toContain('&apos;MOJJ&apos;');
    expect(escapeXml('<a & "b">\u0001')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });
});

describe('html', () => {
  it('is one standalone page with totals, findings by measure and the responsibility matrix', () => {
    const page = html([{ ...fakeResult(), registry: fakeRegistry() }], context());
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link |src="http|href="http/);
    expect(page).toContain('data-total="errors">1<');
    expect(page).toContain('data-total="warnings">1<');
    expect(page).toContain('<h4 id="f1-m-1-(i)">1-(i) Convening of a public-private conference');
    expect(page).toContain(`<a href="${URL_BASE}ministry-known.md">ministry-known</a>`);
    // Matrix: NPA responsible and reported; MOJ responsible, no entry of its own, but NPA reported on 1-(i)
    // (by another); CAO in 1-(ii) responsible and nobody responsible reported there (missing).
    const row = /<tr id="f1-row-1-\(i\)" data-measure="1-\(i\)">([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? '';
    expect(row).toContain('1-(i)</span>Convening of a public-private conference');
    const cells = [...row.matchAll(/<td([^>]*)>([^<]*)<\/td>/g)].map((m) => m[2]);
    const headers = [...page.matchAll(/<th scope="col"[^>]*data-ministry="([^"]+)"/g)].map((m) => m[1]);
    // Full names and abbreviations of one body share a column, in registry order; unknown names come last.
    expect(headers).toEqual(['NPA', 'CAO', 'MOJ', 'MOJJ']);
    expect(cells).toEqual(['\u2713 reported', '', 'by another', 'reported']);
    expect(row).toContain('title="MOJ: responsible, no entry of its own; NPA reported on this measure"');
    // The row links to its measure's findings, and the findings link back to the row.
    expect(row).toContain('<a class="findings-link" href="#f1-m-1-(i)">2 findings</a>');
    expect(page).toContain('<a class="to-row" href="#f1-row-1-(i)">in the matrix</a>');
    const row2 = /<tr id="f1-row-1-\(ii\)" data-measure="1-\(ii\)" class="unreported">([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? '';
    expect([...row2.matchAll(/<td([^>]*)>([^<]*)<\/td>/g)].map((m) => m[2])).toEqual(['', 'missing', '', '']);
    expect(row2).toContain('<a class="findings-link quiet" href="#f1-m-1-(ii)">1 finding</a>');
    expect(page).toContain('data-status="missing"');
    // The matrix's counts are cards of their own, linked to the matrix and said not to be findings.
    expect(page).toContain('data-total="unreported-measures">1<');
    expect(page).toContain('data-total="by-another">1<');
    expect(page).toContain('The last two count what the <a href="#f1-matrix">matrix</a> shows; they are not findings');
    expect(page).not.toContain('missing reports');
  });

  it('gives each file of a multi-file report its own anchors', () => {
    const page = html([{ ...fakeResult(), registry: fakeRegistry() }, { ...fakeResult(), filePath: '/repo/drafts/other.md', registry: fakeRegistry() }], context());
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('f2-row-1-(i)');
    expect(page).toContain('<a class="findings-link" href="#f2-m-1-(i)">2 findings</a>');
  });

  it('falls back to the names as written without a registry', () => {
    const page = html([fakeResult()], context());
    const headers = [...page.matchAll(/<th scope="col"[^>]*data-ministry="([^"]+)"/g)].map((m) => m[1]);
    expect(headers).toEqual(['National Police Agency', 'Ministry of Justice', 'NPA', 'MOJJ', 'Cabinet Office']);
  });
});
