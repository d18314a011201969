/**
 * Conversions between plan-lint positions (1-based lines and columns, UTF-16
 * offsets into the BOM-less text) and LSP positions (0-based lines, UTF-16
 * characters into the text exactly as the editor holds it).
 */
import { LineIndex } from '@plan-lint/core';
import type { Point, Range as PlanRange } from '@plan-lint/core';
import type { Position, Range } from 'vscode-languageserver';

export class PositionMapper {
  /** Whether the editor's text starts with a byte order mark (the model's text does not). */
  readonly bom: boolean;
  private readonly editorText: string;
  private lines: LineIndex | undefined;

  constructor(editorText: string) {
    this.bom = editorText.charCodeAt(0) === 0xfeff;
    this.editorText = editorText;
  }

  /** The line index of the model's text: made on first use (publishing diagnostics needs none). */
  get index(): LineIndex {
    this.lines ??= new LineIndex(this.bom ? this.editorText.slice(1) : this.editorText);
    return this.lines;
  }

  toPosition(point: Point): Position {
    const shift = this.bom && point.line === 1 ? 1 : 0;
    return { line: Math.max(0, point.line - 1), character: Math.max(0, point.column - 1 + shift) };
  }

  toRange(range: PlanRange): Range {
    return { start: this.toPosition(range.start), end: this.toPosition(range.end) };
  }

  /** The model offset (into the BOM-less text) of an editor position, clamped to the text. */
  offsetAt(position: Position): number {
    const shift = this.bom && position.line === 0 ? 1 : 0;
    return this.index.offsetAt(position.line + 1, Math.max(0, position.character - shift) + 1);
  }

  /** A model range from two model offsets. */
  rangeAt(start: number, end: number): PlanRange {
    return this.index.rangeAt(start, end);
  }

  /** The text of one 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.index.lineStarts;
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    const end = next === undefined ? this.index.text.length : next - 1;
    return this.index.text.slice(start, end).replace(/\r$/, '');
  }
}

/** Whether a model range contains an offset (the end counts: a cursor just after a word is on it). */
export function rangeContains(range: PlanRange, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}

export function comparePosition(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePosition(a.start, b.start) === 0 && comparePosition(a.end, b.end) === 0;
}
