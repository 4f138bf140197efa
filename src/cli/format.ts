import type { PackageGraph, ReaderId } from '../app/index.js';
import { formatName } from '../report/index.js';

/** Small text helpers shared by the commands' text renderers (and the scan reporters, in report/). */
export { plural } from '../report/index.js';

/** 'npm lockfile v3', 'installed node_modules (pnpm)'. */
export function formatLabel(readerId: ReaderId, graph: PackageGraph): string {
  return readerId === 'fs/node-modules' ? `installed node_modules (${graph.manager})` : `${formatName(readerId)} v${graph.formatVersion}`;
}
