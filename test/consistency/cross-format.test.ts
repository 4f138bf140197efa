import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory, summarizePackages, type ProjectInventory } from '../../src/app/index.js';
import { pathsTo } from '../../src/graph/index.js';

/**
 * One project, locked by every package manager: the normalized graph must tell the same story
 * whichever lockfile it came from. This is what makes "dev-only", "direct" and the paths of `why`
 * trustworthy across formats, and it catches a reader that drifts from the others.
 */
const readers = resolve(__dirname, '../../src/readers');
const lockfiles = (project: string) => ({
  npm: `${readers}/npm-lock/fixtures/generated/${project}-npm11/package-lock.json`,
  'yarn-classic': `${readers}/yarn-classic/fixtures/generated/${project}-yarn1/yarn.lock`,
  'yarn-berry': `${readers}/yarn-berry/fixtures/generated/${project}-yarn4/yarn.lock`,
  pnpm: `${readers}/pnpm-lock/fixtures/generated/${project}-pnpm9/pnpm-lock.yaml`,
  bun: `${readers}/bun-lock/fixtures/generated/${project}-bun-1.4.5/bun.lock`,
});

async function read(path: string): Promise<ProjectInventory> {
  const { projects } = await inventory({ paths: [path], cwd: readers });
  const [p] = projects;
  if (!p?.ok) throw new Error(`could not read ${path}: ${p && !p.ok ? p.error.message : 'nothing found'}`);
  return p;
}

function facts(p: ProjectInventory) {
  return Object.fromEntries(
    summarizePackages(p.graph).map((s) => [`${s.name}@${s.version}`, { direct: s.direct, dev: s.dev, optional: s.optional }]),
  );
}

function namePaths(p: ProjectInventory, name: string): string[] {
  return p.graph
    .byName(name)
    .flatMap((n) => pathsTo(p.graph, n).map((path) => path.map((e) => (e.to && e.to.kind === 'package' ? `${e.to.name}@${e.to.version}` : e.name)).join(' > ')))
    .sort();
}

describe.each(['small-app', 'monorepo'])('%s across lockfile formats', (project) => {
  const files = lockfiles(project);

  it('has the same packages with the same direct/dev/optional flags', async () => {
    const all = await Promise.all(Object.entries(files).map(async ([manager, file]) => [manager, facts(await read(file))] as const));
    const [, npmFacts] = all[0]!;
    for (const [manager, f] of all.slice(1)) expect({ manager, facts: f }).toEqual({ manager, facts: npmFacts });
  });

  it('has the same importers', async () => {
    for (const file of Object.values(files)) {
      const p = await read(file);
      expect(p.graph.importers.map((i) => i.path).sort(), file).toEqual(project === 'monorepo' ? ['', 'packages/app', 'packages/lib'] : ['']);
    }
  });

  it('gives the same dependency paths to a transitive package', async () => {
    const expected = namePaths(await read(files.npm), 'ms');
    expect(expected.length).toBeGreaterThan(0);
    for (const file of Object.values(files)) expect(namePaths(await read(file), 'ms'), file).toEqual(expected);
  });
});

describe('edge project across lockfile formats', () => {
  it.each(Object.entries(lockfiles('edge')))('%s keeps the npm: alias beside the real name', async (_manager, file) => {
    const p = await read(file);
    const lodash = p.graph.byName('lodash').map((n) => ({ version: n.version, aliases: [...n.aliases] }));
    expect(lodash).toContainEqual({ version: '4.17.15', aliases: ['lodash-legacy'] });
    expect(lodash).toContainEqual({ version: '4.17.21', aliases: [] });
    expect(p.graph.byName('lodash-legacy')).toEqual([]);
  });
});
