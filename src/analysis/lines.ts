/**
 * Offsets to positions, and short snippets for findings. Offsets are UTF-16 indices into the file's
 * text (what the parser gives and what `String#slice` takes); columns count UTF-16 code units too,
 * which is what SARIF (`columnKind: utf16CodeUnits`) and editors expect.
 */

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Start offset of every line of a text, built once per file so each lookup is a binary search:
 * a minified file with thousands of findings must not rescan 2 MB per finding. Line breaks are
 * `\n`, `\r\n` and a lone `\r`, as editors count them.
 */
export class LineIndex {
  private readonly starts: Uint32Array;

  constructor(private readonly text: string) {
    const starts: number[] = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Uint32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of `offset`, clamped into the text. */
  locate(offset: number): Position {
    const at = Math.max(0, Math.min(Math.trunc(offset), this.text.length));
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  }

  /** [start, end) offsets of the 1-based line `line`, without its line break. */
  lineBounds(line: number): { start: number; end: number } {
    const i = Math.max(1, Math.min(line, this.starts.length)) - 1;
    const start = this.starts[i]!;
    let end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  }
}

const ELLIPSIS = '…';

/**
 * The line holding `start`, trimmed, at most `max` characters (ellipses included). A longer line
 * (minified code) is cut to a window around the match: the match's first characters stay in
 * view, with as much context as fits on both sides. A match running past its line is shown up to
 * the line's end. Cuts never split a surrogate pair.
 */
export function snippet(text: string, start: number, end: number = start, max = 160): string {
  const from = clamp(start, 0, text.length);
  const to = clamp(Math.max(end, from), from, text.length);
  let lineStart = from;
  while (lineStart > 0 && !isBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  let lineEnd = from;
  while (lineEnd < text.length && !isBreak(text.charCodeAt(lineEnd))) lineEnd++;
  while (lineStart < lineEnd && isSpace(text.charCodeAt(lineStart))) lineStart++;
  while (lineEnd > lineStart && isSpace(text.charCodeAt(lineEnd - 1))) lineEnd--;
  const limit = Math.max(8, Math.trunc(max));
  if (lineEnd - lineStart <= limit) return text.slice(lineStart, lineEnd);

  // Window of `limit` characters less room for the ellipses, placed so that the match (clipped to
  // the line) is centred when it fits and starts near the left edge when it does not.
  const matchStart = clamp(from, lineStart, lineEnd);
  const matchEnd = clamp(to, matchStart, lineEnd);
  const room = limit - 2;
  let winStart: number;
  if (matchEnd - matchStart >= room) winStart = Math.max(lineStart, matchStart - 10);
  else winStart = matchStart - Math.floor((room - (matchEnd - matchStart)) / 2);
  winStart = clamp(winStart, lineStart, Math.max(lineStart, lineEnd - room));
  let winEnd = Math.min(lineEnd, winStart + room);
  // A window that reaches a line edge needs no ellipsis there, so it may take that character back.
  if (winStart === lineStart) winEnd = Math.min(lineEnd, winStart + limit - 1);
  else if (winEnd === lineEnd) winStart = Math.max(lineStart, winEnd - (limit - 1));
  if (isLowSurrogate(text.charCodeAt(winStart)) && winStart > lineStart) winStart++;
  if (isLowSurrogate(text.charCodeAt(winEnd)) && winEnd < lineEnd) winEnd--;
  return `${winStart > lineStart ? ELLIPSIS : ''}${text.slice(winStart, winEnd)}${winEnd < lineEnd ? ELLIPSIS : ''}`;
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xfeff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
