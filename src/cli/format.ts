import type { PackageGraph, ReaderId } from '../app/index.js';

/** Small text helpers shared by the commands' text renderers. */

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'npm/package-lock': 'npm lockfile',
  'yarn/classic': 'yarn classic lockfile',
  'yarn/berry': 'yarn berry lockfile',
  'pnpm/lock': 'pnpm lockfile',
  'bun/lock': 'bun lockfile',
};

/** 'npm lockfile v3', 'installed node_modules (pnpm)'. */
export function formatLabel(readerId: ReaderId, graph: PackageGraph): string {
  const name = FORMAT_NAMES[readerId];
  return name ? `${name} v${graph.formatVersion}` : `installed node_modules (${graph.manager})`;
}
