import { describe, expect, it } from 'vitest';
import { memFs } from '../test-support/harness.js';
import { compileWorkspaceGlobs, expandWorkspaces, loadManifest, MAX_GLOB_DEPTH, workspaceMatcher, workspacePatterns } from './workspaces.js';

describe('workspaceMatcher', () => {
  const matches = (patterns: string[], paths: string[]) => paths.filter(workspaceMatcher(patterns));

  it('`*` and `?` stay within one segment', () => {
    expect(matches(['packages/*'], ['packages/a', 'packages/a/b', 'packages', 'other/a'])).toEqual(['packages/a']);
    expect(matches(['p/a?'], ['p/ab', 'p/a', 'p/abc', 'p/a/'])).toEqual(['p/ab']);
    expect(matches(['p/*-x'], ['p/a-x', 'p/-x', 'p/a/b-x'])).toEqual(['p/a-x', 'p/-x']);
  });

  it('`**` matches zero or more whole segments', () => {
    expect(matches(['apps/**'], ['apps', 'apps/a', 'apps/a/b/c', 'appsx', 'x/apps'])).toEqual(['apps', 'apps/a', 'apps/a/b/c']);
    expect(matches(['a/**/b'], ['a/b', 'a/x/b', 'a/x/y/b', 'a/xb', 'a/b/c'])).toEqual(['a/b', 'a/x/b', 'a/x/y/b']);
    expect(matches(['**/pkg'], ['pkg', 'x/pkg', 'x/y/pkg', 'xpkg'])).toEqual(['pkg', 'x/pkg', 'x/y/pkg']);
    expect(matches(['a**b'], ['ab', 'axyb', 'a/b'])).toEqual(['ab', 'axyb']);
  });

  it('normalizes `./` and trailing slashes, and excludes with `!`', () => {
    expect(matches(['./packages/*/', '!packages/skip', '!./packages/tmp-*/'], ['packages/a', 'packages/skip', 'packages/tmp-1'])).toEqual(['packages/a']);
    expect(matches(['!packages/a'], ['packages/a'])).toEqual([]);
  });

  it('escapes regex characters and reports braces, classes and extglobs as unsupported', () => {
    expect(matches(['lib.v1/*'], ['lib.v1/a', 'libxv1/a'])).toEqual(['lib.v1/a']);
    const globs = compileWorkspaceGlobs(['packages/{a,b}', 'x/[ab]', '!y/@(c|d)', 'ok/*']);
    expect(globs.unsupported).toEqual(['packages/{a,b}', 'x/[ab]', '!y/@(c|d)']);
    expect(globs.include).toHaveLength(1);
    expect(matches(['packages/{a,b}'], ['packages/a', 'packages/{a,b}'])).toEqual([]);
  });

  it('reads both shapes of the workspaces field', () => {
    expect(workspacePatterns(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(workspacePatterns({ packages: ['a'], nohoist: ['x'] })).toEqual(['a']);
    expect(workspacePatterns('a')).toEqual([]);
    expect(workspacePatterns(null)).toEqual([]);
  });
});

describe('expandWorkspaces', () => {
  const pj = '{}';
  const fs = memFs({
    '/r/package.json': pj,
    '/r/packages/a/package.json': pj,
    '/r/packages/b/package.json': pj,
    '/r/packages/skip/package.json': pj,
    '/r/packages/file.txt': 'not a folder',
    '/r/packages/.hidden/package.json': pj,
    '/r/packages/node_modules/x/package.json': pj,
    '/r/packages/linked': { link: '../apps/web' },
    '/r/packages/escape': { link: '../../outside' },
    '/r/apps/web/package.json': pj,
    '/r/apps/group/api/package.json': pj,
    '/r/deep/1/2/3/4/5/6/7/8/package.json': pj,
    '/outside/package.json': pj,
  });
  const expand = async (patterns: string[]) => (await expandWorkspaces(fs, '/r', patterns)).dirs;

  it('expands `*` to folders and links inside the root, sorted, skipping files, dot-folders and node_modules', async () => {
    expect(await expand(['packages/*'])).toEqual(['packages/a', 'packages/b', 'packages/linked', 'packages/skip']);
  });

  it('applies exclusions and merges patterns without duplicates', async () => {
    expect(await expand(['packages/*', './packages/a/', '!packages/skip', '!packages/linked'])).toEqual(['packages/a', 'packages/b']);
  });

  it('expands `**` to every depth up to the bound, never the root itself', async () => {
    expect(await expand(['apps/**'])).toEqual(['apps', 'apps/group', 'apps/group/api', 'apps/web']);
    expect(await expand(['**/api'])).toEqual(['apps/group/api']);
    const deep = await expand(['deep/**']);
    expect(deep).toHaveLength(MAX_GLOB_DEPTH + 1);
    expect(deep.at(-1)).toBe('deep/1/2/3/4/5/6');
  });

  it('keeps plain paths that exist and never leaves the root', async () => {
    expect(await expand(['apps/web', 'apps/missing', 'packages/../apps/web'])).toEqual(['apps/web']);
    expect(await expand(['../outside', '../*', '..', 'packages/escape'])).toEqual([]);
  });

  it('returns unsupported patterns and expands the rest', async () => {
    expect(await expandWorkspaces(fs, '/r', ['apps/{web,api}', 'apps/web'])).toEqual({ dirs: ['apps/web'], unsupported: ['apps/{web,api}'] });
  });
});

describe('loadManifest', () => {
  const fs = memFs({ '/ok/package.json': '{"name":"a"}', '/bad/package.json': '{', '/arr/package.json': '[]' });
  it('says why there is no manifest', async () => {
    expect(await loadManifest(fs, '/ok/package.json')).toEqual({ manifest: { name: 'a' } });
    expect(await loadManifest(fs, '/none/package.json')).toEqual({ problem: 'absent' });
    expect(await loadManifest(fs, '/bad/package.json')).toMatchObject({ problem: 'invalid-json' });
    expect(await loadManifest(fs, '/arr/package.json')).toEqual({ problem: 'not-object' });
  });
});
