/**
 * pnpm's dependency paths ("depPaths"): the keys of `packages` (v5, v6) and `snapshots` (v9),
 * and the references importers and packages use to point at them.
 *   v5: /name/1.0.0, /@scope/name/1.0.0_peer@2.0.0+other@1.0.0
 *   v6: /name@1.0.0, /@scope/name@1.0.0(peer@2.0.0)
 *   v9:  name@1.0.0,  @scope/name@1.0.0(peer@2.0.0)
 * Non-registry packages have other keys (`file:vendor/x.tgz`, `github.com/u/r/<sha>`, v9
 * `name@file:...`); their entries carry `name`/`version` fields instead.
 */
export type KeyStyle = 'v5' | 'v6' | 'v9';

/** The name and version a depPath spells, peer suffix removed; undefined if it spells none. */
export function parseDepPath(key: string): { name: string; version: string } | undefined {
  const s = key.startsWith('/') ? key.slice(1) : key;
  const sep = nameEnd(s);
  if (sep === -1) return undefined;
  const name = s.slice(0, sep);
  const rest = s.slice(sep + 1);
  // v5 peer suffixes start at `_`, v6/v9 ones at `(`; neither can occur in a semver version.
  const cut = s[sep] === '/' ? rest.indexOf('_') : rest.indexOf('(');
  const version = cut === -1 ? rest : rest.slice(0, cut);
  return version ? { name, version } : undefined;
}

/** Index of the `@` (v6/v9) or `/` (v5) that ends the (possibly scoped) name; -1 if none. */
function nameEnd(s: string): number {
  let i = 0;
  if (s.startsWith('@')) {
    i = s.indexOf('/') + 1;
    if (i === 0) return -1;
  }
  const start = i;
  while (i < s.length && s[i] !== '@' && s[i] !== '/') i++;
  return i === s.length || i === start ? -1 : i;
}

/** The key style a depPath is written in (for lockfiles whose version does not say). */
export function styleOfKey(key: string): KeyStyle {
  if (!key.startsWith('/')) return 'v9';
  const s = key.slice(1);
  return s[nameEnd(s)] === '@' ? 'v6' : 'v5';
}

/** The v9 metadata key of a snapshot key: the depPath without its peer suffix. */
export function withoutPeers(key: string): string {
  const open = key.indexOf('(');
  return open === -1 ? key : key.slice(0, open);
}

export type Ref = { kind: 'link'; path: string } | { kind: 'package'; depPath: string };

/**
 * What a dependency's reference (`1.0.0`, `1.0.0(react@18.2.0)`, `link:../lib`, an alias's
 * `/lodash/4.17.15` or `lodash@4.17.15`) points at. Mirrors pnpm's own refToRelative for each
 * lockfile generation.
 */
export function resolveRef(style: KeyStyle, name: string, ref: string): Ref {
  if (ref.startsWith('link:')) return { kind: 'link', path: ref.slice('link:'.length) };
  if (ref.startsWith('file:') && style !== 'v9') return { kind: 'package', depPath: ref };
  if (style === 'v9') return { kind: 'package', depPath: v9DepPath(name, ref) };
  if (style === 'v6') {
    const open = ref.indexOf('(');
    const head = open === -1 ? ref : ref.slice(0, open);
    return { kind: 'package', depPath: head.includes('/') ? ref : `/${name}@${ref}` };
  }
  return { kind: 'package', depPath: ref.includes('/') ? ref : `/${name}/${ref}` };
}

/** v9: a reference is a full depPath when its `@` comes before any `:` and `(` (aliases). */
function v9DepPath(name: string, ref: string): string {
  if (ref.startsWith('@')) return ref;
  const at = ref.indexOf('@');
  if (at === -1) return `${name}@${ref}`;
  const colon = ref.indexOf(':');
  const open = ref.indexOf('(');
  if ((colon === -1 || at < colon) && (open === -1 || at < open)) return ref;
  return `${name}@${ref}`;
}

/**
 * The peer a v6/v9 depPath was resolved with, from its suffix: `react-dom@18.2.0(react@18.2.0)`
 * and 'react' give the reference `react@18.2.0` (v9) or `/react@18.2.0` (v6).
 */
export function peerFromSuffix(style: KeyStyle, key: string, peer: string): string | undefined {
  if (style === 'v5') return undefined;
  let depth = 0;
  let start = -1;
  for (let i = key.indexOf('('); i !== -1 && i < key.length; i++) {
    const c = key[i];
    if (c === '(' && depth++ === 0) start = i + 1;
    else if (c === ')' && --depth === 0) {
      const group = key.slice(start, i);
      if (group.startsWith(`${peer}@`)) return style === 'v6' ? `/${group}` : group;
    }
  }
  return undefined;
}
