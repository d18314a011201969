/** Finding what a repeat mention points to. */
import type { Block, Measure, PlanDocument, Range, RepeatMention, Section } from '@plan-lint/core';
import { numeralKey } from '@plan-lint/core';

export interface RepeatBlock {
  block: Block;
  repeat: RepeatMention;
}

/** Every block that carries a repeat mention, in document order. */
export function repeatBlocks(document: PlanDocument): RepeatBlock[] {
  const out: RepeatBlock[] = [];
  for (const block of document.blocks()) if (block.repeat) out.push({ block, repeat: block.repeat });
  return out;
}

export function sectionsNumbered(document: PlanDocument, n: number): Section[] {
  return document.sections.filter((s) => s.number === n);
}

/** The measure a repeat mention names, or undefined when it does not exist. */
export function targetMeasure(document: PlanDocument, repeat: RepeatMention): Measure | undefined {
  const numeral = numeralKey(repeat.numeral);
  for (const section of sectionsNumbered(document, repeat.sectionNumber)) {
    const m = section.measures.find((x) => numeralKey(x.numeral) === numeral);
    if (m) return m;
  }
  return undefined;
}

/** The measure id of a measure in canonical form: "1-(ii)", "1-(2)" (full-width digits folded). */
export function canonicalMeasureId(measure: Measure): string {
  return `${measure.sectionNumber}-(${numeralKey(measure.numeral)})`;
}

/** The "4 - (xx)" part of a prefix: from the section number to the closing bracket (when present). */
export function targetReferenceRange(document: PlanDocument, repeat: RepeatMention): Range {
  const start = Math.min(repeat.sectionRange.start.offset, repeat.numeralRange.start.offset);
  let end = Math.max(repeat.sectionRange.end.offset, repeat.numeralRange.end.offset);
  if (/^[)）]/.test(document.text.slice(end, end + 1))) end++;
  return document.rangeAt(start, end);
}
