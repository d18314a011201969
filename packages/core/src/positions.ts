import type { Point, Range } from './types.js';

/**
 * Converts between offsets and line/column points for one text.
 * Lines end at "\n"; a "\r" before it belongs to the line's end, so CRLF text
 * keeps the same line and column numbers as LF text.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** The line (0-based) of the last lookup: the model asks for offsets mostly in order, so it is tried first. */
  private hint = 0;

  pointAt(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const last = starts.length - 1;
    let line = this.hint;
    if (!((starts[line] as number) <= o && (line === last || (starts[line + 1] as number) > o))) {
      // The next line or two (a range's end, the next block), else a binary search.
      if (line + 1 <= last && (starts[line + 1] as number) <= o && (line + 1 === last || (starts[line + 2] as number) > o)) line++;
      else if (line + 2 <= last && (starts[line + 2] as number) <= o && (line + 2 === last || (starts[line + 3] as number) > o)) line += 2;
      else {
        let lo = 0;
        let hi = last;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= o) lo = mid;
          else hi = mid - 1;
        }
        line = lo;
      }
      this.hint = line;
    }
    return { line: line + 1, column: o - (starts[line] as number) + 1, offset: o };
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.pointAt(start), end: this.pointAt(Math.max(start, end)) };
  }

  /** Offset of a 1-based line/column (clamped to the text). */
  offsetAt(line: number, column: number): number {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    const start = this.lineStarts[l - 1] ?? 0;
    const next = l < this.lineStarts.length ? (this.lineStarts[l] ?? this.text.length) : this.text.length;
    return Math.max(start, Math.min(start + column - 1, next));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
