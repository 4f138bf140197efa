import { describe, expect, it } from 'vitest';
import { escapeName, routeOf, tarballPath } from './routes.js';

describe('routeOf', () => {
  it.each([
    ['/chalk', { kind: 'packument', name: 'chalk' }],
    ['/@scope%2fpkg', { kind: 'packument', name: '@scope/pkg' }],
    ['/@scope%2Fpkg', { kind: 'packument', name: '@scope/pkg' }],
    ['/@scope/pkg', { kind: 'packument', name: '@scope/pkg' }],
    ['/chalk/5.6.0', { kind: 'version', name: 'chalk', spec: '5.6.0' }],
    ['/chalk/latest', { kind: 'version', name: 'chalk', spec: 'latest' }],
    ['/chalk/-/chalk-5.6.1.tgz', { kind: 'tarball', name: 'chalk', version: '5.6.1' }],
    ['/@scope/pkg/-/pkg-1.0.0-beta.1.tgz', { kind: 'tarball', name: '@scope/pkg', version: '1.0.0-beta.1' }],
    ['/@scope%2fpkg/-/pkg-1.0.0.tgz', { kind: 'tarball', name: '@scope/pkg', version: '1.0.0' }],
    ['/-/v1/search', { kind: 'pass' }],
    ['/-/npm/v1/security/advisories/bulk', { kind: 'pass' }],
    ['/chalk/-/other-1.0.0.tgz', { kind: 'pass' }],
    ['/chalk/-/chalk-notaversion.tgz', { kind: 'pass' }],
    ['/', { kind: 'pass' }],
    ['/%E0%A4%A', { kind: 'pass' }],
    ['/healthz', { kind: 'packument', name: 'healthz' }],
  ])('%s', (path, route) => {
    expect(routeOf(path, false)).toEqual(route);
  });

  it('answers /healthz itself only when asked to', () => {
    expect(routeOf('/healthz', true)).toEqual({ kind: 'health' });
  });

  it('lays out tarball paths and escaped names as the registry does', () => {
    expect(tarballPath('@scope/pkg', '1.0.0')).toBe('@scope/pkg/-/pkg-1.0.0.tgz');
    expect(escapeName('@scope/pkg')).toBe('@scope%2Fpkg');
    expect(escapeName('chalk')).toBe('chalk');
  });
});
