import { describe, expect, it } from 'vitest';
import type { Advisory } from '../advisories/index.js';
import { buildGraph } from '../graph/index.js';
import { applyChanges } from './apply.js';
import { affectedHits, fixHint } from './hits.js';
import { overrideStyle, planChanges } from './plan.js';
import { CW_BAD_MALWARE } from './test-support/advisories.js';

const bad: Advisory = CW_BAD_MALWARE;

/** A workspace: the root depends on cw-parent (which pulls cw-bad ^1.0.0), packages/app declares cw-bad itself as a dev dependency. */
function graph() {
  return buildGraph({
    manager: 'npm',
    formatVersion: '3',
    importers: [
      { key: '', path: '' },
      { key: 'packages/app', path: 'packages/app' },
    ],
    packages: [
      { key: 'node_modules/cw-parent', name: 'cw-parent', version: '1.0.0', source: 'registry' },
      { key: 'node_modules/cw-bad', name: 'cw-bad', version: '1.0.1', source: 'registry' },
      { key: 'node_modules/cw-ok', name: 'cw-ok', version: '2.0.0', source: 'registry' },
    ],
    edges: [
      { from: '', to: 'node_modules/cw-parent', name: 'cw-parent', spec: '^1.0.0', type: 'prod' },
      { from: '', to: 'node_modules/cw-ok', name: 'cw-ok', spec: '^2.0.0', type: 'prod' },
      { from: 'node_modules/cw-parent', to: 'node_modules/cw-bad', name: 'cw-bad', spec: '^1.0.0', type: 'prod' },
      { from: 'packages/app', to: 'node_modules/cw-bad', name: 'cw-bad', spec: '~1.0.1', type: 'dev' },
    ],
  }).graph;
}

describe('affectedHits', () => {
  it('collects one hit per name with its ranges, direct declarations and whether it is transitive', () => {
    const hits = affectedHits(graph(), new Map([['cw-bad', [bad]]]));
    expect(hits).toEqual([
      {
        name: 'cw-bad',
        versions: ['1.0.1'],
        advisories: [bad],
        affecting: [bad],
        ranges: ['^1.0.0', '~1.0.1'],
        direct: [{ importer: 'packages/app', section: 'devDependencies', key: 'cw-bad', spec: '~1.0.1' }],
        transitive: true,
        otherVersions: [],
      },
    ]);
  });

  it('gives scan its offline fix hint from the same chooser', () => {
    const g = graph();
    expect(fixHint(g, g.byName('cw-bad'), [bad])).toEqual({ version: '1.0.0', inRange: false });
  });
});

describe('planChanges and applyChanges', () => {
  it('changes the declared version where it is declared and overrides it in the root for the transitive copy', () => {
    const [hit] = affectedHits(graph(), new Map([['cw-bad', [bad]]]));
    const changes = planChanges(hit!, { version: '1.0.0', inRange: false });
    expect(changes.map((c) => c.kind)).toEqual(['declared', 'override']);
    const files = new Map<string, string | null>([
      ['package.json', '{\n  "name": "root",\n  "workspaces": ["packages/*"]\n}\n'],
      ['packages/app/package.json', '{\n  "name": "app",\n  "devDependencies": {\n    "cw-bad": "~1.0.1"\n  }\n}\n'],
    ]);
    const out = applyChanges('npm-overrides', changes, files);
    expect(Object.fromEntries(out)).toEqual({
      'packages/app/package.json': '{\n  "name": "app",\n  "devDependencies": {\n    "cw-bad": "1.0.0"\n  }\n}\n',
      'package.json': '{\n  "name": "root",\n  "workspaces": ["packages/*"],\n  "overrides": {\n    "cw-bad": "1.0.0"\n  }\n}\n',
    });
    // Applied to its own output, the plan changes nothing.
    const again = applyChanges('npm-overrides', changes, new Map([...files, ...out]));
    expect(again.size).toBe(0);
  });

  it('leaves other copies of the name alone: npm and pnpm get a key for the affected versions, yarn and bun (names only) the name', () => {
    // debug 2.x beside a compromised debug 4.4.2: a bare `debug` key would force the 2.x dependents to 4.x too.
    const hit = { ...affectedHits(graph(), new Map([['cw-bad', [bad]]]))[0]!, direct: [], otherVersions: ['0.9.0'] };
    const changes = planChanges(hit, { version: '1.0.0', inRange: true });
    expect(changes).toEqual([{ kind: 'override', name: 'cw-bad', from: ['1.0.1'], to: '1.0.0', inRange: true, others: true }]);
    const files = new Map<string, string | null>([['package.json', '{\n  "name": "root"\n}\n']]);
    const overrides = (style: Parameters<typeof applyChanges>[0], file = 'package.json') => applyChanges(style, changes, files).get(file);
    expect(overrides('npm-overrides')).toBe('{\n  "name": "root",\n  "overrides": {\n    "cw-bad@1.0.1": "1.0.0"\n  }\n}\n');
    expect(overrides('pnpm-package-json')).toContain('"cw-bad@1.0.1": "1.0.0"');
    expect(overrides('pnpm-workspace-yaml', 'pnpm-workspace.yaml')).toBe("overrides:\n  'cw-bad@1.0.1': 1.0.0\n");
    expect(overrides('yarn-resolutions')).toContain('"cw-bad": "1.0.0"');
    expect(overrides('bun-overrides')).toContain('"cw-bad": "1.0.0"');
  });

  it('keeps an npm: alias an alias', () => {
    const hit = { ...affectedHits(graph(), new Map([['cw-bad', [bad]]]))[0]!, direct: [{ importer: '', section: 'dependencies' as const, key: 'bad', spec: 'npm:cw-bad@1.0.1' }], transitive: false };
    expect(planChanges(hit, { version: '1.0.0', inRange: true })).toEqual([
      { kind: 'declared', importer: '', section: 'dependencies', key: 'bad', name: 'cw-bad', fromSpec: 'npm:cw-bad@1.0.1', toSpec: 'npm:cw-bad@1.0.0', from: ['1.0.1'], inRange: true },
    ]);
  });

  it('writes a plain version over the `npm:` spelling yarn berry gives plain ranges', () => {
    const hit = { ...affectedHits(graph(), new Map([['cw-bad', [bad]]]))[0]!, direct: [{ importer: '', section: 'dependencies' as const, key: 'cw-bad', spec: 'npm:^1.0.1' }], transitive: false };
    expect(planChanges(hit, { version: '1.0.0', inRange: false }).map((c) => c.kind === 'declared' && c.toSpec)).toEqual(['1.0.0']);
  });
});

describe('overrideStyle', () => {
  const none = { workspaceYamlHasOverrides: false };
  it('picks the field each package manager reads', () => {
    expect(overrideStyle({ manager: 'npm', manifest: {}, ...none })).toBe('npm-overrides');
    expect(overrideStyle({ manager: 'yarn-berry', manifest: {}, ...none })).toBe('yarn-resolutions');
    expect(overrideStyle({ manager: 'yarn-classic', manifest: {}, ...none })).toBe('yarn-resolutions');
    expect(overrideStyle({ manager: 'bun', manifest: {}, ...none })).toBe('bun-overrides');
  });

  it('puts pnpm overrides where the project keeps them, else by the pnpm version, pnpm 10 by default', () => {
    expect(overrideStyle({ manager: 'pnpm', manifest: {}, ...none })).toBe('pnpm-workspace-yaml');
    expect(overrideStyle({ manager: 'pnpm', manifest: { packageManager: 'pnpm@9.15.0' }, ...none })).toBe('pnpm-package-json');
    expect(overrideStyle({ manager: 'pnpm', manifest: { packageManager: 'pnpm@10.34.9' }, ...none })).toBe('pnpm-workspace-yaml');
    expect(overrideStyle({ manager: 'pnpm', manifest: { pnpm: { overrides: {} } }, ...none })).toBe('pnpm-package-json');
    expect(overrideStyle({ manager: 'pnpm', manifest: { pnpm: { overrides: {} } }, workspaceYamlHasOverrides: true })).toBe('pnpm-workspace-yaml');
  });
});
