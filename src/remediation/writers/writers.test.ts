import { describe, expect, it } from 'vitest';
import { writeDeclaredVersions } from './declared.js';
import { OVERRIDE_WRITERS } from './index.js';
import { writeBunOverrides, writeNpmOverrides, writePnpmPackageJsonOverrides, writeYarnResolutions } from './overrides.js';
import { pnpmWorkspaceHasOverrides, writePnpmWorkspaceOverrides } from './pnpm-workspace.js';

// A package.json as npm writes it (two spaces, final newline), with an unrelated override.
const npmManifest = `{
  "name": "app",
  "version": "1.0.0",
  "dependencies": {
    "chalk": "^5.6.0",
    "debug": "^4.4.0"
  },
  "overrides": {
    "semver": "7.5.4"
  }
}
`;

const pin = [{ name: 'debug', version: '4.4.1' }];

describe('package.json override writers', () => {
  it('adds npm overrides after the existing entries, touching nothing else', () => {
    expect(writeNpmOverrides(npmManifest, pin)).toBe(npmManifest.replace('"semver": "7.5.4"\n', '"semver": "7.5.4",\n    "debug": "4.4.1"\n'));
  });

  it('creates the object at the end when there is none, in the file\'s own indentation and line endings', () => {
    const tabbed = '{\r\n\t"name": "app",\r\n\t"dependencies": {\r\n\t\t"chalk": "^5.6.0"\r\n\t}\r\n}\r\n';
    expect(writeYarnResolutions(tabbed, pin)).toBe('{\r\n\t"name": "app",\r\n\t"dependencies": {\r\n\t\t"chalk": "^5.6.0"\r\n\t},\r\n\t"resolutions": {\r\n\t\t"debug": "4.4.1"\r\n\t}\r\n}\r\n');
    const four = '{\n    "name": "app"\n}';
    expect(writeBunOverrides(four, pin)).toBe('{\n    "name": "app",\n    "overrides": {\n        "debug": "4.4.1"\n    }\n}');
  });

  it('writes pnpm.overrides inside an existing pnpm object', () => {
    const text = '{\n  "name": "app",\n  "pnpm": {\n    "onlyBuiltDependencies": ["esbuild"]\n  }\n}\n';
    expect(writePnpmPackageJsonOverrides(text, pin)).toBe('{\n  "name": "app",\n  "pnpm": {\n    "onlyBuiltDependencies": ["esbuild"],\n    "overrides": {\n      "debug": "4.4.1"\n    }\n  }\n}\n');
  });

  it('replaces an existing pin of the same name in place, and sets "." of an npm nested override', () => {
    const text = '{\n  "overrides": {\n    "debug": "4.4.2",\n    "z": "1.0.0"\n  }\n}\n';
    expect(writeNpmOverrides(text, pin)).toBe(text.replace('4.4.2', '4.4.1'));
    const nested = '{\n  "overrides": {\n    "debug": {\n      ".": "4.4.2",\n      "ms": "2.1.3"\n    }\n  }\n}\n';
    expect(writeNpmOverrides(nested, pin)).toBe(nested.replace('4.4.2', '4.4.1'));
  });

  it('is idempotent: a second run returns the same text', () => {
    for (const write of [writeNpmOverrides, writeYarnResolutions, writeBunOverrides, writePnpmPackageJsonOverrides]) {
      const once = write(npmManifest, pin);
      expect(write(once, pin)).toBe(once);
    }
  });
});

describe('writeDeclaredVersions', () => {
  it('changes only the declared specifier', () => {
    const out = writeDeclaredVersions(npmManifest, [{ section: 'dependencies', key: 'debug', spec: '4.4.1' }]);
    expect(out).toBe(npmManifest.replace('"debug": "^4.4.0"', '"debug": "4.4.1"'));
    expect(writeDeclaredVersions(out, [{ section: 'dependencies', key: 'debug', spec: '4.4.1' }])).toBe(out);
  });
});

describe('writePnpmWorkspaceOverrides', () => {
  const workspace = `# the workspace
packages:
  - 'packages/*'   # every package

overrides:
  semver: 7.5.4 # pinned for a CVE
onlyBuiltDependencies:
  - esbuild
`;

  it('adds to overrides keeping comments, quoting and the other keys in order', () => {
    expect(writePnpmWorkspaceOverrides(workspace, pin)).toBe(workspace.replace('semver: 7.5.4 # pinned for a CVE\n', 'semver: 7.5.4 # pinned for a CVE\n  debug: 4.4.1\n'));
  });

  it('appends an overrides mapping, or creates the file, and is idempotent', () => {
    const once = writePnpmWorkspaceOverrides("packages:\n  - 'packages/*'\n", pin);
    expect(once).toBe("packages:\n  - 'packages/*'\noverrides:\n  debug: 4.4.1\n");
    expect(writePnpmWorkspaceOverrides(once, pin)).toBe(once);
    expect(writePnpmWorkspaceOverrides(null, pin)).toBe('overrides:\n  debug: 4.4.1\n');
    expect(writePnpmWorkspaceOverrides('overrides:\n', pin)).toBe('overrides:\n  debug: 4.4.1\n');
  });

  it('replaces an existing pin in place and quotes a scoped name', () => {
    const text = "overrides:\n  debug: '4.4.2' # was\n";
    expect(writePnpmWorkspaceOverrides(text, pin)).toBe("overrides:\n  debug: 4.4.1 # was\n");
    expect(writePnpmWorkspaceOverrides('packages: []\n', [{ name: '@scope/pkg', version: '1.0.0' }])).toBe("packages: []\noverrides:\n  '@scope/pkg': 1.0.0\n");
  });

  it('keeps CRLF and four-space indentation', () => {
    expect(writePnpmWorkspaceOverrides('packages:\r\n    - a\r\n', pin)).toBe('packages:\r\n    - a\r\noverrides:\r\n    debug: 4.4.1\r\n');
  });

  it('refuses a file that is not YAML or whose overrides is not a mapping, naming it', () => {
    expect(() => writePnpmWorkspaceOverrides('packages: [a\n', pin)).toThrow(/^pnpm-workspace\.yaml: not valid YAML/);
    expect(() => writePnpmWorkspaceOverrides('overrides: [a]\n', pin)).toThrow('pnpm-workspace.yaml: `overrides` is not a mapping');
  });

  it('says whether a file has overrides', () => {
    expect(pnpmWorkspaceHasOverrides(workspace)).toBe(true);
    expect(pnpmWorkspaceHasOverrides('packages: []\n')).toBe(false);
  });
});

describe('OVERRIDE_WRITERS', () => {
  it('is sorted by style and names the file each writes', () => {
    expect(Object.keys(OVERRIDE_WRITERS)).toEqual([...Object.keys(OVERRIDE_WRITERS)].sort());
    expect(Object.fromEntries(Object.entries(OVERRIDE_WRITERS).map(([k, v]) => [k, v.file]))).toEqual({
      'bun-overrides': 'package.json',
      'npm-overrides': 'package.json',
      'pnpm-package-json': 'package.json',
      'pnpm-workspace-yaml': 'pnpm-workspace.yaml',
      'yarn-resolutions': 'package.json',
    });
  });
});
