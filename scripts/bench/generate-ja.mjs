// A Japanese report of the same size as the real English one, for the benchmark (scripts/bench.mjs) only.
//
// The English report is read with plan-lint's own model and written again in the Japanese draft format: the
// same sections, measures, planned actions, status entries and repeat mentions (pointing to the same measures),
// each tag naming the same bodies by their Japanese names, every date and fiscal year written in its era
// (平成30年4月23日, 平成30年度), figures kept, "," and "." written 、 and 。. Each English word becomes a made-up
// Japanese word (the same word always the same one): a short word (of, the, to) a particle, a longer one a kanji
// for every three letters and its space. The text keeps the real report's variety (its repeated words, its two
// entries printed twice), and the file has about as many bytes as the English one (a kanji is three bytes in
// UTF-8), so about 40% of its characters, as Japanese translations of English text run. It is not Japanese
// anyone could read: it is the real report's shape and size.

const PARTICLES = ['の', 'を', 'に', 'は', 'と', 'で', 'が', 'や'];
const KANJI_FIRST = 0x4e00;
const KANJI_COUNT = 0x9fa0 - 0x4e00;

/** A 32-bit FNV-1a hash of a string. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The made-up Japanese word of an English word: a particle for a short word, else a kanji per three bytes. */
function japaneseWord(word) {
  let h = hash(word.toLowerCase());
  if (word.length <= 3) return PARTICLES[h % PARTICLES.length] ?? 'の';
  let out = '';
  const length = Math.ceil((word.length + 1) / 3);
  for (let i = 0; i < length; i++) {
    out += String.fromCharCode(KANJI_FIRST + (h % KANJI_COUNT));
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return out;
}

/** A year, month and day in the era they fall in, as the engine writes them (平成31年4月30日, 令和元年5月). */
function eraDate(core, year, month, day) {
  return core.eraDateLabel(`${year}-${String(month).padStart(2, '0')}${day === null ? '' : `-${String(day).padStart(2, '0')}`}`);
}

function calendar(core, date) {
  const year = date.year ?? date.inferredYear;
  return year === null ? `${date.month}月${date.day === null ? '' : `${date.day}日`}` : eraDate(core, year, date.month, date.day);
}

/** A date or fiscal year mention, written the Japanese way. */
function temporal(core, mention) {
  if (mention.kind === 'fiscal-year') return core.fiscalYearLabel(mention.year, 'ja');
  if (mention.kind === 'date') return calendar(core, mention.date);
  return `${calendar(core, mention.start)}から${calendar(core, mention.end)}まで`;
}

/**
 * Source text from `from` to `to` (offsets) written the Japanese way, the block's dates replaced.
 * @param {string} source
 * @param {number} from
 * @param {number} to
 * @param {readonly any[]} dates the block's date mentions
 */
function japaneseText(core, source, from, to, dates) {
  let out = '';
  let at = from;
  const words = (text) =>
    text
      .replace(/[A-Za-z][A-Za-z'’-]*/g, (w) => japaneseWord(w))
      .replace(/[*_`[\]]/g, '')
      .replace(/,\s*/g, '、')
      .replace(/[.;:]\s*/g, '。')
      .replace(/[ \t]+/g, '')
      .replace(/\n+/g, '');
  for (const mention of dates) {
    const start = mention.range.start.offset;
    const end = mention.range.end.offset;
    if (start < at || end > to) continue;
    out += words(source.slice(at, start)) + temporal(core, mention);
    at = end;
  }
  out += words(source.slice(at, to));
  return out.replace(/^[、。]+/, '');
}

/**
 * The Japanese report.
 * @param {string} english the English report
 * @param {{ buildPlan: (text: string) => any, loadDefaultRegistry: () => any, eraDateLabel: (iso: string) => string, fiscalYearLabel: (fy: number, locale: string) => string }} core
 */
export function japaneseReport(english, core) {
  const doc = core.buildPlan(english);
  const registry = core.loadDefaultRegistry();
  /** The bodies of a tag by their Japanese names (catch-alls and unknown names left out). */
  const tag = (block) => {
    const names = [];
    for (const name of block.tag?.names ?? []) {
      const body = registry.byAbbreviation(name.text) ?? registry.byName(name.text);
      if (body && !names.includes(body.nameJa)) names.push(body.nameJa);
    }
    return `【${(names.length > 0 ? names : ['警察庁']).join('、')}】`;
  };
  /** A block's text without its list marker, repeat prefix and tag, written the Japanese way. */
  const text = (block) => {
    let from = block.range.start.offset;
    const to = block.tag ? block.tag.range.start.offset : block.range.end.offset;
    if (block.repeat) from = block.repeat.prefixRange.end.offset;
    else if (block.listItem) from = english.indexOf('-', from) + 1;
    return japaneseText(core, english, from, to, block.dates);
  };
  const title = (range) => japaneseText(core, english, range.start.offset, range.end.offset, []);
  const out = [
    '---',
    `title: 児童の性的搾取等に係る対策の基本計画に基づく施策の取組状況（${core.fiscalYearLabel(doc.fiscalYear, 'ja')}）【ベンチマーク用に生成した文書】`,
    'document: status-report',
    `fiscal-year: ${doc.fiscalYear}`,
    'lang: ja',
    '---',
    '',
  ];
  for (const section of doc.sections) {
    out.push(`## ${section.number} ${title(section.titleRange)}`, '');
    section.measures.forEach((measure, k) => {
      out.push(`### （${k + 1}）${title(measure.titleRange)}`, '');
      for (const block of measure.blocks) {
        if (block.kind === 'planned-action') out.push('', `${text(block)}${tag(block)}`, '');
        else if (block.kind === 'status-entry') out.push(`- ${text(block)}${tag(block)}`);
        else if (block.kind === 'repeat-mention' && block.repeat) {
          const target = doc.measure(block.repeat.targetId);
          out.push(`- 再掲 ${block.repeat.sectionNumber}－（${target?.ordinal ?? 1}）：${text(block)}${tag(block)}`);
        }
      }
      out.push('');
    });
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
