// Checks the FY2018 seed (seeds/fy2018-status-report.md) against the raw PDF text it was converted from
// (seeds/fy2018-implementation-status.txt). The Markdown is read with remark-parse +
// remark-frontmatter only (not with the plan model); everything expected is taken from the raw text
// by code in this file, independent of scripts/convert-seed.mjs.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RAW_PATH = resolve(repo, 'seeds/fy2018-implementation-status.txt');
const SEED_PATH = resolve(repo, 'seeds/fy2018-status-report.md');
const SCRIPT = resolve(repo, 'scripts/convert-seed.mjs');

const rawText = readFileSync(RAW_PATH, 'utf8');
const seedText = readFileSync(SEED_PATH, 'utf8');
const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(seedText) as Root;

// ------------------------------------------------------------------------------------------------
// The raw text, read independently of the conversion script

const FOOTER =
  '* NPA (National Police Agency), CAS (Cabinet Secretariat), CAO (Cabinet Office), MIC (Ministry of Internal Affairs and ' +
  'Communications), MOJ (Ministry of Justice), MOFA (Ministry of Foreign Affairs), MEXT (Ministry of Education, Culture, ' +
  'Sports, Science and Technology), MHLW (Ministry of Health, Labour and Welfare), METI (Ministry of Economy, Trade and ' +
  'Industry)';
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Raw lines without empty lines, page footers and the page numbers under them. */
function rawBodyLines(): { lines: string[]; footers: number } {
  const all = rawText.split(/\r?\n/).filter((l) => l.trim() !== '');
  const lines: string[] = [];
  let footers = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i]!.trim().startsWith('* NPA (National Police Agency)')) {
      let acc = '';
      let j = i;
      while (j < all.length && squash(acc) !== FOOTER) acc += ` ${all[j++]!}`;
      expect(squash(acc)).toBe(FOOTER);
      footers++;
      if (j < all.length && /^\s*\d+\s*$/.test(all[j]!)) j++;
      i = j - 1;
      continue;
    }
    lines.push(all[i]!);
  }
  return { lines, footers };
}
const { lines: bodyLines, footers: footerCount } = rawBodyLines();

/** Deliberate differences between raw wording and the Markdown (each is reported by the converter). */
const KNOWN_NORMALISATIONS: Array<[string, string]> = [
  ['(xvii)Implementation', '(xvii) Implementation'], // 4-(xvii): the raw heading has no space after the numeral
];

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/u;
/** The raw body as running text: bullet marks dropped, broken lines joined (no space after a hyphen or at CJK). */
function rawRunningText(): string {
  let text = '';
  for (const raw of bodyLines) {
    const line = raw.trim().replace(/^[\uF09F・]\s*/u, '');
    if (text === '') text = line;
    else if (/[A-Za-z]-$/.test(text) || CJK.test(text.at(-1)!) || CJK.test(line[0]!)) text += line;
    else text += ` ${line}`;
  }
  for (const [from, to] of KNOWN_NORMALISATIONS) text = text.split(from).join(to);
  return squash(text);
}

// Responsibility tags: a parenthesis holding only ministry names, full or abbreviated.
const FULL_NAMES = ['National Police Agency', 'Cabinet Secretariat', 'Cabinet Office',
  'Ministry of Internal Affairs and Communications', 'Ministry of Justice', 'Ministry of Foreign Affairs',
  'Ministry of Education, Culture, Sports, Science and Technology', 'Ministry of Health, Labour and Welfare',
  'Ministry of Economy, Trade and Industry'];
const ABBREVIATIONS = ['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI'];
const ws = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const NAME = `(?:(?:${FULL_NAMES.map(ws).join('|')})(?::\\s+(?:${ABBREVIATIONS.join('|')}))?|${ABBREVIATIONS.join('|')}|other\\s+related\\s+bodies)`;
const TAG = `\\(${NAME}(?:(?:,\\s+and\\s+|,\\s+|\\s+and\\s+)${NAME})*\\)`;
/** Tags of the raw text: those that close at the end of a raw line (a tag ends its block). */
function rawTags(): string[] {
  const text = bodyLines.map((l) => l.trim()).join('\n');
  return [...text.matchAll(new RegExp(`${TAG}(?=\\n|$)`, 'g'))].map((m) => squash(m[0]));
}
const tagAtEnd = (text: string): string | null => new RegExp(`${TAG}$`).exec(text)?.[0] ?? null;
const isStatusTag = (tag: string): boolean => new RegExp(`[(\\s:](?:${ABBREVIATIONS.join('|')})[,)\\s]`).test(tag);

// ------------------------------------------------------------------------------------------------
// The Markdown

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'yaml') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}
const blockText = (node: Nodes): string => squash(textOf(node));

/** Text of every heading and paragraph in document order (list contents included). */
function blockTexts(nodes: readonly Nodes[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.type === 'heading' || n.type === 'paragraph') out.push(blockText(n));
    else if (n.type === 'list' || n.type === 'listItem') out.push(...blockTexts(n.children));
  }
  return out;
}

function allNodes(node: Nodes, acc: Nodes[] = []): Nodes[] {
  acc.push(node);
  if ('children' in node) for (const c of node.children as Nodes[]) allNodes(c, acc);
  return acc;
}

const root = tree.children;
const firstSectionIndex = root.findIndex((n) => n.type === 'heading' && n.depth === 2 && /^1\. /.test(blockText(n)));
const body = root.slice(firstSectionIndex);

interface Measure { id: string; title: string; blocks: RootContent[] }
interface Section { number: number; title: string; measures: Measure[] }
function sectionsOf(nodes: RootContent[]): Section[] {
  const sections: Section[] = [];
  for (const n of nodes) {
    if (n.type === 'heading' && n.depth === 2) {
      const m = /^(\d+)\. (.*)$/.exec(blockText(n));
      sections.push({ number: Number(m?.[1]), title: m?.[2] ?? blockText(n), measures: [] });
    } else if (n.type === 'heading' && n.depth === 3) {
      const m = /^\(([ivx]+)\) (.*)$/.exec(blockText(n));
      const s = sections.at(-1)!;
      s.measures.push({ id: `${s.number}-(${m?.[1] ?? '?'})`, title: m?.[2] ?? blockText(n), blocks: [] });
    } else {
      sections.at(-1)?.measures.at(-1)?.blocks.push(n);
    }
  }
  return sections;
}
const sections = sectionsOf(body);
const measures = new Map(sections.flatMap((s) => s.measures.map((m) => [m.id, m] as const)));
function measure(id: string): Measure {
  const m = measures.get(id);
  if (!m) throw new Error(`measure ${id} not found`);
  return m;
}
const itemsOf = (m: Measure): ListItem[] => m.blocks.filter((b): b is List => b.type === 'list').flatMap((l) => l.children);
/** Paragraph texts directly inside a list item (not those of nested lists). */
const paragraphsOf = (item: ListItem): string[] => item.children.filter((c): c is Paragraph => c.type === 'paragraph').map(blockText);
const itemStarting = (m: Measure, start: string): ListItem => {
  const found = itemsOf(m).filter((i) => (paragraphsOf(i)[0] ?? '').startsWith(start));
  expect(found, `one item starting "${start}" in ${m.id}`).toHaveLength(1);
  return found[0]!;
};
const shape = (m: Measure): string[] => m.blocks.map((b) => (b.type === 'list' ? `list(${b.children.length})` : b.type));

/** Section and measure titles as printed in the raw report (checked by hand against the PDF text). */
const EXPECTED: Array<[string, string[]]> = [
  [
    "Enhancement of public awareness for the eradication of child sexual exploitation, development of social awareness, and strengthening of collaboration with international society",
    [
      "Convening of a public-private conference for the promotion of social awareness",
      "Promotion of public relations and public awareness-raising activities toward the general public for the prevention of victimization through child prostitution and child pornography and for the prevention of the distribution of and access to images of child pornography on the internet",
      "Awareness-raising of overseas travelers",
      "Transmission of information about government efforts via the website",
      "Implementation of domestic public relations regarding the Convention on the Rights of the Child and the Optional Protocol to the Convention on the Rights of Child on the sale of children, etc.",
      "Implementation of public relations and awareness-raising activities for the eradication of trafficking in persons",
      "Implementation of training for those that are engaged in the education and awareness-raising of young people",
      "Consideration for crime victims whose damage tends to be hidden",
      "Improvement of access to activity subsidies by private organizations",
      "Assistance for the awareness-raising activities of private organizations for the protection of children",
      "Promotion of comprehensive measures to prevent victimization based on the Act on Development of Internet Environment for Young People, etc.",
      "Efforts in “Campaign for Eliminating Violence against Women”",
      "Efforts during “National Month for the Prevention of Juvenile Delinquency and Juvenile Damage”",
      "Efforts during “Child Abuse Prevention Month”",
      "Strengthening collaboration with foreign investigative authorities and international mutual legal assistance",
      "International dissemination of information on the Basic Plan on Measures against Child Sexual Exploitation",
      "Strengthening of international collaboration and the promotion of information dissemination to international society through participation in international efforts",
      "Participation in “WePROTECT Global Alliance to End Child Sexual Exploitation Online”",
      "Holding of seminars concerning measures against child sexual exploitation",
      "Building of the platform for promoting international collaboration for the eradication of human trafficking cases",
      "Implementation of the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography (hereinafter referred to as “the Protocol”) and release of the information on domestic actions",
    ],
  ],
  [
    "Support for children and families to ensure the sound growth of children without victimization by sexual exploitation",
    [
      "Promotion of “Spring Safety Net / New Term Action” under collaboration between the public and private sectors",
      "Implementation of awareness-raising activities for safe and secure internet use by children",
      "Assistance for the establishment of a cooperative structure at the local level for the safe and secure use of the internet by young people",
      "Assistance in publicity and awareness-raising activities at the local and family level for the proper use of the internet by children",
      "Enhancement of information morals education at schools",
      "Development and publication of internet literacy indicators (ILAS) for the safe use of the internet by young people",
      "Surveys for cleaning up harmful environments surrounding juveniles",
      "Promotion of street guidance activities",
      "Promotion of the activities of juvenile guidance commissioners for the sound development of juveniles",
      "Support for delinquent juveniles, etc., at Juvenile Classification Homes",
      "Strengthening of assistance in cybercrime prevention volunteer activities",
      "Support for single-parent families",
      "Employment support for parents in single-parent families",
      "Employment support for youths",
      "Support for needy persons",
    ],
  ],
  [
    "Promotion of measures to prevent the occurrence and spread of victimization that focuses on tools used for child sexual exploitation",
    [
      "Assistance in measures against such tools as taken by private organizations to protect children",
      "Assistance in voluntary efforts by mobile carries, third-party organizations, etc., to promote the use of filtering services",
      "Assistance for the operation of the Guidelines on Measures for Illegal Information on the Internet and Model Contract Articles on Measures for Illegal/Harmful Information",
      "Assistance in consultation services concerning illegal/harmful information on the internet",
      "Promotion of various measures toward improvement in the effectiveness of blocking",
      "Measures for the business operators of online dating sites and community sites",
      "Promotion of measures to prevent the distribution of and access to images of child pornography",
      "Operation of the Internet Hotline Center",
      "Elimination of criminal organizations and illegal adult entertainment establishments in entertainment/amusement areas by nurturing an atmosphere encouraging crime prevention volunteer activities",
    ],
  ],
  [
    "Prompt protection of child victims and the promotion of appropriate support",
    [
      "Creation of a comfortable environment for children and their parents/guardians for consultations",
      "Reponses considering convenience for the person undergoing a consultation",
      "Appropriate handling of children’s rights issues",
      "Dissemination of the anonymous reporting program for the creation of a secure society",
      "Promotion of guidance for children involved in businesses focused on children as sexual objects",
      "Promotion of cyber guidance",
      "Support, etc., for children at Child Guidance Centers and local governments",
      "Improvement of convenience for victims of sexual crimes in obtaining information",
      "Enhancement of support for victims of sexual crimes and sexual violence",
      "Promotion of the protection of trafficking victims",
      "Implementation of continuous support for child victims",
      "Protection and support for women in need of protection under the women’s protection project",
      "Provision of support at child welfare facilities",
      "Support provided by the Japan Legal Support Center",
      "Verification of measures relating to the protection of children who have suffered physical or mental damage",
      "Implementation of research study on child victims",
      "Implementation of surveys on the actual situations of violent victimization, etc.",
      "Consideration of a model of counseling and support system",
    ],
  ],
  [
    "Strengthening of crackdowns in line with the situation of victimization and rehabilitation of offenders",
    [
      "Assistance in the establishment of ordinances prohibiting businesses focused on children as sexual objects",
      "Surveys contributing to consideration of the regulations regarding child pornography",
      "Strengthening of crackdowns on and strict punishment for crimes involving child sexual exploitation",
      "Grasping of the actual state of adult entertainment businesses and the promotion of crackdowns on adult entertainment-related crimes",
      "Pursuit of criminal charges against vicious business operators",
      "Promotion of the activities of the Juvenile and Woman Aegis Team",
      "Strengthening of collaboration among related organizations in efforts to implement interviews with consideration of children’s psychological stress",
      "Protection of child victims of crimes in the process of investigations/public trials",
      "Implementation of guidance on prevention of repeat sexual offenses in penal institutions",
      "Implementation of guidance to prevent sexual delinquency at juvenile training schools",
      "Implementation of a sexual offender treatment program at probation offices",
      "Operation of a system for measures to prevent repeat violent sexual crimes against children by released prisoners",
    ],
  ],
  [
    "Strengthening of the foundation for realizing a society where children will never become victims of sexual exploitation",
    [
      "Awareness-raising of the child welfare-related officials that are likely to have contact with latent child victims of sexual exploitation",
      "Enhancement of the response capacity of school officials for the early detection of child victims and the promotion of support activities",
      "Implementation of training concerning care for sexually victimized children",
      "Strengthening of the support systems of the Japan Legal Support Center",
      "Implementation of training for the promotion of information education",
      "Enhancement of investigative capacity for dealing with child sexual exploitation crimes",
      "Dissemination of questioning techniques with consideration of the psychological effect on child victims",
      "Enrichment of the contents of training for officials in charge of supporting child victims",
      "Implementation of training, etc., for public prosecutors",
      "Promotion of the deployment of school counselors, etc., for the early detection of child victims and for support activities at school",
      "Establishment of a counselling system for continuous support for child victims",
      "Strengthening of the structure and specialization of Child Guidance Centers",
      "Strengthening of the system to support women in need of protection under the women’s protection project",
    ],
  ],
];

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi',
  'xvii', 'xviii', 'xix', 'xx', 'xxi'];

describe('FY2018 seed: document frame', () => {
  it('has the front matter of a FY2018 status report', () => {
    const yaml = root[0];
    expect(yaml?.type).toBe('yaml');
    const data = parseYaml(yaml && 'value' in yaml ? yaml.value : '') as Record<string, unknown>;
    expect(data).toEqual({
      title: 'Implementation Status of the Basic Plan on Measures against Child Sexual Exploitation (FY2018)',
      document: 'status-report',
      'fiscal-year': 2018,
      plan: 'basic-plan-2017.md',
    });
    // the raw text has no title of its own: it starts with section 1
    expect(squash(bodyLines[0]!)).toMatch(/^1\. Enhancement of public awareness/);
  });

  it('turns the page footer into the abbreviation legend, in footer order, and drops it everywhere else', () => {
    expect(footerCount).toBe(12);
    const heading = root[1];
    expect(heading?.type === 'heading' && heading.depth === 2 && blockText(heading)).toBe('Abbreviations');
    const legend = root[2];
    expect(legend?.type).toBe('list');
    const entries = (legend as List).children.map(blockText);
    const fromFooter = [...FOOTER.slice(2).matchAll(/([A-Z]{2,5}) \(([^()]+)\)/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(fromFooter).toHaveLength(9);
    expect(entries).toEqual(fromFooter);
    expect(firstSectionIndex).toBe(3);
    expect(seedText).not.toContain('CAS (Cabinet Secretariat)');
    expect(seedText).not.toContain('* NPA');
    // no page number survives as a paragraph of its own
    expect(blockTexts(body).filter((t) => /^\d+$/.test(t))).toEqual([]);
  });

  it('uses no Markdown construct by accident (emphasis, links, HTML, code, quotes, ordered lists)', () => {
    const kinds = new Set(allNodes(tree).map((n) => n.type));
    for (const k of ['emphasis', 'strong', 'link', 'linkReference', 'definition', 'html', 'inlineCode', 'code',
      'blockquote', 'thematicBreak', 'image', 'break']) {
      expect(kinds.has(k as Nodes['type']), k).toBe(false);
    }
    const lists = allNodes(tree).filter((n): n is List => n.type === 'list');
    expect(lists.filter((l) => l.ordered)).toEqual([]);
    expect(new Set(allNodes(tree).filter((n): n is Heading => n.type === 'heading').map((h) => h.depth))).toEqual(new Set([2, 3]));
    // an enumeration "(i)" never sits at column 0 where it could be read as a measure
    const lines = seedText.split('\n');
    expect(lines.filter((l) => /^\([ivx]+\)/.test(l))).toEqual([]);
  });
});

describe('FY2018 seed: sections and measures', () => {
  it('has 6 sections and 88 measures, 21/15/9/18/12/13 per section, numbered in sequence', () => {
    expect(sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sections.map((s) => s.measures.length)).toEqual([21, 15, 9, 18, 12, 13]);
    for (const s of sections) expect(s.measures.map((m) => m.id)).toEqual(s.measures.map((_, k) => `${s.number}-(${ROMAN[k]})`));
  });

  it('has the section and measure titles of the raw report, each joined onto one line', () => {
    expect(sections.map((s) => [s.title, s.measures.map((m) => m.title)])).toEqual(EXPECTED);
    const raw = rawRunningText();
    EXPECTED.forEach(([title, titles], k) => {
      expect(raw, `section ${k + 1}`).toContain(`${k + 1}. ${title}`);
      titles.forEach((t, j) => expect(raw, `${k + 1}-(${ROMAN[j]})`).toContain(`(${ROMAN[j]}) ${t}`));
    });
  });
});

describe('FY2018 seed: wording', () => {
  const raw = rawRunningText();
  const md = squash(blockTexts(body).join(' '));

  it('contains every sentence of the raw text', () => {
    const sentences = raw.split(/(?<=[.?!][”’")]*)\s+(?=[“‘"(]?[A-Z0-9])/);
    expect(sentences.length).toBeGreaterThan(450);
    const missing = sentences.filter((s) => !md.includes(s));
    expect(missing).toEqual([]);
  });

  it('adds nothing and drops nothing: the running text equals the raw text', () => {
    expect(md.length).toBe(raw.length);
    expect(md).toBe(raw);
  });

  it('joins hyphenated line breaks without a space and keeps curly quotes and other characters', () => {
    // every line of the raw text that ends in a hyphen continues the word on the next line
    const hyphenated: string[] = [];
    bodyLines.forEach((line, k) => {
      const m = /(\S+-)$/.exec(line.trim());
      const next = bodyLines[k + 1]?.trim().split(/\s+/)[0];
      if (m && next) hyphenated.push(`${m[1]}${next}`);
    });
    expect(hyphenated).toContain('awareness-raising');
    expect(hyphenated).toContain('“self-generated”');
    expect(hyphenated.length).toBe(14);
    for (const word of hyphenated) expect(md, word).toContain(word);
    // suspended hyphens ("second- and later-born") are the only hyphens followed by a space
    expect([...new Set(md.match(/[A-Za-z]- \S+/g))].sort()).toEqual(['d- and', 'm- to', 'r- and']);
    expect(md).toContain('the Protocol and，as necessary');
    expect(md).toContain('Internet—Do you think');
    expect(md).not.toContain('\uF09F');
  });
});

describe('FY2018 seed: tags and entries', () => {
  const tags = rawTags();
  const paragraphs = allNodes(tree).filter((n): n is Paragraph => n.type === 'paragraph').map(blockText);

  it('has every tag of the raw text, in the same order, each ending a paragraph', () => {
    expect(tags.length).toBeGreaterThan(250);
    const mdTags = paragraphs.map(tagAtEnd).filter((t): t is string => t !== null);
    expect(mdTags).toEqual(tags);
  });

  it('writes every status entry as one list item whose last paragraph ends with the tag', () => {
    const statusInRoot = body.filter((b): b is Paragraph => b.type === 'paragraph').map(blockText)
      .filter((t) => { const tag = tagAtEnd(t); return tag !== null && isStatusTag(tag); });
    expect(statusInRoot).toEqual([]);
    const untagged: string[] = [];
    for (const m of measures.values()) {
      for (const item of itemsOf(m)) {
        const ps = paragraphsOf(item).filter((p) => !p.startsWith('* '));
        const tagged = ps.filter((p) => tagAtEnd(p) !== null);
        // at most one tag per item, and only on its last paragraph
        expect(tagged.length, `${m.id}: ${ps[0]}`).toBeLessThanOrEqual(1);
        if (tagged.length === 1) expect(tagAtEnd(ps.at(-1)!), `${m.id}: ${ps[0]}`).not.toBeNull();
        else untagged.push(m.id);
      }
    }
    // untagged items are only the parts of planned actions written as lists before their tag
    expect(untagged).toEqual(['2-(xiii)', '4-(xiii)', '4-(xiii)', '4-(xiii)', '5-(xi)', '5-(xi)']);
    const statusItems = [...measures.values()].flatMap(itemsOf)
      .filter((i) => { const t = tagAtEnd(paragraphsOf(i).filter((p) => !p.startsWith('* ')).at(-1) ?? ''); return t !== null && isStatusTag(t); });
    expect(statusItems.length).toBe(tags.filter(isStatusTag).length);
  });

  it('has the 20 repeat mentions as list items, worded as in the raw text', () => {
    const raw = rawRunningText();
    const rawRepeats = [...raw.matchAll(new RegExp(`Repeat mention \\d+ [-–] \\([ivx]+\\): .*?${TAG.replace(/\\s\+/g, ' ')}`, 'g'))].map((m) => m[0]);
    expect(rawRepeats).toHaveLength(20);
    const mdRepeats = [...measures.values()].flatMap(itemsOf).map((i) => paragraphsOf(i).join(' ')).filter((t) => t.startsWith('Repeat mention'));
    expect(mdRepeats).toEqual(rawRepeats);
    expect(mdRepeats.filter((t) => t.includes(' – '))).toEqual(['Repeat mention 1 – (x): Implementation of “e-Net Caravan” (MIC)']);
  });
});

describe('FY2018 seed: the hard shapes of draft-format.md', () => {
  it('2-(ii): planned actions written as list items with full-name tags, mixed with status entries', () => {
    const m = measure('2-(ii)');
    expect(shape(m)).toEqual(['list(15)']);
    const kinds = itemsOf(m).map((i) => { const t = tagAtEnd(paragraphsOf(i).at(-1)!); return t && (isStatusTag(t) ? 'S' : 'P'); });
    expect(kinds.join('')).toBe('PSSPSSPSPSPSPSS');
  });

  it('5-(iii): planned-action items, a status entry with a footnote, all in one list', () => {
    const m = measure('5-(iii)');
    expect(shape(m)).toEqual(['list(4)']);
    const entry = itemStarting(m, 'Crackdowns were advanced');
    const ps = paragraphsOf(entry);
    expect(ps).toHaveLength(3);
    expect(ps[1]).toMatch(/^In addition, we worked .* \(NPA\)$/);
    expect(ps[2]).toBe('* The word “arrest” includes the meaning of “referring cases to the Public Prosecutor’s Offices etc. without restraining suspects”');
    expect(tagAtEnd(paragraphsOf(itemsOf(m)[0]!).at(-1)!)).toBe('(National Police Agency, Ministry of Justice, Cabinet Secretariat, Cabinet Office, and Ministry of Health, Labour and Welfare)');
  });

  it('5-(iv): the footnote stays inside the entry it annotates', () => {
    const m = measure('5-(iv)');
    expect(shape(m)).toEqual(['paragraph', 'list(1)']);
    const ps = paragraphsOf(itemsOf(m)[0]!);
    expect(ps.map((p) => p.slice(0, 12))).toEqual(['Efforts were', '* The word “']);
    expect(ps[0]).toMatch(/\(NPA\)$/);
  });

  it('2-(xiii), 4-(xiii), 5-(xi): a planned action spanning a paragraph, an untagged list and its tagged close', () => {
    const a = measure('2-(xiii)');
    expect(shape(a)).toEqual(['paragraph', 'list(5)']);
    expect(blockText(a.blocks[0]!)).toBe('Employment support shall be provided to parents in single-parent families through the following measures.');
    const aItems = itemsOf(a).map((i) => tagAtEnd(paragraphsOf(i).at(-1)!));
    expect(aItems).toEqual([null, '(Ministry of Health, Labour and Welfare)', '(MHLW)', '(MHLW)', '(MHLW)']);

    const b = measure('4-(xiii)');
    expect(shape(b)).toEqual(['paragraph', 'list(3)', 'paragraph', 'list(1)']);
    expect(itemsOf(b).slice(0, 3).map((i) => tagAtEnd(paragraphsOf(i)[0]!))).toEqual([null, null, null]);
    expect(blockText(b.blocks[2]!)).toBe('The steady enforcement of these provisions shall be ensured. (Ministry of Health, Labour and Welfare)');

    const c = measure('5-(xi)');
    expect(shape(c)).toEqual(['paragraph', 'list(2)', 'paragraph', 'list(1)']);
    expect(blockText(c.blocks[0]!)).toMatch(/that have been sentenced for:$/);
    expect(itemsOf(c).slice(0, 2).map((i) => blockText(i))).toEqual([
      'a crime of forcible indecency, rape, quasi-forcible indecency, quasi-rape, gang rape, etc., (including attempts at such), or',
      'any crime caused or motivated by sexual desire',
    ]);
    expect(blockText(c.blocks[2]!)).toMatch(/^shall be provided with a sexual offender treatment program .* \(Ministry of Justice\)$/);
  });

  it('1-(vii): one status entry with a nested list and a closing paragraph carrying the tag', () => {
    const entry = itemStarting(measure('1-(vii)'), 'Training was implemented for:');
    const nested = entry.children.filter((c): c is List => c.type === 'list');
    expect(nested).toHaveLength(1);
    expect(nested[0]!.children.map((i) => blockText(i).slice(0, 24))).toEqual([
      'persons in leadership po', 'administrative officers ', 'private organizations ac']);
    const ps = paragraphsOf(entry);
    expect(ps).toHaveLength(2);
    expect(ps[1]).toMatch(/^The aim of the training .* \(Three training sessions were organized, attended by 230 persons\.\) \(CAO\)$/);
  });

  it('2-(xii), 4-(xiii), 6-(xiii): enumerations (i)... stay inside one status entry', () => {
    const a = itemStarting(measure('2-(xii)'), 'Based on the Project');
    expect(paragraphsOf(a).map((p) => /^\([ivx]+\)/.exec(p)?.[0] ?? '-')).toEqual(['-', '(i)', '(ii)', '(iii)', '(iv)']);
    expect(paragraphsOf(a).at(-1)).toMatch(/\(MHLW\)$/);

    const b = itemStarting(measure('4-(xiii)'), 'We continued to work');
    expect(paragraphsOf(b).map((p) => /^\([ivx]+\)/.exec(p)?.[0] ?? '-')).toEqual(['-', '(i)', '-', '(ii)', '-', '(iii)', '-', '(iv)', '-']);
    expect(paragraphsOf(b).at(-1)).toMatch(/\(MHLW\)$/);

    const m = measure('6-(xiii)');
    expect(shape(m)).toEqual(['paragraph', 'list(1)']);
    const c = itemsOf(m)[0]!;
    expect(paragraphsOf(c).map((p) => /^\([ivx]+\)/.exec(p)?.[0])).toEqual(['(i)', '(ii)', '(iii)', '(iv)', '(v)']);
    expect(paragraphsOf(c).at(-1)).toMatch(/\(MHLW\)$/);
  });

  it('1-(xiv): keeps the date without a year as written', () => {
    const entry = itemsOf(measure('1-(xiv)'))[0]!;
    expect(blockText(entry)).toContain('was held on October 28, in conjunction with the November 2018 “Child Abuse Prevention Month.”');
    expect(tagAtEnd(blockText(entry))).toBe('(Ministry of Health, Labour and Welfare: MHLW)');
  });

  it('keeps entries that end in a non-tag parenthesis before the tag', () => {
    const entry = itemStarting(measure('4-(i)'), 'A system was created');
    expect(blockText(entry)).toMatch(/\(The operation is scheduled to start during FY2019\.\) \(NPA\)$/);
  });
});

describe('FY2018 seed: conversion script', () => {
  it('re-running scripts/convert-seed.mjs reproduces the committed seed byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-lint-seed-'));
    try {
      const a = join(dir, 'a.md');
      const b = join(dir, 'b.md');
      execFileSync(process.execPath, [SCRIPT, RAW_PATH, '--out', a]);
      execFileSync(process.execPath, [SCRIPT, '--out', b]); // default input path
      expect(readFileSync(a, 'utf8')).toBe(seedText);
      expect(readFileSync(b, 'utf8')).toBe(seedText);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
