import type { PackageSource } from '../../core/index.js';

/**
 * Classifies where a package comes from by what the lockfile recorded as its resolution.
 * A missing resolution means the default registry (npm with omit-lockfile-registry-resolved,
 * pnpm and bun omit it for registry packages).
 */
export function classifyResolved(resolved: string | undefined): PackageSource {
  if (!resolved) return 'registry';
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(resolved) || /\.git(#|$)/.test(resolved)) return 'git';
  if (resolved.startsWith('link:')) return 'link';
  if (resolved.startsWith('file:')) return 'file';
  if (/^https?:/.test(resolved)) {
    // Registry tarballs live under /<name>/-/<file>.tgz; anything else is a direct tarball URL.
    return /\/-\/[^/]+\.tgz(\?.*)?(#.*)?$/.test(resolved) ? 'registry' : 'tarball';
  }
  if (/^[a-z0-9-]+\/[a-z0-9_.-]+(#.*)?$/i.test(resolved)) return 'git'; // user/repo shorthand
  return 'file';
}

/** `npm:lodash@4.17.15` -> { name: 'lodash', range: '4.17.15' }; anything else -> undefined. */
export function parseNpmAlias(spec: string): { name: string; range: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const body = spec.slice(4);
  const at = body.indexOf('@', body.startsWith('@') ? 1 : 0);
  if (at === -1) return { name: body, range: '*' };
  return { name: body.slice(0, at), range: body.slice(at + 1) || '*' };
}

/** Splits `name@range` where name may be scoped (`@scope/pkg@^1`). */
export function splitNameSpec(descriptor: string): { name: string; spec: string } {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  if (at === -1) return { name: descriptor, spec: '' };
  return { name: descriptor.slice(0, at), spec: descriptor.slice(at + 1) };
}
