import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isToolError } from '../core/index.js';
import { yarnRegistrySettings } from './yarnrc.js';

let root: string;
let home: string;
let project: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cw-yarnrc-'));
  home = join(root, 'home');
  project = join(root, 'repo', 'packages', 'app');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('yarnRegistrySettings', () => {
  it('turns registries and tokens into npm settings, the nearest file winning', () => {
    writeFileSync(join(home, '.yarnrc.yml'), 'npmRegistryServer: "http://home.example.test"\nnpmAuthToken: home-token\n');
    writeFileSync(
      join(root, 'repo', '.yarnrc.yml'),
      [
        'npmRegistryServer: "http://registry.example.test/npm"',
        'npmScopes:',
        '  myorg:',
        '    npmRegistryServer: "http://private.example.test/"',
        '    npmAuthToken: "${ORG_TOKEN}"',
        'npmRegistries:',
        '  "//mirror.example.test":',
        '    npmAuthToken: "${MIRROR_TOKEN:-fallback}"',
      ].join('\n'),
    );
    expect(yarnRegistrySettings(project, { ORG_TOKEN: 'org-secret' }, home)).toEqual({
      registry: 'http://registry.example.test/npm/',
      '//registry.example.test/npm/:_authToken': 'home-token',
      '@myorg:registry': 'http://private.example.test/',
      '//private.example.test/:_authToken': 'org-secret',
      '//mirror.example.test/:_authToken': 'fallback',
    });
  });

  it('lets YARN_NPM_* variables override the files, and says nothing without them', () => {
    expect(yarnRegistrySettings(project, {}, home)).toEqual({});
    expect(yarnRegistrySettings(project, { YARN_NPM_REGISTRY_SERVER: 'http://env.example.test', YARN_NPM_AUTH_TOKEN: 't' }, home)).toEqual({
      registry: 'http://env.example.test/',
      '//env.example.test/:_authToken': 't',
    });
  });

  it('fails with the file named for an unset variable or bad YAML', () => {
    writeFileSync(join(project, '.yarnrc.yml'), 'npmAuthToken: "${NOPE}"\nnpmRegistryServer: "http://r.example.test"\n');
    const unset = (() => {
      try {
        return yarnRegistrySettings(project, {}, home);
      } catch (e) {
        return e;
      }
    })();
    expect(isToolError(unset) && unset.message).toBe(`${join(project, '.yarnrc.yml')}: uses \${NOPE}, which is not set`);
    writeFileSync(join(project, '.yarnrc.yml'), 'npmScopes: [\n');
    expect(() => yarnRegistrySettings(project, {}, home)).toThrow(/\.yarnrc\.yml: cannot read it as YAML/);
  });
});
