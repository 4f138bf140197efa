import type { TestPackage } from '../../registry/test-support/registry-server.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * The packages every install-gate test serves, with publish times relative to `now`: one for each
 * rule of the policy, and a private one.
 */
export function gateFixturePackages(now = Date.now()): TestPackage[] {
  const ago = (ms: number) => new Date(now - ms).toISOString();
  return [
    { name: 'cw-dep', version: '1.0.0', time: ago(30 * DAY) },
    { name: 'cw-dep', version: '1.1.0', time: ago(HOUR) }, // newer than any sensible cooldown
    { name: 'cw-bad', version: '1.0.0', time: ago(30 * DAY) },
    { name: 'cw-bad', version: '1.0.1', time: ago(20 * DAY) }, // the "compromised" release, old enough to pass a cooldown
    // An inert postinstall: scripts are off in every run, the script only has to be declared.
    { name: 'cw-scripts', version: '1.0.0', time: ago(30 * DAY), manifest: { scripts: { postinstall: 'node -e "process.exit(0)"' } } },
    { name: '@private/pkg', version: '1.0.0', time: ago(30 * DAY) },
  ];
}

/** What the advisory database knows, as an OSV record for `chainwatch db update --source`: cw-bad@1.0.1 is malware. */
export const FIXTURE_MALWARE_OSV = {
  id: 'MAL-TEST-0001',
  modified: '2025-09-08T00:00:00Z',
  summary: 'test malware',
  affected: [{ package: { ecosystem: 'npm', name: 'cw-bad' }, versions: ['1.0.1'] }],
};
