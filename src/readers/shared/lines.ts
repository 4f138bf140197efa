/**
 * Maps character offsets to 1-based line numbers without splitting the whole file:
 * lockfiles can be tens of megabytes and most readers need a line for a few entries only.
 */
export class LineIndex {
  private starts: Uint32Array | undefined;
  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    const starts = (this.starts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function computeLineStarts(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/** Line and column (1-based) of a JSON.parse SyntaxError in `text`, when V8 reports a position. */
export function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const m = /position (\d+)/.exec(message);
  if (!m) {
    // "Unexpected end of JSON input": the error is at the very end.
    if (/end of JSON input/.test(message)) return positionOf(text, text.length);
    return undefined;
  }
  return positionOf(text, Number(m[1]));
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

/**
 * Calls `visit(start, end, line)` for each line of `text`, with offsets rather than substrings
 * (lockfiles can be tens of megabytes): `end` stops before the newline and any CR before it,
 * `line` is 1-based.
 */
export function forEachLine(text: string, visit: (start: number, end: number, line: number) => void): void {
  let line = 0;
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    visit(pos, end, ++line);
    pos = next;
  }
}
