import { describe, expect, it } from 'vitest';
import { JobQueue, PART_BYTES, partsOf, splitFiles } from './analysis-plan.js';

describe('splitFiles', () => {
  it('puts each file, biggest first, into the lightest part, and the manifest hooks into the first', () => {
    const parts = splitFiles(
      [
        { file: 'a.js', bytes: 10 },
        { file: 'b.js', bytes: 7 },
        { file: 'c.js', bytes: 6 },
        { file: 'd.js', bytes: 4 },
        { file: 'e.js', bytes: 3 },
      ],
      2,
    );
    expect(parts).toEqual([
      { files: ['a.js', 'd.js'], bytes: 14, manifest: true, typescript: false },
      { files: ['b.js', 'c.js', 'e.js'], bytes: 16, manifest: false, typescript: false },
    ]);
  });

  it('drops parts left empty and never splits a file', () => {
    expect(splitFiles([{ file: 'only.js', bytes: 50 }], 4)).toEqual([{ files: ['only.js'], bytes: 50, manifest: true, typescript: false }]);
    expect(splitFiles([], 3)).toEqual([]);
  });
});

describe('partsOf', () => {
  it('keeps a package with little source whole', () => {
    const sizes = new Map([['index.js', 1000], ['logo.png', 10 * PART_BYTES]]);
    expect(partsOf(['index.js', 'logo.png'], sizes)).toEqual([{ bytes: 1000, typescript: false }]);
  });

  it('splits a big package into source-only parts of about PART_BYTES, leaving out what is not analyzed', () => {
    const files = ['a.js', 'b.cjs', 'c.mjs', 'd.ts', 'types.d.ts', 'README.md'];
    const sizes = new Map(files.map((f) => [f, PART_BYTES]));
    const parts = partsOf(files, sizes);
    expect(parts).toHaveLength(4);
    expect(parts.flatMap((p) => p.files).sort()).toEqual(['a.js', 'b.cjs', 'c.mjs', 'd.ts']);
    expect(parts.filter((p) => p.manifest)).toHaveLength(1);
    // Only the part holding d.ts is marked: the scheduler sends it to the worker that parses TypeScript.
    expect(parts.filter((p) => p.typescript).map((p) => p.files)).toEqual([['d.ts']]);
  });

  it('marks a whole package that holds TypeScript, but not one with only declarations', () => {
    expect(partsOf(['index.js', 'src/util.mts'], new Map())).toEqual([{ bytes: 0, typescript: true }]);
    expect(partsOf(['index.js', 'index.d.ts'], new Map())).toEqual([{ bytes: 0, typescript: false }]);
  });
});

describe('JobQueue', () => {
  const queue = (jobs: [id: number, bytes: number, typescript: boolean][]) => {
    const q = new JobQueue();
    for (const [id, bytes, ts] of jobs) q.add(id, bytes, ts);
    return q;
  };

  it('hands out the largest job first, equal sizes in the order added', () => {
    const q = queue([[0, 5, false], [1, 9, false], [2, 5, false], [3, 1, false]]);
    expect([q.take(false), q.take(false), q.take(false), q.take(false), q.take(false)]).toEqual([1, 0, 2, 3, undefined]);
    expect(q.length).toBe(0);
  });

  it('gives each worker the largest job of its kind, and the other kind once its own runs out', () => {
    const q = queue([[0, 50, false], [1, 3, true], [2, 40, false], [3, 7, true]]);
    expect(q.take(true)).toBe(3);
    expect(q.take(false)).toBe(0);
    expect(q.take(true)).toBe(1);
    expect(q.take(true)).toBe(2); // no TypeScript left: the largest of the rest
    expect(q.take(false)).toBeUndefined();
  });

  it('hands this thread the smallest job that holds no TypeScript, and TypeScript only when nothing else is left', () => {
    const q = queue([[0, 50, false], [1, 3, true], [2, 40, false], [3, 7, false]]);
    expect(q.takeSmallest()).toBe(3);
    expect(q.take(false)).toBe(0);
    expect(q.takeSmallest()).toBe(2);
    expect(q.takeSmallest()).toBe(1);
    expect(q.takeSmallest()).toBeUndefined();
    expect(q.length).toBe(0);
  });

  it('takes nothing larger than the room left in a batch', () => {
    const q = queue([[0, 10, false], [1, 2, false]]);
    expect(q.take(false, 5)).toBeUndefined();
    expect(q.take(false, 10)).toBe(0);
    expect(q.take(false, 5)).toBe(1);
  });
});
