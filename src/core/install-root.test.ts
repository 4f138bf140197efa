import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installPath } from './install-root.js';

describe('installPath', () => {
  it("finds chainwatch's own folder: its package.json and data/", () => {
    expect((JSON.parse(readFileSync(installPath('package.json'), 'utf8')) as { name: string }).name).toBe('chainwatch');
    expect(existsSync(installPath('data', 'ioc'))).toBe(true);
  });
});
