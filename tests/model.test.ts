import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan, loadDefaultRegistry, textIn, type Block, type PlanDocument, type Range, type TemporalMention } from '@plan-lint/core';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/model/${name}`, import.meta.url), 'utf8');
const load = (name: string): PlanDocument => buildPlan(fixture(name));
const at = (doc: PlanDocument, r: Range): string => doc.text.slice(r.start.offset, r.end.offset);
const kinds = (blocks: Block[]): string => blocks.map((b) => ({ 'planned-action': 'P', 'status-entry': 'S', 'repeat-mention': 'R', text: 'T' })[b.kind]).join('');
const names = (b: Block | undefined): string[] => (b?.tag?.names ?? []).map((n) => `${n.form}:${n.text.replace(/\s+/g, ' ')}`);

/** Every range's line/column must agree with its offset. */
function checkRange(doc: PlanDocument, r: Range): void {
  expect(doc.pointAt(r.start.offset)).toEqual(r.start);
  expect(doc.pointAt(r.end.offset)).toEqual(r.end);
}

describe('sections, measures and blocks', () => {
  const doc = load('status-basic.md');

  it('reads sections and measures with ids and titles', () => {
    expect(doc.sections.map((s) => `${s.number}:${s.title}`)).toEqual(['1:Enhancement of public awareness', '2:Protection of children']);
    expect(doc.measures().map((m) => m.id)).toEqual(['1-(i)', '1-(ii)', '2-(i)']);
    const m = doc.measure('1-(II)');
    expect(m?.title).toBe('Holding of lectures');
    expect(m?.ordinal).toBe(2);
    expect(at(doc, m!.numeralRange)).toBe('ii');
    expect(at(doc, m!.titleRange)).toBe('Holding of lectures');
    expect(at(doc, doc.sections[0]!.numberRange)).toBe('1');
  });

  it('classifies blocks and links status entries to their planned action', () => {
    const blocks = doc.measure('1-(i)')!.blocks;
    expect(kinds(blocks)).toBe('PSSR');
    expect(blocks.map((b) => b.plannedActionIndex)).toEqual([null, 0, 0, 0]);
    expect(blocks[1]!.listItem).toBe(true);
    expect(blocks[0]!.listItem).toBe(false);
    expect(doc.kind).toBe('status-report');
    expect(doc.fiscalYear).toBe(2018); // from the first heading "(FY2018)"
    expect(doc.blocks()).toHaveLength(9);
  });

  it('keeps names that contain commas and "and" whole', () => {
    const pa = doc.measure('1-(i)')!.blocks[0];
    expect(pa?.tag?.names).toHaveLength(9);
    expect(names(pa)).toContain('full-name:Ministry of Education, Culture, Sports, Science and Technology');
    expect(names(pa)).toContain('full-name:Ministry of Health, Labour and Welfare');
    expect(names(pa)).toContain('full-name:Ministry of Economy, Trade and Industry');
    // An Oxford comma inside a registry name is still one name.
    expect(names(doc.measure('1-(ii)')!.blocks[0])).toEqual([
      'full-name:National Police Agency',
      'full-name:Ministry of Education, Culture, Sports, Science, and Technology',
    ]);
    expect(names(doc.measure('2-(i)')!.blocks[0])).toEqual(['full-name:Cabinet Office', 'other-related:other related bodies']);
    expect(names(doc.measure('2-(i)')!.blocks[1])).toEqual(['abbreviation:METI', 'abbreviation:MIC', 'abbreviation:MEXT']);
  });

  it('gives every tag name an exact range, across a line break', () => {
    const entry = doc.measure('1-(i)')!.blocks[1]!;
    const tag = entry.tag!;
    expect(at(doc, tag.range)).toBe('(National\n  Police Agency: NPA)');
    expect(at(doc, tag.innerRange)).toBe('National\n  Police Agency: NPA');
    const def = tag.names[0]!;
    expect(def.form).toBe('definition');
    expect(at(doc, def.fullName!.range)).toBe('National\n  Police Agency');
    expect(at(doc, def.abbreviation!.range)).toBe('NPA');
    expect(def.abbreviation!.range.start.line).toBe(10);
    expect(def.abbreviation!.range.start.column).toBe(18);
    const mixed = doc.measure('1-(i)')!.blocks[2]!.tag!;
    expect(mixed.names.map((n) => at(doc, n.range))).toEqual(['NPA', 'Cabinet Office: CAO']);
    for (const b of doc.blocks()) {
      checkRange(doc, b.range);
      for (const n of b.tag?.names ?? []) {
        checkRange(doc, n.range);
        expect(at(doc, n.range)).toBe(n.text);
      }
    }
  });

  it('reads a canonical repeat mention', () => {
    const r = doc.measure('1-(i)')!.blocks[3]!;
    expect(r.kind).toBe('repeat-mention');
    expect(r.repeat).toMatchObject({ targetId: '1-(ii)', sectionNumber: 1, numeral: 'ii', canonical: true });
    expect(r.repeat!.description).toBe('Holding of lectures on juvenile delinquency prevention classes, etc.');
    expect(at(doc, r.repeat!.prefixRange)).toBe('Repeat mention 1 - (ii):');
    expect(at(doc, r.repeat!.numeralRange)).toBe('ii');
    expect(at(doc, r.repeat!.sectionRange)).toBe('1');
    expect(at(doc, r.repeat!.descriptionRange)).toBe(r.repeat!.description);
    expect(names(r)).toEqual(['abbreviation:NPA']);
  });
});

describe('plans', () => {
  const doc = load('plan-basic.md');
  it('is a plan with the fiscal year of its title, and untagged opening paragraphs are one planned action', () => {
    expect(doc.kind).toBe('plan');
    expect(doc.fiscalYear).toBe(2017);
    const blocks = doc.measure('1-(ii)')!.blocks;
    expect(kinds(blocks)).toBe('P');
    expect(blocks[0]!.tag).toBeNull();
    expect(blocks[0]!.parts).toHaveLength(2);
    expect(blocks[0]!.text).toBe('Training shall be provided to teachers.\nTraining shall also be provided to counsellors.');
  });
});

describe('tag forms', () => {
  const doc = load('tag-forms.md');
  const b = doc.measure('1-(i)')!.blocks;
  it('takes the last group, not a sentence or an organisation list', () => {
    expect(kinds(b)).toBe('PSSSSSSSSSPSS');
    expect(names(b[1])).toEqual(['abbreviation:NPA']); // "(in conjunction with ... ECPAT). (NPA)"
    expect(b[2]!.tag).toBeNull(); // private organisations are not ministries
    expect(names(b[3])).toEqual(['abbreviation:NPA']); // "(The operation ... FY2019.) (NPA)"
    expect(at(doc, b[3]!.tag!.range)).toBe('(NPA)');
    expect(b[8]!.tag).toBeNull(); // "(FY2018: 128 classes ...)"
    expect(b[9]!.tag).toBeNull(); // "(i)"
    expect(b[11]!.tag).toBeNull(); // "(ECPAT)" alone is not a ministry
    expect(names(b[12])).toEqual(['abbreviation:MEXT', 'abbreviation:NPA']); // "(MEXT and NPA)." before the period
  });
  it('keeps misspelt and unknown names so that rules can report them', () => {
    expect(names(b[4])).toEqual(['abbreviation:MOJJ', 'abbreviation:MIHLW']);
    expect(names(b[5])).toEqual(['abbreviation:NPA', 'abbreviation:XYZ']);
    expect(names(b[6])).toEqual(['abbreviation:NPA', 'full-name:Japan Fair Trade Commission']);
    expect(names(b[7])).toEqual(['definition:Ministry of Health, Labour, and Welfare: MHLW']);
    expect(names(b[10])).toEqual(['full-name:Ministry of Educaton, Culture, Sports, Science and Technology']);
    expect(b[10]!.kind).toBe('planned-action');
  });
});

describe('hard shapes of the real report', () => {
  const doc = load('shapes.md');
  it('2-(ii): planned actions written as list items among status entries', () => {
    const blocks = doc.measure('2-(ii)')!.blocks;
    expect(kinds(blocks)).toBe('PSRPS');
    expect(blocks.every((x) => x.listItem)).toBe(true);
    expect(blocks.map((x) => x.plannedActionIndex)).toEqual([null, 0, 0, null, 3]);
    expect(blocks[2]!.repeat).toMatchObject({ targetId: '1-(x)', canonical: false });
    expect(blocks[2]!.repeat!.prefixRaw).toBe('Repeat mention 1 – (x):');
  });
  it('2-(xiii): a paragraph, an untagged list item and the tagged item are one planned action', () => {
    const blocks = doc.measure('2-(xiii)')!.blocks;
    expect(kinds(blocks)).toBe('PS');
    expect(blocks[0]!.parts.map((p) => p.type)).toEqual(['paragraph', 'listItem', 'listItem']);
    expect(blocks[0]!.listItem).toBe(false);
    expect(names(blocks[0])).toEqual(['full-name:Ministry of Health, Labour and Welfare']);
    expect(blocks[1]!.plannedActionIndex).toBe(0);
  });
  it('2-(xii): an entry with an enumeration (i)-(iv) inside is one entry', () => {
    const blocks = doc.measure('2-(xii)')!.blocks;
    expect(kinds(blocks)).toBe('PSS');
    expect(blocks[1]!.text).toContain('(iv) A project was implemented. (MHLW)');
    expect(names(blocks[1])).toEqual(['abbreviation:MHLW']);
    expect(doc.measures().map((m) => m.id)).not.toContain('2-(i)');
  });
  it('footnotes stay with the entry they follow', () => {
    const blocks = doc.measure('2-(iii)')!.blocks;
    expect(kinds(blocks)).toBe('PSS');
    expect(blocks[1]!.footnotes.map((f) => f.text)).toEqual(['* The word "arrest" includes referrals.']);
    expect(names(blocks[1])).toEqual(['abbreviation:NPA']);
    expect(at(doc, blocks[1]!.footnotes[0]!.range)).toBe('\\* The word "arrest" includes referrals.');
    expect(blocks[2]!.footnotes.map((f) => f.text)).toEqual(['* Figures are provisional.']);
  });
  it('untagged blocks: an opening paragraph is an untagged planned action, an untagged list item an untagged entry', () => {
    const blocks = doc.measure('2-(iv)')!.blocks;
    expect(kinds(blocks)).toBe('PSSS');
    expect(blocks[0]!.tag).toBeNull();
    expect(blocks[2]!.tag).toBeNull();
    expect(blocks[2]!.plannedActionIndex).toBe(0);
  });
  it('a paragraph that carries the tag closes the untagged list item before it', () => {
    const blocks = doc.measure('2-(v)')!.blocks;
    expect(kinds(blocks)).toBe('PS');
    expect(blocks[1]!.parts.map((p) => p.type)).toEqual(['listItem', 'paragraph']);
    expect(blocks[1]!.listItem).toBe(true);
  });
});

describe('dates', () => {
  const doc = load('dates.md');
  const d = (i: number): TemporalMention[] => doc.measure('1-(i)')!.blocks[i]!.dates;
  it('reads FY labels in every style', () => {
    expect(d(0)).toMatchObject([{ kind: 'fiscal-year', raw: 'FY2019', year: 2019 }]);
    expect(d(0)[0]!.kind === 'fiscal-year' && d(0)[0]!.style).toBe('FY2018');
    expect(d(8).map((t) => (t.kind === 'fiscal-year' ? `${t.year}/${t.style}` : ''))).toEqual(['2018/fiscal 2018', '2017/fiscal year 2018', '2016/FY 2018']);
    expect(d(9).map((t) => (t.kind === 'fiscal-year' ? `${t.raw}=${t.year}/${t.style}` : ''))).toEqual([
      '平成30年度=2018/japanese-era',
      '令和元年度=2019/japanese-era',
      '令和2年度=2020/japanese-era',
    ]);
  });
  it('links a date in the parenthesis after an FY label, or in the same clause', () => {
    const [fy, date] = d(1);
    expect(fy).toMatchObject({ kind: 'fiscal-year', year: 2018 });
    expect(date).toMatchObject({ kind: 'date', raw: 'the end of January 2019', date: { year: 2019, month: 1, day: null, valid: true } });
    expect(date!.kind !== 'fiscal-year' && date!.qualifies).toBe(fy);
    const [fy2, range] = d(2);
    expect(range).toMatchObject({ kind: 'date-range', raw: 'from November 11 to 25, 2018' });
    expect(range!.kind === 'date-range' && range!.qualifies).toBe(fy2);
    if (range!.kind !== 'date-range') throw new Error('expected a range');
    expect([range.start.year, range.start.month, range.start.day, range.end.day]).toEqual([2018, 11, 11, 25]);
    expect(at(doc, range.start.range)).toBe('November 11');
    expect(at(doc, range.end.range)).toBe('25, 2018');
    // A date in a later sentence qualifies nothing.
    expect(d(3).every((t) => t.kind === 'fiscal-year' || t.qualifies === undefined)).toBe(true);
  });
  it('infers the year of a yearless date from a nearby date, else from the fiscal year', () => {
    expect(d(3)[0]).toMatchObject({ raw: 'October 28', date: { year: null, inferredYear: 2018, month: 10, day: 28 } });
    expect(d(4)[0]).toMatchObject({ raw: 'January 15', date: { year: null, inferredYear: 2019 } });
  });
  it('reads ranges across years and month ranges', () => {
    expect(d(5)[0]).toMatchObject({ kind: 'date-range', start: { year: 2018, month: 11, day: 11 }, end: { year: 2019, month: 1, day: 5 } });
    expect(d(6)[0]).toMatchObject({ kind: 'date-range', raw: 'Between April and December 2018', start: { year: 2018, month: 4, day: null }, end: { year: 2018, month: 12 } });
    expect(d(11)[0]).toMatchObject({ kind: 'date-range', start: { year: null, inferredYear: 2018, month: 11, day: 25 }, end: { year: null, month: 12, day: 1 } });
  });
  it('marks impossible dates invalid', () => {
    expect(d(7).map((t) => (t.kind === 'date' ? `${t.raw}:${t.date.valid}` : ''))).toEqual([
      'April 31, 2018:false',
      'February 29, 2019:false',
      'February 29, 2020:true',
    ]);
  });
  it('does not read the verb "may" as a month, and gives exact ranges', () => {
    expect(d(12).map((t) => t.raw)).toEqual(['May 2019']);
    for (const b of doc.blocks()) for (const t of b.dates) expect(at(doc, t.range)).toBe(t.raw);
  });
});

describe('directives', () => {
  const doc = load('directives.md');
  it('reads every kind with rule ranges and reasons', () => {
    expect(doc.directives.map((x) => x.kind)).toEqual(['disable', 'enable', 'disable-line', 'disable-next-line']);
    expect(doc.directives[0]!.rules.map((r) => r.id)).toEqual(['ministry-known', 'date-valid']);
    expect(doc.directives[0]!.reason).toBe('the legacy report uses these');
    expect(doc.directives[1]!.rules).toEqual([]);
    expect(doc.directives[3]!.rules.map((r) => `${r.id}@${r.range.start.line}:${r.range.start.column}`)).toEqual([
      'numbering@11:34',
      'date-fiscal-year@11:44',
    ]);
    for (const x of doc.directives) for (const r of x.rules) expect(at(doc, r.range)).toBe(r.id);
    expect(at(doc, doc.directives[2]!.range)).toBe('<!-- plan-lint-disable-line measure-responsibility -->');
  });
  it('a trailing directive comment does not hide the tag', () => {
    expect(names(doc.measure('1-(i)')!.blocks[0])).toEqual(['full-name:Cabinet Office']);
  });
});

describe('front matter', () => {
  it('reports each violation at the offending key or value', () => {
    const doc = load('frontmatter-bad.md');
    const fm = doc.frontMatter!;
    const got = fm.problems.map((p) => `${p.keyword}|${p.key}|${at(doc, p.range)}`);
    expect(got).toContain("additionalProperties|fiscal_year|fiscal_year");
    expect(got).toContain('enum|document|report');
    expect(got).toContain('minimum|fiscal-year|1800');
    expect(got).toContain('pattern|as-of|30/06/2019');
    expect(textIn(fm.problems.find((p) => p.key === 'fiscal_year')!.message, 'en')).toBe("Unknown front matter key 'fiscal_year'; did you mean 'fiscal-year'?");
    expect(textIn(fm.problems.find((p) => p.key === 'fiscal-year')!.message, 'en')).toBe("'fiscal-year' must be a year between 1990 and 2100, not 1800");
    expect(fm.title).toBe('Implementation Status (FY2018)');
    expect(fm.fiscalYear).toBeUndefined();
    expect(doc.fiscalYear).toBe(2018); // from the title
    expect(fm.fields.map((f) => f.key)).toEqual(['title', 'document', 'fiscal_year', 'fiscal-year', 'as-of']);
    expect(at(doc, fm.fields[1]!.keyRange)).toBe('document');
  });
  it('reports wrong types at the value and impossible dates', () => {
    const doc = load('frontmatter-types.md');
    const got = doc.frontMatter!.problems.map((p) => `${p.keyword}|${p.key}|${at(doc, p.range)}`);
    expect(got).toEqual(['type|title|[not, a, string]', 'type|fiscal-year|"2018"', 'format|as-of|2019-02-30']);
  });
  it('refuses front matter nested thousands of brackets deep with one problem at the first bracket too deep', () => {
    // (The YAML parser would overflow the stack, at a depth that depends on how deep the caller's stack is.)
    for (const depth of [3000, 30000]) {
      const text = `---\ntitle: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\n\n## 1. A\n`;
      const doc = buildPlan(text);
      const problems = doc.frontMatter!.problems;
      expect(problems).toHaveLength(1);
      expect(textIn(problems[0]!.message, 'en')).toMatch(/nests brackets more than 100 levels deep/);
      expect(problems[0]!.range.start).toEqual({ line: 2, column: 108, offset: 111 });
    }
    // 100 levels are read as YAML.
    const ok = buildPlan(`---\ntitle: x\nnested: ${'['.repeat(100)}${']'.repeat(100)}\n---\n`);
    expect(ok.frontMatter!.problems.map((p) => textIn(p.message, 'en')).join()).not.toMatch(/levels deep/);
  });
  it('turns a YAML syntax error into a problem', () => {
    const doc = load('frontmatter-yaml-error.md');
    expect(doc.frontMatter!.problems).toHaveLength(1);
    expect(doc.frontMatter!.problems[0]!.keyword).toBe('yaml');
    expect(textIn(doc.frontMatter!.problems[0]!.message, 'en')).toMatch(/^Front matter is not valid YAML/);
    expect(doc.sections).toHaveLength(1);
  });
  it('reports an unclosed fence and still reads the rest', () => {
    const doc = load('frontmatter-unclosed.md');
    expect(doc.frontMatter!.problems.map((p) => p.keyword)).toEqual(['unclosed']);
    expect(doc.frontMatter!.problems[0]!.range.start.line).toBe(1);
    expect(doc.measure('1-(i)')?.blocks).toHaveLength(1);
  });
  it('sets the document kind and fiscal year from valid front matter', () => {
    const doc = buildPlan('---\ndocument: status-report\nfiscal-year: 2019\nas-of: 2020-06-30\n---\n\n## 1. A\n');
    expect(doc.kind).toBe('status-report');
    expect(doc.fiscalYear).toBe(2019);
    expect(doc.frontMatter!.asOf).toBe('2020-06-30');
    expect(doc.frontMatter!.problems).toEqual([]);
  });
});

describe('legend', () => {
  const doc = load('legend.md');
  it('reads both entry forms and a footer line, and the legend names tags', () => {
    expect(doc.legend!.entries.map((e) => `${e.abbreviation}=${e.name}`)).toEqual([
      'NPA=National Police Agency',
      'CFAX=Children and Families Agency Extension',
      'MIC=Ministry of Internal Affairs and Communications',
      'MOJ=Ministry of Justice',
    ]);
    const e = doc.legend!.entries[1]!;
    expect(at(doc, e.abbreviationRange)).toBe('CFAX');
    expect(at(doc, e.nameRange)).toBe('Children and Families Agency Extension');
    expect(doc.problems.map((p) => p.range.start.line)).toEqual([7]);
    const blocks = doc.measure('1-(i)')!.blocks;
    expect(names(blocks[0])).toEqual(['full-name:Children and Families Agency Extension']);
    expect(names(blocks[1])).toEqual(['abbreviation:CFAX']);
    expect(doc.sections).toHaveLength(1);
  });
});

describe('malformed input never throws', () => {
  it('handles measures outside sections, empty list items, odd numerals and repeated sections', () => {
    const doc = load('malformed.md');
    expect(doc.problems.map((p) => p.range.start.line)).toEqual([3]);
    expect(doc.sections.map((s) => s.number)).toEqual([3, 1, 1]);
    expect(doc.measures().map((m) => `${m.id}:${m.ordinal}`)).toEqual([
      '3-(ii):2',
      '1-(ii):2',
      '1-(ii):2',
      '1-(IV):null',
      '1-(iiii):null',
      '1-(i):1',
    ]);
    expect(doc.measure('1-(iv)')?.numeral).toBe('IV');
    expect(doc.measure('3-(ii)')!.blocks[0]!.tag).toBeNull(); // "(Cabinet Office" is not closed
  });
  it('survives garbage, empty text, a BOM and CRLF line endings', () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let garbage = '';
    for (let i = 0; i < 5000; i++) garbage += String.fromCharCode(Math.floor(rnd() * 0xffff));
    for (const text of ['', '\u0000\u0001\u0002', garbage, '---', '---\n---', '(', ')'.repeat(1000), '# (i)\n## 1.\n### (', '- '.repeat(500)]) {
      const doc = buildPlan(text);
      expect(doc.problems.every((p) => !/could not read/.test(textIn(p.message, 'en')))).toBe(true);
    }
    const crlf = buildPlan('\uFEFF## 1. A\r\n\r\n### (i) B\r\n\r\nText. (Cabinet Office)\r\n\r\n- Done. (CAO)\r\n');
    expect(crlf.text.startsWith('##')).toBe(true);
    const blocks = crlf.measure('1-(i)')!.blocks;
    expect(kinds(blocks)).toBe('PS');
    expect(blocks[1]!.tag!.range.start).toEqual({ line: 7, column: 9, offset: crlf.text.indexOf('(CAO)') });
  });
  it('accepts an explicit registry', () => {
    const registry = loadDefaultRegistry().extend([{ id: 'xa', name: 'Example Agency', abbreviations: ['XA'], nameJa: '例庁' }]);
    const doc = buildPlan('## 1. A\n\n### (i) B\n\n- Done. (XA)\n', { registry });
    expect(names(doc.measure('1-(i)')!.blocks[0])).toEqual(['abbreviation:XA']);
    expect(doc.kind).toBe('status-report');
  });
});

describe('hostile text', () => {
  // Speed is measured by `npm run bench` and scripts/hostile-timing.mjs, not here: this checks the outcome only.
  it('reads drafts padded with hostile patterns without losing the structure', () => {
    const unit = fixture('shapes.md') + '\n<!-- a comment -->\n' + fixture('dates.md').replace(/^---[\s\S]*?---\n/, '');
    const hostile = '\n\n## 9. Hostile\n\n### (i) X\n\n- ' + 'from '.repeat(2000) + ' (' + 'NPA, '.repeat(3000) + ')\n\n- ' + '('.repeat(5000) + ')'.repeat(5000) + '\n\n- ' + 'January '.repeat(3000) + '\n\n- FY2018 (' + 'May 2019, '.repeat(1500) + '\n\n- ' + 'FY2018, 2018年4月'.repeat(1500) + '\n';
    const small = buildPlan(unit.repeat(2) + hostile);
    const large = buildPlan(unit.repeat(8) + hostile.repeat(4));
    expect(large.measures().length).toBeGreaterThan(small.measures().length);
    expect(large.problems.length).toBeGreaterThanOrEqual(small.problems.length);
    const doc = buildPlan(hostile);
    expect(doc.measures()).toHaveLength(1);
    // A tag of thousands of names is not read as a tag (tags.ts caps its tokens at 200); one of 90 names still is.
    const long = buildPlan('## 1. A\n\n### (i) B\n\n- Done. (' + 'NPA, '.repeat(89) + 'MOJ)\n');
    expect(long.blocks()[0]?.tag?.names).toHaveLength(90);
  });
});

describe('date ranges are read as one unit', () => {
  const doc = load('date-ranges.md');
  const r = (i: number): { start: string; end: string } => {
    const t = doc.measure('1-(i)')!.blocks[i]!.dates.find((x) => x.kind === 'date-range');
    if (!t || t.kind !== 'date-range') throw new Error(`block ${i} has no range`);
    const y = (d: typeof t.start): string => `${d.year ?? `~${d.inferredYear}`}-${d.month}`;
    return { start: y(t.start), end: y(t.end) };
  };
  it('gives both ends of a yearless range one year, from the fiscal year', () => {
    // "from February to May" in a FY2018 report: February 2019 to May 2019, not February 2019 to May 2018.
    expect(r(1)).toEqual({ start: '~2019-2', end: '~2019-5' });
    expect(r(4)).toEqual({ start: '~2018-12', end: '~2019-1' });
  });
  it('takes the start year from a nearby date and moves the end across the new year', () => {
    expect(r(2)).toEqual({ start: '~2018-10', end: '~2019-3' });
  });
  it('reads an end without a year in the start year, or the next when its month is earlier', () => {
    expect(r(3)).toEqual({ start: '2018-12', end: '~2019-1' });
  });
  it('leaves a reversed range within one month in one year, so that it can be reported', () => {
    expect(r(5)).toEqual({ start: '~2018-11', end: '~2018-11' });
  });
});

describe('which dates qualify a fiscal-year label', () => {
  const doc = load('date-qualifies.md');
  /** "date raw -> label raw" for every date or range of block i. */
  const links = (i: number): string[] =>
    doc.measure('1-(i)')!.blocks[i]!.dates.flatMap((t) => (t.kind === 'fiscal-year' ? [] : [`${t.raw} -> ${t.qualifies?.raw ?? '-'}`]));
  it('does not link a date to a label across a verb', () => {
    expect(links(1)).toEqual(['May 15, 2018 -> -']);
    expect(links(7)).toEqual(['May 10, 2019 -> -']);
    expect(links(9)).toEqual(['May 15, 2018 -> -']);
    expect(links(11)).toEqual(['2018年5月15日 -> -']);
  });
  it('links a date in the parenthesis right after the label', () => {
    expect(links(2)).toEqual(['the end of January 2019 -> FY2018']);
    expect(links(3)).toEqual(['April 2018 -> FY2018', 'March 2019 -> FY2018']);
    expect(links(10)).toEqual(['2019年1月 -> 平成30年度']);
  });
  it('links a date that directly continues the label phrase, and not one far away', () => {
    expect(links(4)).toEqual(['from April 1 to 20, 2018 -> FY2018']);
    expect(links(5)).toEqual(['between April and December 2018 -> FY2018']);
    expect(links(6)).toEqual(['January 30, 2019 -> FY2018']);
    expect(links(8)).toEqual(['May 2019 -> -']);
  });
});

describe('block kinds follow block shape and tag forms', () => {
  const doc = load('classify.md');
  it('a paragraph whose tag has a full name is a planned action, even with an abbreviation in it', () => {
    const blocks = doc.measure('1-(i)')!.blocks;
    expect(kinds(blocks)).toBe('PSS');
    expect(blocks.map((b) => b.plannedActionIndex)).toEqual([null, 0, 0]);
  });
  it('a list item is a planned action only when its tag names full names only', () => {
    expect(kinds(doc.measure('1-(ii)')!.blocks)).toBe('PSS');
  });
  it('a paragraph that defines an abbreviation ends a status entry', () => {
    const blocks = doc.measure('1-(iii)')!.blocks;
    expect(kinds(blocks)).toBe('PSS');
    expect(blocks[1]!.parts.map((p) => p.type)).toEqual(['listItem', 'paragraph', 'paragraph']);
  });
  it('reads the reversed definition form "(NPA: National Police Agency)"', () => {
    const entry = doc.measure('1-(iv)')!.blocks[1]!;
    expect(entry.kind).toBe('status-entry');
    expect(names(entry)).toEqual(['definition:NPA: National Police Agency']);
    const def = entry.tag!.names[0]!;
    expect(at(doc, def.fullName!.range)).toBe('National Police Agency');
    expect(at(doc, def.abbreviation!.range)).toBe('NPA');
  });
});

describe('Japanese dates and two-digit fiscal years', () => {
  const doc = load('dates-japanese.md');
  const d = (i: number): TemporalMention[] => doc.measure('1-(i)')!.blocks[i]!.dates;
  const show = (t: TemporalMention): string =>
    t.kind === 'date' ? `${t.raw}=${t.date.year}-${t.date.month}-${t.date.day ?? ''}${t.date.valid ? '' : '!'}` : t.kind === 'fiscal-year' ? `${t.raw}=FY${t.year}/${t.style}` : t.raw;
  it('reads western-year dates, month-only dates and full-width digits', () => {
    expect(d(1).map(show)).toEqual(['2018年4月23日=2018-4-23', '2019年1月=2019-1-']);
    expect(d(3).map(show)).toEqual(['２０１８年１２月３日=2018-12-3']);
  });
  it('converts era years: Heisei 1 = 1989, Reiwa 1 = 2019', () => {
    expect(d(2).map(show)).toEqual(['平成30年4月23日=2018-4-23', '令和元年5月1日=2019-5-1']);
  });
  it('marks impossible dates, including dates outside their era, invalid', () => {
    expect(d(4).map(show)).toEqual(['2019年2月30日=2019-2-30!', '令和元年4月1日=2019-4-1!', '平成31年4月30日=2019-4-30']);
  });
  it('reads western fiscal years written 年度 and FY18 as fiscal-year labels', () => {
    expect(d(5).map(show)).toEqual(['2018年度=FY2018/japanese-western', '平成30年度=FY2018/japanese-era']);
    expect(d(6).map(show)).toEqual(['FY18=FY2018/FY18', 'FY2019=FY2019/FY2018']);
  });
  it('gives exact ranges', () => {
    for (const b of doc.blocks()) for (const t of b.dates) expect(at(doc, t.range)).toBe(t.raw);
  });
});
