import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLiteralScanner } from './literal-scanner.js';

/** Every occurrence of every literal, overlapping ones included, as the scanner reports them. */
function naive(literals: string[], text: string): [number, number][] {
  const hits: [number, number][] = [];
  literals.forEach((l, index) => {
    for (let i = text.indexOf(l); i !== -1; i = text.indexOf(l, i + 1)) hits.push([i, index]);
  });
  return hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function scanned(literals: string[], text: string): [number, number][] {
  const hits: [number, number][] = [];
  createLiteralScanner(literals).scan(text, (offset, index) => hits.push([offset, index]));
  return hits;
}

describe('createLiteralScanner', () => {
  it('finds overlapping and repeated occurrences by increasing offset', () => {
    expect(scanned(['abcab', 'cabca'], 'xxabcabcabcaxx')).toEqual([[2, 0], [4, 1], [5, 0], [7, 1]]);
  });

  it('finds literals at the very start and end of the text', () => {
    expect(scanned(['start!', 'the end'], 'start! ... the end')).toEqual([[0, 0], [11, 1]]);
  });

  it('handles texts shorter than the shortest literal and an empty list', () => {
    expect(scanned(['abcdefgh'], 'abc')).toEqual([]);
    expect(scanned([], 'anything')).toEqual([]);
    expect(createLiteralScanner([]).test('anything')).toBe(false);
  });

  it('refuses an empty literal (it would match everywhere)', () => {
    expect(() => createLiteralScanner(['ok-literal', ''])).toThrow(/empty literal/);
  });

  it('matches non-ASCII text exactly (the hash folds code units, verification does not)', () => {
    expect(scanned(['❤️ heart', 'ünïcödé'], 'x ❤️ heart ünïcödé ünicode')).toEqual([[2, 0], [11, 1]]);
  });

  it('test() answers whether anything occurs', () => {
    const s = createLiteralScanner(['needle-one', 'needle-two']);
    expect(s.test('hay needle-two hay')).toBe(true);
    expect(s.test('hay needle-three hay')).toBe(false);
  });

  // A small alphabet makes hits, near misses and shared blocks frequent.
  const alphabet = fc.constantFrom('a', 'b', 'c', '.', '/', 'é');
  const word = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));

  it('agrees with indexOf on random literals and texts (3+ characters: the skip-table path)', () => {
    fc.assert(
      fc.property(fc.array(word(3, 12), { minLength: 1, maxLength: 12 }), word(0, 300), (literals, text) => {
        expect(scanned(literals, text)).toEqual(naive(literals, text));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with indexOf when some literal is shorter than a block (the fallback path)', () => {
    fc.assert(
      fc.property(fc.array(word(1, 6), { minLength: 1, maxLength: 6 }), word(0, 120), (literals, text) => {
        expect(scanned(literals, text)).toEqual(naive(literals, text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('createLiteralScanner, mixed lengths', () => {
  const alphabet = fc.constantFrom('a', 'b', 'c', '"', "'");
  const word = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));

  it('scan agrees with indexOf when 1-2, 3-5 and 6+ character literals are mixed', () => {
    fc.assert(
      fc.property(fc.array(word(1, 9), { minLength: 1, maxLength: 10 }), word(0, 200), (literals, text) => {
        expect(scanned(literals, text)).toEqual(naive(literals, text));
      }),
      { numRuns: 400 },
    );
  });

  it('present finds every group\'s literals (each group stops on its own members, not the others\')', () => {
    const s = createLiteralScanner(['abcdefgh', 'xyz', 'q', 'uvw']);
    expect(s.present('abcdefgh xyz q uvw')).toEqual([0, 1, 2, 3]);
    expect(s.present('uvw ... abcdefgh')).toEqual([0, 3]);
  });

  it('present and test agree with includes', () => {
    fc.assert(
      fc.property(fc.array(word(1, 9), { minLength: 1, maxLength: 10 }), word(0, 200), (literals, text) => {
        const s = createLiteralScanner(literals);
        const want = literals.flatMap((l, i) => (text.includes(l) ? [i] : []));
        expect(s.present(text)).toEqual(want);
        expect(s.test(text)).toBe(want.length > 0);
      }),
      { numRuns: 400 },
    );
  });

  it('present over UTF-8 bytes agrees with present over the decoded text, non-ASCII literals included', () => {
    const letters = fc.constantFrom('a', 'b', 'é', '"', '日', '😀');
    const w = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(w(1, 9), { minLength: 1, maxLength: 10 }), w(0, 200), (literals, text) => {
        const s = createLiteralScanner(literals);
        expect(s.present(Buffer.from(text, 'utf8'))).toEqual(s.present(text));
      }),
      { numRuns: 400 },
    );
    const s = createLiteralScanner(['process.env', 'ok', 'hulud']);
    expect(s.present(new Uint8Array(Buffer.from('x = process.env; // shai-hulud ok')))).toEqual([0, 1, 2]);
  });
});
