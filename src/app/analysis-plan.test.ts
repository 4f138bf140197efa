import { describe, expect, it } from 'vitest';
import { PART_BYTES, partsOf, splitFiles } from './analysis-plan.js';

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
      { files: ['a.js', 'd.js'], bytes: 14, manifest: true },
      { files: ['b.js', 'c.js', 'e.js'], bytes: 16, manifest: false },
    ]);
  });

  it('drops parts left empty and never splits a file', () => {
    expect(splitFiles([{ file: 'only.js', bytes: 50 }], 4)).toEqual([{ files: ['only.js'], bytes: 50, manifest: true }]);
    expect(splitFiles([], 3)).toEqual([]);
  });
});

describe('partsOf', () => {
  it('keeps a package with little source whole', () => {
    const sizes = new Map([['index.js', 1000], ['logo.png', 10 * PART_BYTES]]);
    expect(partsOf(['index.js', 'logo.png'], sizes)).toEqual([{ bytes: 1000 }]);
  });

  it('splits a big package into source-only parts of about PART_BYTES, leaving out what is not analyzed', () => {
    const files = ['a.js', 'b.cjs', 'c.mjs', 'd.ts', 'types.d.ts', 'README.md'];
    const sizes = new Map(files.map((f) => [f, PART_BYTES]));
    const parts = partsOf(files, sizes);
    expect(parts).toHaveLength(4);
    expect(parts.flatMap((p) => p.files).sort()).toEqual(['a.js', 'b.cjs', 'c.mjs', 'd.ts']);
    expect(parts.filter((p) => p.manifest)).toHaveLength(1);
  });
});
