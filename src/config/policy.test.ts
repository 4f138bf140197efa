import { describe, expect, expectTypeOf, it } from 'vitest';
import { DEFAULT_POLICY, type GatePolicy } from '../gate/policy.js';
import { isToolError } from '../core/index.js';
import { toGatePolicy, type GatePolicyShape } from './index.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('toGatePolicy', () => {
  it('is the gate\'s GatePolicy, type for type', () => {
    expectTypeOf<GatePolicyShape>().toEqualTypeOf<GatePolicy>();
  });

  it('gives the gate\'s default policy without a policy key, and for an empty one', () => {
    expect(toGatePolicy(undefined)).toEqual(DEFAULT_POLICY);
    expect(toGatePolicy({})).toEqual(DEFAULT_POLICY);
    expect(toGatePolicy({ installScripts: {} })).toEqual(DEFAULT_POLICY);
  });

  it('converts durations to milliseconds and keeps the packages in the file\'s order', () => {
    const policy = toGatePolicy({
      minimumReleaseAge: '12h',
      minimumReleaseAgeExclude: ['@myorg/*'],
      packages: { 'eslint-*': { minimumReleaseAge: 0.5 }, react: { minimumReleaseAge: '1w' }, typescript: {} },
      installScripts: { action: 'warn', allow: ['esbuild', 'sharp@^0.33.0'] },
      vulnerabilities: 'block',
      provenance: 'warn',
      malicious: 'block',
    });
    expect(policy).toEqual({
      minimumReleaseAgeMs: 12 * HOUR,
      minimumReleaseAgeExclude: ['@myorg/*'],
      packages: [{ pattern: 'eslint-*', minimumReleaseAgeMs: 12 * HOUR }, { pattern: 'react', minimumReleaseAgeMs: 7 * DAY }, { pattern: 'typescript' }],
      installScripts: { action: 'warn', allow: ['esbuild', 'sharp@^0.33.0'] },
      vulnerabilities: 'block',
      provenance: 'warn',
      malicious: 'block',
    });
    expect(policy.packages[2]).not.toHaveProperty('minimumReleaseAgeMs');
  });

  it('switches the cooldown off with 0 and "0"', () => {
    expect(toGatePolicy({ minimumReleaseAge: 0 }).minimumReleaseAgeMs).toBe(0);
    expect(toGatePolicy({ minimumReleaseAge: '0' }).minimumReleaseAgeMs).toBe(0);
  });

  it('refuses a hand-built policy with a bad duration, naming the key', () => {
    let error: unknown;
    try {
      toGatePolicy({ packages: { '@a/*': { minimumReleaseAge: '3x' } } });
    } catch (e) {
      error = e;
    }
    expect(isToolError(error)).toBe(true);
    expect((error as Error).message).toBe('policy.packages["@a/*"].minimumReleaseAge: "3x" is not a duration');
  });
});
