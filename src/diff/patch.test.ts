import { describe, expect, it } from 'vitest';
import { cutAround, cutLongLines, LONG_LINE } from './patch.js';

const long = (n: number, ch = 'x') => ch.repeat(n);

describe('cutAround', () => {
  it('leaves short lines whole', () => {
    expect(cutAround('short line', 0, 5)).toBe('short line');
  });

  it('keeps the changed part and some characters around it', () => {
    const line = `${long(500, 'a')}CHANGED${long(500, 'b')}`;
    const cut = cutAround(line, 500, 507);
    expect(cut).toBe(`…${long(60, 'a')}CHANGED${long(60, 'b')}…`);
  });

  it('keeps the start and end of a changed part wider than the window', () => {
    const line = `${long(100, 'a')}${long(1000, 'c')}${long(100, 'b')}`;
    const cut = cutAround(line, 100, 1100);
    expect(cut.startsWith(`…${long(60, 'a')}c`)).toBe(true);
    expect(cut.endsWith(`c${long(60, 'b')}…`)).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(LONG_LINE + 3);
    expect(cut.split('…')).toHaveLength(4);
  });
});

describe('cutLongLines', () => {
  it('pairs a removed and an added line and cuts both around their difference', () => {
    const before = `${long(400, 'p')}OLD${long(400, 's')}`;
    const after = `${long(400, 'p')}NEWER${long(400, 's')}`;
    const [removed, added] = cutLongLines([`-${before}`, `+${after}`]);
    expect(removed).toBe(`-…${long(60, 'p')}OLD${long(60, 's')}…`);
    expect(added).toBe(`+…${long(60, 'p')}NEWER${long(60, 's')}…`);
  });

  it('cuts an unchanged long line to its start and leaves short lines alone', () => {
    const out = cutLongLines([` ${long(1000)}`, ' short', '+new', '\\ No newline at end of file']);
    expect(out).toEqual([` ${long(100)}…`, ' short', '+new', '\\ No newline at end of file']);
  });

  it('cuts an added long line without a partner to its start and end', () => {
    const [added] = cutLongLines([`+${long(150, 'h')}${long(2000, 'm')}${long(150, 't')}`]);
    expect(added!.startsWith(`+${long(150, 'h')}${long(50, 'm')}…`)).toBe(true);
    expect(added!.endsWith(`m…${long(100, 't')}`)).toBe(true);
  });
});
