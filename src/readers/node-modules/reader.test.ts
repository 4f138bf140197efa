import { expectClientListing, findEdge, findPackage, memFs } from '../test-support/harness.js';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, isToolError, ToolError, type ReadonlyFs } from '../../core/index.js';
import { nodeFs } from '../test-support/node-fs.js';
import type { ReadResult } from '../types.js';
import { nodeModulesReader } from './reader.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const generated = join(fixtures, 'generated');

function readTree(root: string, fs: ReadonlyFs = nodeFs): Promise<ReadResult> {
  return nodeModulesReader.read({ path: join(root, 'node_modules'), root, fs });
}

describe('nodeModulesReader', () => {
  it('matches node_modules folders only', () => {
    expect(nodeModulesReader.matches({ path: '/p/node_modules', basename: 'node_modules' })).toBe(true);
    expect(nodeModulesReader.matches({ path: '/p/package-lock.json', basename: 'package-lock.json' })).toBe(false);
  });

  describe('generated fixtures: installed name@version set equals the client listing', () => {
    const dirs = readdirSync(generated).sort();
    it('has fixtures from every client', () => {
      expect(dirs.filter((d) => d.endsWith('-npm')).length).toBeGreaterThanOrEqual(4);
      expect(dirs.filter((d) => d.endsWith('-pnpm')).length).toBeGreaterThanOrEqual(3);
      expect(dirs.filter((d) => d.endsWith('-yarn')).length).toBeGreaterThanOrEqual(3);
    });
    it.each(dirs)('%s', async (dir) => {
      const r = await readTree(join(generated, dir));
      expectClientListing(r, join(generated, dir));
      expect(r.raw.formatVersion).toBe('node_modules');
      const manager = { npm: 'npm', pnpm: 'pnpm', yarn: 'yarn-berry' }[dir.slice(dir.lastIndexOf('-') + 1)];
      expect(r.raw.manager).toBe(manager);
    });
  });

  describe('npm layout (edge project)', async () => {
    const r = await readTree(join(generated, 'edge-npm'));

    it('keeps the real name on an aliased package and the alias on its edge', () => {
      expect(findPackage(r.raw, 'node_modules/lodash-legacy')).toMatchObject({ name: 'lodash', version: '4.17.15', source: 'registry' });
      expect(findEdge(r.raw, 'importer:', 'lodash-legacy')).toEqual({
        from: 'importer:', to: 'node_modules/lodash-legacy', name: 'lodash-legacy', spec: 'npm:lodash@4.17.15', type: 'prod',
      });
    });

    it('turns a file: link to a project directory into an importer', () => {
      expect(r.raw.importers).toContainEqual({ key: 'importer:local-lib', path: 'local-lib', name: 'local-lib', version: '0.1.0' });
      expect(findEdge(r.raw, 'importer:', 'local-lib')).toMatchObject({ to: 'importer:local-lib', type: 'workspace', spec: 'file:./local-lib' });
      expect(findEdge(r.raw, 'importer:local-lib', 'ms')?.to).toMatch(/ms$/);
    });

    it('takes resolved and integrity from the hidden lockfile and classifies the source', () => {
      // A tarball URL on the registry's own /<name>/-/ path is what npm records for registry packages too.
      expect(findPackage(r.raw, 'node_modules/is-even')).toMatchObject({ source: 'registry', resolved: 'https://registry.example.test/is-even/-/is-even-1.0.0.tgz' });
      expect(findPackage(r.raw, 'node_modules/bundled-demo')).toMatchObject({ source: 'file', resolved: 'file:vendor/bundled-demo-1.0.0.tgz' });
      expect(findPackage(r.raw, 'node_modules/lodash')?.integrity).toMatch(/^sha512-/);
    });

    it('marks bundled dependencies', () => {
      expect(findPackage(r.raw, 'node_modules/bundled-demo/node_modules/is-number')).toMatchObject({ version: '7.0.0', bundled: true });
      expect(findPackage(r.raw, 'node_modules/bundled-demo')?.bundled).toBeUndefined();
      expect(findPackage(r.raw, 'node_modules/kind-of')?.bundled).toBeUndefined();
    });

    it('types edges and leaves platform-skipped optionals unresolved', () => {
      expect(findEdge(r.raw, 'importer:', 'fsevents')).toMatchObject({ to: null, type: 'optional', spec: '2.3.3' });
      expect(findEdge(r.raw, 'importer:', 'is-odd')).toMatchObject({ to: 'node_modules/is-odd', type: 'optional' });
      // react is both a dependency and a peer of the root: installed as a regular dependency.
      expect(findEdge(r.raw, 'importer:', 'react')).toMatchObject({ to: 'node_modules/react', type: 'prod', spec: '18.2.0' });
      expect(findEdge(r.raw, 'node_modules/react-dom', 'react')).toMatchObject({ to: 'node_modules/react', type: 'peer' });
    });
  });

  describe('npm workspaces (monorepo project)', async () => {
    const r = await readTree(join(generated, 'monorepo-npm'));

    it('finds the workspaces as importers', () => {
      expect(r.raw.importers.map((i) => i.key)).toEqual(['importer:', 'importer:packages/app', 'importer:packages/lib']);
      expect(r.raw.packages.some((p) => p.name.startsWith('@mono/'))).toBe(false);
    });

    it('resolves from the workspace folder first, like node', () => {
      // npm hoisted app's debug@2.6.9 and kept lib's debug@4 in lib's own node_modules.
      expect(findEdge(r.raw, 'importer:packages/app', 'debug')).toMatchObject({ to: 'node_modules/debug', spec: '2.6.9', type: 'prod' });
      expect(findPackage(r.raw, 'node_modules/debug')?.version).toBe('2.6.9');
      expect(findEdge(r.raw, 'importer:packages/lib', 'debug')).toMatchObject({ to: 'packages/lib/node_modules/debug', spec: '^4.3.4' });
      expect(findPackage(r.raw, 'packages/lib/node_modules/debug')?.version).toMatch(/^4\./);
      expect(findEdge(r.raw, 'packages/lib/node_modules/debug', 'ms')?.to).toBe('node_modules/ms');
      expect(findEdge(r.raw, 'importer:packages/app', '@mono/lib')).toMatchObject({ to: 'importer:packages/lib', type: 'workspace', spec: '*' });
      expect(findEdge(r.raw, 'importer:packages/app', 'ms')).toMatchObject({ type: 'dev' });
      expect(findEdge(r.raw, 'importer:', 'rimraf')).toMatchObject({ to: 'node_modules/rimraf', type: 'dev' });
    });
  });

  describe('pnpm layout', async () => {
    const mono = await readTree(join(generated, 'monorepo-pnpm'));
    const edgeProject = await readTree(join(generated, 'edge-pnpm'));

    it('finds workspaces from pnpm-workspace.yaml and keys packages by their store path', () => {
      expect(mono.raw.importers.map((i) => i.key)).toEqual(['importer:', 'importer:packages/app', 'importer:packages/lib']);
      expect(findEdge(mono.raw, 'importer:packages/app', 'debug')).toMatchObject({ to: 'node_modules/.pnpm/debug@2.6.9/node_modules/debug' });
      expect(findEdge(mono.raw, 'importer:packages/app', '@mono/lib')).toMatchObject({ to: 'importer:packages/lib', spec: 'workspace:*', type: 'workspace' });
    });

    it("resolves a package's dependencies from its own store folder", () => {
      expect(findEdge(mono.raw, 'node_modules/.pnpm/debug@2.6.9/node_modules/debug', 'ms')?.to).toBe('node_modules/.pnpm/ms@2.0.0/node_modules/ms');
      expect(findEdge(mono.raw, 'node_modules/.pnpm/debug@4.4.3/node_modules/debug', 'ms')?.to).toMatch(/^node_modules\/\.pnpm\/ms@2\.1\.\d\/node_modules\/ms$/);
    });

    it('reads aliases, tarball/file sources, bundled and peers', () => {
      expect(findEdge(edgeProject.raw, 'importer:', 'lodash-legacy')).toMatchObject({ to: 'node_modules/.pnpm/lodash@4.17.15/node_modules/lodash', spec: 'npm:lodash@4.17.15' });
      expect(findPackage(edgeProject.raw, 'node_modules/.pnpm/lodash@4.17.15/node_modules/lodash')?.name).toBe('lodash');
      expect(edgeProject.raw.packages.find((p) => p.name === 'bundled-demo')?.source).toBe('file');
      expect(edgeProject.raw.packages.find((p) => p.name === 'is-number' && p.version === '7.0.0')?.bundled).toBe(true);
      expect(findEdge(edgeProject.raw, 'importer:', 'local-lib')).toMatchObject({ to: 'importer:local-lib', spec: 'link:./local-lib', type: 'workspace' });
      const reactDom = edgeProject.raw.packages.find((p) => p.name === 'react-dom')!;
      expect(findEdge(edgeProject.raw, reactDom.key, 'react')).toMatchObject({ to: 'node_modules/.pnpm/react@18.2.0/node_modules/react', type: 'peer' });
    });
  });

  describe('yarn berry node-modules layout', async () => {
    const r = await readTree(join(generated, 'monorepo-yarn'));
    it('finds workspaces through their links', () => {
      expect(r.raw.manager).toBe('yarn-berry');
      expect(r.raw.importers.map((i) => i.key)).toEqual(['importer:', 'importer:packages/app', 'importer:packages/lib']);
      expect(findEdge(r.raw, 'importer:packages/app', '@mono/lib')).toMatchObject({ to: 'importer:packages/lib', type: 'workspace' });
    });
  });

  describe('hand-made trees', () => {
    it('does not follow a link that leaves the project', async () => {
      const root = join(fixtures, 'link-outside', 'project');
      const r = await readTree(root);
      expect(r.raw.packages.map((p) => p.key)).toEqual(['node_modules/ok']);
      expect(findEdge(r.raw, 'importer:', 'evil')?.to).toBeNull();
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]).toMatchObject({ code: 'node-modules/link-outside-root', severity: 'warning' });
      expect(r.diagnostics[0]!.location?.file).toBe(join(root, 'node_modules', 'evil'));
      expect(r.diagnostics[0]!.message).toMatch(/^links to .*, outside the project; not followed$/);
    });

    it('survives cycles of links and self links', async () => {
      const root = join(fixtures, 'link-cycle');
      const r = await readTree(root);
      expect(r.raw.packages.map((p) => p.key)).toEqual(['node_modules/a', 'node_modules/b']);
      expect(r.raw.importers.map((i) => i.key)).toEqual(['importer:']);
      expect(findEdge(r.raw, 'node_modules/a', 'b')?.to).toBe('node_modules/b');
      expect(findEdge(r.raw, 'node_modules/b', 'a')?.to).toBe('node_modules/a');
      expect(findEdge(r.raw, 'importer:', 'self')).toMatchObject({ to: 'importer:', type: 'workspace' });
      expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['node-modules/dangling-link', 'node-modules/dangling-link']);
    });

    it('reports broken package.json files and keeps the rest of the tree', async () => {
      const root = join(fixtures, 'broken-manifest');
      const r = await readTree(root);
      expect(r.raw.packages.map((p) => p.key)).toEqual(['node_modules/good']);
      const byFile = Object.fromEntries(r.diagnostics.map((d) => [d.location?.file, d]));
      const file = (name: string) => join(root, 'node_modules', name, 'package.json');
      expect(byFile[file('truncated')]).toMatchObject({ code: 'node-modules/invalid-manifest', severity: 'warning' });
      expect(byFile[file('not-json')]).toMatchObject({ code: 'node-modules/invalid-manifest' });
      expect(byFile[file('array-manifest')]).toMatchObject({ code: 'node-modules/invalid-manifest' });
      expect(byFile[file('no-version')]).toMatchObject({ code: 'node-modules/missing-version' });
      expect(byFile[join(root, 'node_modules', '.package-lock.json')]).toMatchObject({ code: 'node-modules/invalid-hidden-lockfile' });
      for (const d of r.diagnostics) expect(d.message.startsWith(`${d.location?.file}`)).toBe(false); // the location is structured, not repeated
      expect(r.diagnostics).toHaveLength(5);
      expect(findEdge(r.raw, 'importer:', 'truncated')?.to).toBeNull();
    });

    describe('scoped and deeply nested packages', async () => {
      const r = await readTree(join(fixtures, 'scoped-deep'));
      const deep = 'node_modules/@s/a/node_modules/b/node_modules/c/node_modules/d';

      it('walks scopes and nested copies', () => {
        expect(r.raw.packages.map((p) => `${p.key} ${p.name}@${p.version}`)).toEqual([
          'node_modules/@s/a @s/a@1.0.0',
          'node_modules/@s/a/node_modules/b b@1.0.0',
          'node_modules/@s/a/node_modules/b/node_modules/c c@1.0.0',
          `${deep} d@3.0.0`,
          `${deep}/node_modules/e e@1.0.0`,
          'node_modules/@s/b @s/b@2.0.0',
          'node_modules/both both@1.0.0',
          'node_modules/d d@4.0.0',
          'node_modules/peer-opt peer-opt@1.0.0',
        ]);
      });

      it('resolves each dependency at the nearest node_modules going up', () => {
        expect(findEdge(r.raw, 'node_modules/@s/a/node_modules/b/node_modules/c', 'd')?.to).toBe(deep);
        expect(findEdge(r.raw, 'node_modules/@s/a/node_modules/b', 'd')?.to).toBe('node_modules/d');
        expect(findEdge(r.raw, `${deep}/node_modules/e`, 'c')?.to).toBe('node_modules/@s/a/node_modules/b/node_modules/c');
        expect(findEdge(r.raw, `${deep}/node_modules/e`, '@s/b')?.to).toBe('node_modules/@s/b');
      });

      it('types edges: dev only for importers, optional over prod, optional peers', () => {
        expect(findEdge(r.raw, 'node_modules/@s/a', 'jest')).toBeUndefined();
        expect(findEdge(r.raw, 'node_modules/@s/a', 'both')).toMatchObject({ type: 'optional', to: 'node_modules/both' });
        expect(findEdge(r.raw, 'importer:', '@s/b')).toMatchObject({ type: 'dev', spec: '^2.0.0' });
        expect(findEdge(r.raw, 'importer:', 'peer-opt')).toMatchObject({ type: 'peerOptional', to: 'node_modules/peer-opt' });
        expect(findEdge(r.raw, 'importer:', 'peer-req')).toMatchObject({ type: 'peer', to: null });
      });

      it('reads install scripts, old npm _resolved/_integrity and bundleDependencies: true', () => {
        expect(findPackage(r.raw, 'node_modules/@s/a')).toMatchObject({ hasInstallScript: true, source: 'git', integrity: 'sha1-abc' });
        expect(findPackage(r.raw, 'node_modules/both')?.hasInstallScript).toBe(true);
        expect(findPackage(r.raw, 'node_modules/@s/b')?.hasInstallScript).toBeUndefined();
        expect(findPackage(r.raw, 'node_modules/@s/a/node_modules/b/node_modules/c')?.bundled).toBe(true);
        expect(findPackage(r.raw, `${deep}/node_modules/e`)?.bundled).toBe(true);
        expect(findPackage(r.raw, 'node_modules/@s/a/node_modules/b')?.bundled).toBeUndefined();
        expect(r.diagnostics).toEqual([]);
      });
    });
  });

  describe('unusable input', () => {
    it('refuses a project without node_modules', async () => {
      const root = join(fixtures, 'no-such-project');
      const err = await readTree(root).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).code).toBe(ErrorCodes.format);
      expect((err as ToolError).message).toBe(`${join(root, 'node_modules')}: no node_modules directory here`);
      expect((err as ToolError).hint).toMatch(/install/);
    });

    it('refuses a node_modules that is a file', async () => {
      const fs = memFs({ '/p/package.json': '{}', '/p/node_modules': 'not a folder' });
      await expect(nodeModulesReader.read({ path: '/p/node_modules', root: '/p', fs })).rejects.toThrow(/^\/p\/node_modules: no node_modules directory here$/);
    });
  });

  it('never throws anything but a ToolError and never hangs on arbitrary trees', async () => {
    const name = fc.constantFrom('a', 'b', '@s', 'node_modules', '.pnpm', '.bin', 'package.json');
    const manifest = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({
          name: fc.constantFrom('a', 'b', '@s/a'),
          version: fc.oneof(fc.constant('1.0.0'), fc.integer()),
          dependencies: fc.dictionary(fc.constantFrom('a', 'b', '@s/a', 'node_modules'), fc.oneof(fc.string(), fc.integer())),
          bundleDependencies: fc.oneof(fc.boolean(), fc.array(fc.string())),
          workspaces: fc.oneof(fc.array(fc.constantFrom('*', '**', 'node_modules/*', '!a', 'a/**/b')), fc.string()),
        }, { requiredKeys: [] })
        .chain((m) => fc.nat(40).map((cut) => JSON.stringify(m).slice(0, cut === 40 ? undefined : cut))),
    );
    const target = fc.constantFrom('..', '../..', '../../..', 'a', '../a', '../node_modules/a', '/elsewhere', 'b/../a', '.');
    const tree = fc.array(
      fc.tuple(fc.array(name, { minLength: 1, maxLength: 6 }), fc.oneof(manifest.map((text) => ({ text })), target.map((link) => ({ link })))),
      { maxLength: 25 },
    );
    await fc.assert(
      fc.asyncProperty(tree, async (entries) => {
        const files: Record<string, string | { link: string }> = { '/p/node_modules/.keep': '' };
        for (const [parts, content] of entries) files[`/p/${parts.join('/')}`] = 'text' in content ? content.text : content;
        try {
          await nodeModulesReader.read({ path: '/p/node_modules', root: '/p', fs: memFs(files) });
        } catch (e) {
          if (!isToolError(e)) throw e;
        }
      }),
      { numRuns: 300, interruptAfterTimeLimit: 1800 },
    );
  });
});
