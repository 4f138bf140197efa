import { describe, expect, it } from 'vitest';
import type { GateSummary } from '../../../app/index.js';
import { createStyle } from '../../io.js';
import { renderGateSummaryJson, renderGateSummaryText } from './output.js';

const plain = createStyle(false);
const young = { rule: 'release-age' as const, action: 'block' as const, message: 'published 1 hour ago, under the 3 days cooldown (policy.minimumReleaseAge)' };
const scripts = { rule: 'install-scripts' as const, action: 'block' as const, message: 'runs postinstall at install and is not in policy.installScripts.allow' };
const malware = { rule: 'advisory' as const, action: 'block' as const, message: 'known malicious: MAL-TEST-0001 test malware' };

const summary: GateSummary = {
  packages: 3,
  hidden: [
    { name: 'cw-dep', versions: 8, blocked: ['1.0.1', '1.0.2', '1.0.3', '1.0.4', '1.1.0'].map((version) => ({ version, reasons: [young] })) },
    { name: 'cw-scripts', versions: 1, blocked: [{ version: '1.0.0', reasons: [scripts] }] },
  ],
  refused: [{ name: 'cw-bad', version: '1.0.1', reasons: [malware] }],
  warned: [],
  upstreamErrors: [{ method: 'GET', path: '/nope', status: 404, message: 'not found' }],
};

describe('the gate summary', () => {
  it('says what was refused and hidden, and how to approve install scripts', () => {
    expect(renderGateSummaryText(summary, plain, 'chainwatch guard')).toBe(
      [
        'chainwatch guard: 3 packages looked up; 6 versions of 2 packages hidden, 1 download refused',
        '  refused cw-bad@1.0.1: advisory: known malicious: MAL-TEST-0001 test malware',
        `  hidden cw-dep 1.0.2, 1.0.3, 1.0.4, 1.1.0 and 1 more: release-age: ${young.message}`,
        `  hidden cw-scripts every version: install-scripts: ${scripts.message}`,
        '  upstream GET /nope: HTTP 404 not found',
        '  to approve a package with install scripts, add it to policy.installScripts.allow in chainwatch.config.json',
        '',
      ].join('\n'),
    );
  });

  it('is one line when nothing was blocked, and JSON with the keys the README names', () => {
    const quiet: GateSummary = { packages: 2, hidden: [], refused: [], warned: [], upstreamErrors: [] };
    expect(renderGateSummaryText(quiet, plain, 'chainwatch proxy')).toBe('chainwatch proxy: 2 packages looked up, nothing blocked\n');
    expect(Object.keys(JSON.parse(renderGateSummaryJson(summary)) as object)).toEqual(['packages', 'hidden', 'refused', 'warned', 'upstreamErrors']);
  });
});
