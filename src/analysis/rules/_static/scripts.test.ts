import { describe, expect, it } from 'vitest';
import { installCommands, invocations, resolvePackageFile, simpleCommands } from './scripts.js';

describe('simpleCommands', () => {
  it('splits at operators and removes quotes', () => {
    expect(simpleCommands(`start /B node compile.js & node "my file.js" && echo 'a b' | sh`)).toEqual([
      ['start', '/B', 'node', 'compile.js'],
      ['node', 'my file.js'],
      ['echo', 'a b'],
      ['sh'],
    ]);
  });
  it('keeps Windows path separators', () => {
    expect(simpleCommands('bin\\agent.exe /quiet')).toEqual([['bin\\agent.exe', '/quiet']]);
  });
});

describe('invocations', () => {
  it.each([
    ['node setup_bun.js', [{ runner: 'node', file: 'setup_bun.js' }]],
    ['node --max-old-space-size 4096 ./lib/build.js', [{ runner: 'node', file: './lib/build.js' }]],
    [`node -e "try{require('./postinstall')}catch(e){}"`, [{ runner: 'node', code: "try{require('./postinstall')}catch(e){}" }]],
    ['cross-env NODE_ENV=production node x.js', [{ runner: 'node', file: 'x.js' }]],
    ['bun run tanstack_runner.js  && exit 1', [{ runner: 'bun', file: 'tanstack_runner.js' }]],
    ['sh ./scripts/setup.sh', [{ runner: 'shell', file: './scripts/setup.sh' }]],
    ['start /B node compile.js', [{ runner: 'node', file: 'compile.js' }]],
    ['powershell -ExecutionPolicy Bypass -File setup.ps1', [{ runner: 'powershell', file: 'setup.ps1' }]],
    ['preinstall.bat', [{ runner: 'direct', file: 'preinstall.bat' }]],
    ['node-gyp rebuild', []],
  ])('%s', (line, expected) => {
    expect(invocations(line)).toEqual(expected);
  });
});

describe('installCommands', () => {
  it('lists install hooks and follows npm run chains', () => {
    const m = { scripts: { postinstall: 'npm run setup', setup: 'node a.js && yarn other', other: 'node b.js', test: 'vitest' } };
    expect(installCommands(m).map((c) => c.via)).toEqual(['postinstall', 'postinstall -> npm run setup', 'postinstall -> npm run setup -> npm run other']);
  });
  it('ignores non-install scripts and bad manifests', () => {
    expect(installCommands({ scripts: { build: 'tsc' } })).toEqual([]);
    expect(installCommands({ scripts: 'nope' })).toEqual([]);
    expect(installCommands(null)).toEqual([]);
  });
});

describe('resolvePackageFile', () => {
  const files = ['package.json', 'lib/build.js', 'install/index.js', 'index.js'];
  it.each([
    ['./lib/build.js', 'lib/build.js'],
    ['lib/build', 'lib/build.js'],
    ['install', 'install/index.js'],
    ['.', 'index.js'],
    ['../outside.js', undefined],
    ['missing.js', undefined],
  ])('%s', (file, expected) => {
    expect(resolvePackageFile(file, files, { main: 'index.js' })).toBe(expected);
  });
});
