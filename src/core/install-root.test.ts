import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installPath, installRootFrom } from './install-root.js';

describe('installPath', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'cw-install-root-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("finds chainwatch's own folder: its package.json and data/", () => {
    expect((JSON.parse(readFileSync(installPath('package.json'), 'utf8')) as { name: string }).name).toBe('chainwatch');
    expect(existsSync(installPath('data', 'ioc'))).toBe(true);
  });

  it('walks up past folders that hold only a package.json, from any depth', () => {
    const top = join(scratch, 'pkg');
    const deep = join(top, 'dist', 'bundle');
    mkdirSync(join(top, 'data'), { recursive: true });
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(top, 'package.json'), '{}');
    writeFileSync(join(top, 'dist', 'package.json'), '{}');
    expect(installRootFrom(deep)).toBe(top);
  });

  it('settles for the nearest package.json when data/ is gone, instead of throwing while modules load', () => {
    const top = join(scratch, 'broken');
    const deep = join(top, 'dist', 'cli');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(top, 'package.json'), '{}');
    expect(installRootFrom(deep)).toBe(top);
  });
});
