import { describe, expect, it } from 'vitest';
import { durationToMs } from './duration.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('durationToMs', () => {
  it.each([
    ['90m', 90 * MIN],
    ['12h', 12 * HOUR],
    ['3d', 3 * DAY],
    ['1w', 7 * DAY],
    ['1.5h', 90 * MIN],
    ['0d', 0],
    ['0', 0],
    [0, 0],
    [3, 3 * DAY],
    [0.5, 12 * HOUR],
    [1 / 3, 8 * HOUR], // rounded to whole milliseconds
  ] as const)('%j is %d ms', (value, ms) => {
    expect(durationToMs(value)).toBe(ms);
  });

  it.each(['3x', '-1d', 'd', '', '3', '3 d', ' 3d', '3D', '.5d', '1.d', '1e3d', 'Infinityd', '00'])('rejects the text %j', (value) => {
    expect(durationToMs(value)).toBeUndefined();
  });

  it.each([-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY, 1e308])('rejects the number %d', (value) => {
    expect(durationToMs(value)).toBeUndefined();
  });

  it('rejects text too large to count in milliseconds', () => {
    expect(durationToMs(`${'9'.repeat(400)}d`)).toBeUndefined();
  });
});
