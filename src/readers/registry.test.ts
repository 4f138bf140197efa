import { describe, expect, it } from 'vitest';
import { readerEntries } from './index.js';

const ALL_NAMES = [...new Set(readerEntries.flatMap((e) => e.basenames))];

describe('reader registry', () => {
  it('is sorted by id, with unique ids that follow the naming rule', () => {
    const ids = readerEntries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(npm|yarn|pnpm|bun|fs)\/[a-z0-9-]+$/);
  });

  it.each(readerEntries.map((e) => [e.id, e] as const))('%s loads a reader that agrees with its entry', async (_id, entry) => {
    const reader = await entry.load();
    expect(reader.id).toBe(entry.id);
    expect(reader.version).toBeGreaterThanOrEqual(1);
    for (const basename of ALL_NAMES) {
      expect(reader.matches({ path: `/p/${basename}`, basename }), `${entry.id} on ${basename}`).toBe(entry.basenames.includes(basename));
    }
  });
});
