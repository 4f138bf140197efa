import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory } from '../../src/app/index.js';
import { printGraph } from '../../src/graph/index.js';

/**
 * The whole normalized graph (nodes, flags, aliases, edges with their ranges) of each small real
 * fixture, snapshotted: any change in what a reader yields shows up as a reviewable diff.
 */
const readers = resolve(__dirname, '../../src/readers');
const cases = ['npm-lock', 'yarn-classic', 'yarn-berry', 'pnpm-lock', 'bun-lock', 'node-modules'].flatMap((reader) =>
  readdirSync(`${readers}/${reader}/fixtures/generated`)
    .filter((name) => /^(small-app|edge|monorepo)-/.test(name))
    .map((name) => [`${reader}/${name}`, `${readers}/${reader}/fixtures/generated/${name}`, reader === 'node-modules'] as const),
);

describe('graph snapshots', () => {
  it.each(cases)('%s', async (name, dir, installed) => {
    const { projects } = await inventory({ paths: [dir], cwd: dir, installed });
    expect(projects).toHaveLength(1);
    const [p] = projects;
    if (!p?.ok) throw new Error(`${name}: ${p?.ok === false ? p.error.message : 'no project'}`);
    await expect(printGraph(p.graph).split(readers).join('<readers>')).toMatchFileSnapshot(`__snapshots__/${name.replace('/', '__')}.txt`);
  });
});
