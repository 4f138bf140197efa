import type { Advisory } from '../../advisories/index.js';

/** The test incident of the fix tests: cw-bad@1.0.1 is malware, 1.0.0 the release before it. */
export const CW_BAD_MALWARE: Advisory = {
  id: 'MAL-TEST-0001',
  aliases: [],
  source: 'osv',
  kind: 'malware',
  title: 'cw-bad@1.0.1 is malicious',
  summary: '',
  severity: 'critical',
  published: '2025-09-08T00:00:00Z',
  modified: '2025-09-08T00:00:00Z',
  references: [],
  affected: [{ name: 'cw-bad', versions: ['1.0.1'], safe: ['1.0.0'] }],
};
