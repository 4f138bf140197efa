import { createRequire } from 'node:module';
import type compareFn from 'semver/functions/compare.js';
import type prereleaseFn from 'semver/functions/prerelease.js';
import type satisfiesFn from 'semver/functions/satisfies.js';
import type validFn from 'semver/functions/valid.js';
import type validRangeFn from 'semver/ranges/valid.js';

// Loaded on first use, one function file each: `chainwatch scan` computes fix hints on every
// run, and the whole semver package costs startup time the other commands do not need.
const load = createRequire(import.meta.url);
let fns: { satisfies: typeof satisfiesFn; valid: typeof validFn; validRange: typeof validRangeFn; compare: typeof compareFn; prerelease: typeof prereleaseFn } | undefined;

export function semver() {
  return (fns ??= {
    satisfies: load('semver/functions/satisfies'),
    valid: load('semver/functions/valid'),
    validRange: load('semver/ranges/valid'),
    compare: load('semver/functions/compare'),
    prerelease: load('semver/functions/prerelease'),
  });
}
