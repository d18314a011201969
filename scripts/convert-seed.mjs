#!/usr/bin/env node
// Converts the PDF-extracted text of the FY2018 implementation-status report into the
// plan-draft Markdown format (docs/draft-format.md). The raw text and its origin: seeds/ORIGIN.txt.
//
//   node scripts/convert-seed.mjs [raw.txt] [--out seeds/fy2018-status-report.md] [--report]
//
// Plain Node ESM, no dependencies, deterministic: the same input always gives the same bytes.
// With --report, a summary of what was found (counts, repeat mentions, irregularities of the
// raw text, paragraph-break decisions) is printed to stderr.
//
// What the raw text looks like and how it is read:
// - every text line is followed by an empty line; lines holding only spaces separate blocks
//   (planned actions from status entries, measures from each other);
// - a four-line page footer "* NPA (National Police Agency), CAS (...) ..." (sometimes followed by a
//   page number line) interrupts the text anywhere, even mid-sentence; it is removed and its list of
//   bodies becomes the "Abbreviations" legend;
// - "\uF09F" (a private-use Symbol-font bullet) starts a bulleted item, "・" a nested bullet and
//   "* " a footnote; "(i) ..." starts a measure only when it is the next numeral expected in the
//   current section, otherwise it is an enumeration inside an entry;
// - a line ending in a hyphen (or next to a CJK character) joins without a space, every other line
//   break becomes one space;
// - paragraph breaks inside a block are not marked; they are inferred from line widths (see
//   isParagraphEnd) and from two trailing spaces, which the source document left at some
//   paragraph ends.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_INPUT = resolve(repoRoot, 'seeds/fy2018-implementation-status.txt');
const DEFAULT_OUTPUT = resolve(repoRoot, 'seeds/fy2018-status-report.md');

const TITLE = 'Implementation Status of the Basic Plan on Measures against Child Sexual Exploitation (FY2018)';
const FOOTER_START = '* NPA (National Police Agency), CAS';
const BULLET = '\uF09F';
const NAKAGURO = '・';
const SECTION_COUNT = 6;

// ---------------------------------------------------------------------------------------------
// small helpers

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv',
  'xvi', 'xvii', 'xviii', 'xix', 'xx', 'xxi', 'xxii', 'xxiii', 'xxiv', 'xxv', 'xxvi', 'xxvii', 'xxviii', 'xxix', 'xxx'];

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/u;

/** Joins the lines of one paragraph: hyphen or CJK at the break → no space, otherwise one space. */
function joinLines(lines) {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim().replace(/\s+/g, ' ');
    if (line === '') continue;
    if (text === '') { text = line; continue; }
    const last = text.at(-1);
    const noSpace = (last === '-' && /[A-Za-z]-$/.test(text)) || CJK.test(last) || CJK.test(line[0]);
    text += noSpace ? line : ` ${line}`;
  }
  return text;
}

const len = (line) => line.trimEnd().length;

// Ministry-name grammar for responsibility tags.
const ABBRS = ['NPA', 'CAS', 'CAO', 'MIC', 'MOJ', 'MOFA', 'MEXT', 'MHLW', 'METI'];
const FULL = ['National Police Agency', 'Cabinet Secretariat', 'Cabinet Office',
  'Ministry of Internal Affairs and Communications', 'Ministry of Justice', 'Ministry of Foreign Affairs',
  'Ministry of Education, Culture, Sports, Science and Technology', 'Ministry of Health, Labour and Welfare',
  'Ministry of Economy, Trade and Industry'];
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FULL_RE = FULL.map(esc).join('|');
const ABBR_RE = ABBRS.join('|');
const NAME_RE = `(?:(?:${FULL_RE})(?:: (?:${ABBR_RE}))?|${ABBR_RE}|other related bodies)`;
const TAG_AT_END = new RegExp(`\\((${NAME_RE}(?:(?:, and |, | and )${NAME_RE})*)\\)$`);

/** 'plan' (all full names), 'status' (some abbreviation) or null when the text does not end with a tag. */
function tagKind(text) {
  const m = TAG_AT_END.exec(text);
  if (!m) return null;
  const hasAbbr = new RegExp(`(?:^|[ :,(])(?:${ABBR_RE})(?:$|[ ,)])`).test(m[1]);
  return hasAbbr ? 'status' : 'plan';
}
const tagOf = (text) => TAG_AT_END.exec(text)?.[0] ?? null;

// ---------------------------------------------------------------------------------------------
// 1. lines: drop empty lines, page footers and page numbers

function readLines(rawText, notes) {
  const all = rawText.replace(/\r\n?/g, '\n').split('\n').filter((l) => l !== '');
  const lines = [];
  let footer = null;
  let footers = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i].trim().startsWith(FOOTER_START)) {
      const text = joinLines(all.slice(i, i + 4));
      if (footer === null) footer = text;
      else if (text !== footer) notes.push(`page footer at raw line group ${i} differs: ${text}`);
      footers++;
      i += 3;
      if (i + 1 < all.length && /^\s*\d{1,3}\s*$/.test(all[i + 1])) { i++; notes.pageNumbers = (notes.pageNumbers ?? 0) + 1; }
      continue;
    }
    lines.push(all[i]);
  }
  if (footer === null) throw new Error('no page footer found: is this the FY2018 status report text?');
  const abbreviations = [...footer.replace(/^\* /, '').matchAll(/([A-Z]{2,5}) \(([^()]+)\)/g)].map((m) => [m[1], m[2]]);
  return { lines, abbreviations, footers };
}

// ---------------------------------------------------------------------------------------------
// 2. headings

const isSep = (line) => line.trim() === '';
const markerOf = (line) => {
  const t = line.trim();
  if (t.startsWith(BULLET)) return 'bullet';
  if (t.startsWith(NAKAGURO)) return 'nakaguro';
  if (/^\* /.test(t)) return 'footnote';
  return null;
};
const stripMarker = (line) => line.trim().replace(new RegExp(`^(?:${BULLET}|${NAKAGURO}|\\*(?= ))\\s*`), '');
const enumOf = (line) => /^\((x{0,3}(?:ix|iv|v?i{0,3}))\)/.exec(line.trim())?.[1] || null;

/**
 * A heading's title goes on to the next line when the current line stops on a word that cannot end a
 * title (an article, preposition or conjunction, or a hyphen), or when the next line starts lower
 * case or is a short fragment that does not end a sentence.
 */
const OPEN_ENDINGS = /(?:^|\s)(?:the|a|an|of|and|or|on|for|to|in|with|against|by|at|from|regarding|toward|concerning|between|under|as)$|-$/;
function headingContinues(current, next) {
  if (next === undefined || isSep(next) || markerOf(next)) return false;
  const t = next.trim();
  if (OPEN_ENDINGS.test(current.trim())) return true;
  if (/^[a-z]/.test(t)) return true;
  return t.length < 60 && !/[.):]$/.test(t);
}

// ---------------------------------------------------------------------------------------------
// 3. paragraphs inside a measure body

/**
 * Whether the line break after body[i] ends a paragraph. The PDF text does not mark paragraph ends
 * inside a block: a line ending a sentence is taken to end the paragraph when the next line's first
 * word would clearly have fitted on it, judged against the widths of the neighbouring lines.
 */
function isParagraphEnd(body, i, decisions) {
  const line = body[i];
  const next = body[i + 1];
  if (next === undefined || isSep(next) || markerOf(next)) return true;
  if (enumOf(next)) return true;
  if (/\S {2,}$/.test(line)) return true; // the source left two spaces before some paragraph marks
  const t = line.trim();
  const n = next.trim();
  if (!/^[A-Za-z“‘"0-9]/.test(n)) return false; // "(" (a tag or a parenthesis) → same paragraph
  if (/[,;-]$/.test(t) || OPEN_ENDINGS.test(t)) return false;
  const fit = len(line) + 1 + n.split(' ')[0].length;
  const neighbours = [body[i - 2], body[i - 1], next, body[i + 2]]
    .filter((l) => l !== undefined && !isSep(l))
    .map(len);
  const width = Math.max(...neighbours);
  // A line that ends a sentence (or an enumeration title) ends its paragraph when the next word would
  // have fitted; any other line only when it is clearly short (a list item or title without a period).
  const sentenceEnd = /^[A-Z“‘"0-9]/.test(n) && (/[.:][)”’"]*$/.test(t) || enumOf(line) !== null);
  const brk = sentenceEnd ? fit <= width - 4 : fit <= width * 0.75;
  if (sentenceEnd ? fit > width - 12 : brk) decisions.push(`${brk ? 'break' : 'join '} (fits ${fit}, width ${width}): …${t.slice(-40)} ‖ ${n.slice(0, 30)}…`);
  return brk;
}

function toParagraphs(body, decisions) {
  const paras = [];
  let cur = null;
  let sepBefore = false;
  for (let i = 0; i < body.length; i++) {
    const line = body[i];
    if (isSep(line)) { sepBefore = true; cur = null; continue; }
    if (cur === null) {
      const marker = markerOf(line);
      cur = { marker, lines: [marker ? stripMarker(line) : line], sepBefore };
      sepBefore = false;
      paras.push(cur);
    } else {
      cur.lines.push(line);
    }
    if (isParagraphEnd(body, i, decisions)) cur = null;
  }
  for (const p of paras) {
    p.text = joinLines(p.lines);
    p.enumeration = enumOf(p.text);
    p.tag = tagKind(p.text);
  }
  return paras;
}

// ---------------------------------------------------------------------------------------------
// 4. blocks: top-level paragraphs and list items

/**
 * Blocks of one measure:
 *   { type: 'para', text, kind }                      planned-action paragraph
 *   { type: 'item', kind, paras: [text], nested: [...] } list item (status entry or bulleted planned action)
 * An item's content is a sequence of { p: text } and { list: [text] } parts.
 */
function toBlocks(paras, where, notes) {
  const blocks = [];
  let openPlan = false; // a planned action whose tag has not come yet
  let item = null; // the current list item
  let itemOpen = false; // … still waiting for its tag
  for (const p of paras) {
    if (p.marker === 'bullet') {
      item = { type: 'item', parts: [{ p: p.text }], kind: p.tag };
      blocks.push(item);
      if (openPlan) {
        item.kind = p.tag ?? 'plan';
        item.planList = true;
        if (p.tag) openPlan = false;
        itemOpen = false;
      } else {
        itemOpen = p.tag === null;
      }
      continue;
    }
    if (p.marker === 'nakaguro') {
      if (!item || !itemOpen) { notes.push(`${where}: nested bullet outside an entry: ${p.text}`); }
      const target = item ?? blocks.at(-1);
      const last = target.parts.at(-1);
      if (last.list) last.list.push(p.text);
      else target.parts.push({ list: [p.text] });
      continue;
    }
    if (p.marker === 'footnote') {
      if (!item) { notes.push(`${where}: footnote outside an entry: ${p.text}`); blocks.push({ type: 'para', text: `* ${p.text}` }); continue; }
      item.parts.push({ p: `* ${p.text}`, footnote: true });
      continue;
    }
    if (item && itemOpen) {
      item.parts.push({ p: p.text });
      if (p.tag) { itemOpen = false; item.kind = p.tag; }
      continue;
    }
    if (openPlan) {
      blocks.push({ type: 'para', text: p.text, kind: 'plan' });
      if (p.tag) openPlan = false;
      item = null;
      continue;
    }
    if (p.tag === 'status' || (p.enumeration && blocks.length > 0)) {
      // a status entry without a bullet (6-(xiii)): still one list item
      notes.push(`${where}: status entry without a bullet, written as a list item: ${p.text.slice(0, 60)}…`);
      item = { type: 'item', parts: [{ p: p.text }], kind: p.tag, unbulleted: true };
      blocks.push(item);
      itemOpen = p.tag === null;
      continue;
    }
    blocks.push({ type: 'para', text: p.text, kind: 'plan' });
    item = null;
    openPlan = p.tag === null;
  }
  if (item && itemOpen) notes.push(`${where}: entry without a tag: ${item.parts[0].p.slice(0, 60)}…`);
  if (openPlan) notes.push(`${where}: planned action without a tag`);
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// 5. document structure

function parse(rawText) {
  const notes = [];
  const decisions = [];
  const { lines, abbreviations, footers } = readLines(rawText, notes);
  const sections = [];
  let section = null;
  let measure = null;
  let body = [];
  const flush = () => {
    if (measure) measure.body = body;
    else if (section) section.preamble = body;
    else if (body.some((l) => !isSep(l))) notes.push(`text before the first section: ${joinLines(body)}`);
    body = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const nextSection = sections.length + 1;
    const sm = /^(\d+)\.\s+(.*)$/.exec(t);
    if (sm && Number(sm[1]) === nextSection && nextSection <= SECTION_COUNT && !markerOf(lines[i])) {
      flush();
      const titleLines = [sm[2]];
      while (headingContinues(lines[i], lines[i + 1])) titleLines.push(lines[++i]);
      section = { number: nextSection, title: joinLines(titleLines), measures: [] };
      sections.push(section);
      measure = null;
      continue;
    }
    const expected = section ? ROMAN[section.measures.length] : null;
    const mm = /^\(([ivx]+)\)\s*(.*)$/.exec(t);
    if (section && mm && mm[1] === expected && !markerOf(lines[i])) {
      flush();
      if (!/^\([ivx]+\) \S/.test(t)) notes.push(`heading without a space after the numeral: ${t.slice(0, 40)}`);
      const titleLines = [mm[2]];
      while (headingContinues(lines[i], lines[i + 1])) titleLines.push(lines[++i]);
      measure = { numeral: mm[1], title: joinLines(titleLines) };
      section.measures.push(measure);
      continue;
    }
    body.push(lines[i]);
  }
  flush();
  for (const s of sections) {
    if (s.preamble?.some((l) => !isSep(l))) notes.push(`section ${s.number}: text before its first measure`);
    for (const m of s.measures) {
      const where = `${s.number}-(${m.numeral})`;
      m.blocks = toBlocks(toParagraphs(m.body, decisions), where, notes);
    }
  }
  return { sections, abbreviations, footers, notes, decisions };
}

// ---------------------------------------------------------------------------------------------
// 6. Markdown

/** Escapes text so that Markdown reads it back as exactly this text. */
function inline(text) {
  return text
    .replace(/[\\*_`[\]<]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** Escapes what would start a block construct at the beginning of a line. */
function block(text) {
  const t = inline(text);
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(t);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${t.slice(ordered[1].length + 1)}`;
  if (/^[#>+\-=|~]/.test(t)) return `\\${t}`;
  return t;
}

function render({ sections, abbreviations }) {
  const out = [];
  out.push('---', `title: ${TITLE}`, 'document: status-report', 'fiscal-year: 2018', 'plan: basic-plan-2017.md', '---', '');
  out.push('## Abbreviations', '');
  for (const [abbr, name] of abbreviations) out.push(`- ${abbr}: ${inline(name)}`);
  out.push('');
  for (const s of sections) {
    out.push(`## ${s.number}. ${inline(s.title)}`, '');
    for (const m of s.measures) {
      out.push(`### (${m.numeral}) ${inline(m.title)}`, '');
      for (const b of m.blocks) {
        if (b.type === 'para') { out.push(block(b.text), ''); continue; }
        b.parts.forEach((part, k) => {
          const indent = k === 0 ? '- ' : '  ';
          if (part.p !== undefined) {
            if (k > 0) out.push('');
            out.push(indent + block(part.p));
          } else {
            out.push('');
            for (const li of part.list) out.push(`  - ${block(li)}`);
          }
        });
        out.push('');
      }
    }
  }
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// 7. report

function report(doc) {
  const r = [];
  const counts = doc.sections.map((s) => s.measures.length);
  r.push(`sections ${doc.sections.length}, measures ${counts.reduce((a, b) => a + b, 0)} (${counts.join('/')})`);
  r.push(`page footers removed ${doc.footers}, page numbers removed ${doc.notes.pageNumbers ?? 0}`);
  let plans = 0; let statuses = 0; let untagged = 0; const repeats = [];
  const noStatus = [];
  for (const s of doc.sections) {
    for (const m of s.measures) {
      const where = `${s.number}-(${m.numeral})`;
      let pendingPlan = null;
      for (const b of m.blocks) {
        const text = b.type === 'para' ? b.text : b.parts.filter((p) => p.p !== undefined && !p.footnote).at(-1).p;
        const kind = tagKind(text);
        if (kind === 'plan') {
          plans++;
          if (pendingPlan) noStatus.push(`${where}: ${pendingPlan}`);
          pendingPlan = tagOf(text);
        } else if (kind === 'status') {
          statuses++;
          pendingPlan = null;
        } else if (b.type === 'item' && !b.planList) untagged++;
        if (b.type === 'item' && /^Repeat mention/.test(b.parts[0].p)) {
          const rm = /^Repeat mention (\d+)( [-–] )\(([ivx]+)\):/.exec(b.parts[0].p);
          const canonical = rm && rm[2] === ' - ';
          repeats.push(`${where} → ${rm ? `${rm[1]}-(${rm[3]})` : '?'}${canonical ? '' : `  NON-CANONICAL: ${JSON.stringify(b.parts[0].p.slice(0, 24))}`}`);
        }
      }
      if (pendingPlan) noStatus.push(`${where}: ${pendingPlan}`);
    }
  }
  r.push(`planned actions (full-name tags) ${plans}, status entries (abbreviation tags) ${statuses}, untagged items ${untagged}`);
  r.push(`repeat mentions ${repeats.length}:`, ...repeats.map((x) => `  ${x}`));
  r.push(`planned actions followed by no status entry before the next planned action or measure:`, ...noStatus.map((x) => `  ${x}`));
  r.push('notes:', ...doc.notes.map((x) => `  ${x}`));
  r.push('close paragraph-break decisions:', ...doc.decisions.map((x) => `  ${x}`));
  return r.join('\n');
}

// ---------------------------------------------------------------------------------------------

function main(argv) {
  let input = DEFAULT_INPUT;
  let output = DEFAULT_OUTPUT;
  let wantReport = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') output = resolve(argv[++i]);
    else if (argv[i] === '--report') wantReport = true;
    else if (argv[i].startsWith('-')) { process.stderr.write(`unknown option ${argv[i]}\n`); process.exit(2); }
    else input = resolve(argv[i]);
  }
  const doc = parse(readFileSync(input, 'utf8'));
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, render(doc));
  if (wantReport) process.stderr.write(`${report(doc)}\n`);
}

main(process.argv.slice(2));
