import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, ToolError, type DirEntry, type ReadonlyFs } from '../../core/index.js';
import { expect } from 'vitest';
import type { RawEdge, RawGraph, RawPackage, ReadResult } from '../types.js';

/**
 * A tiny in-memory disk for readers' tests: string values are files, `{ link }` values symlinks
 * (relative to their folder), folders are implied by the paths. Later entries replace earlier ones
 * and their subtrees; a missing path fails as the real disk does.
 */
export function memFs(spec: Record<string, string | { link: string }>): ReadonlyFs {
  type Node = { kind: 'dir'; children: Map<string, Node> } | { kind: 'file'; text: string } | { kind: 'symlink'; target: string };
  const root: Node = { kind: 'dir', children: new Map() };
  for (const [path, value] of Object.entries(spec)) {
    const parts = path.split('/').filter(Boolean);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.children.get(part);
      if (next?.kind !== 'dir') dir.children.set(part, (next = { kind: 'dir', children: new Map() }));
      dir = next;
    }
    const leaf: Node = typeof value === 'string' ? { kind: 'file', text: value } : { kind: 'symlink', target: value.link };
    dir.children.set(parts.at(-1)!, leaf);
  }
  /** Walks `path`; follows links everywhere but (unless `follow`) in the last part. */
  const lookup = (path: string, follow: boolean): { node: Node; real: string } | undefined => {
    const todo = path.split('/').filter(Boolean);
    const done: string[] = [];
    let node: Node = root;
    for (let hops = 0; todo.length > 0; ) {
      const part = todo.shift()!;
      if (part === '.') continue;
      if (part === '..') {
        done.pop();
        node = resolveParts(done);
        continue;
      }
      if (node.kind !== 'dir') return undefined;
      const child = node.children.get(part);
      if (child === undefined) return undefined;
      if (child.kind === 'symlink' && (follow || todo.length > 0)) {
        if (++hops > 40) return undefined;
        const target = child.target.split('/').filter(Boolean);
        if (child.target.startsWith('/')) done.length = 0;
        todo.unshift(...target);
        node = resolveParts(done);
        continue;
      }
      done.push(part);
      node = child;
    }
    return { node, real: '/' + done.join('/') };
  };
  const resolveParts = (parts: string[]): Node => {
    let node: Node = root;
    for (const part of parts) {
      const next: Node | undefined = node.kind === 'dir' ? node.children.get(part) : undefined;
      if (next === undefined) return root;
      node = next;
    }
    return node;
  };
  const ioError = (path: string) => new ToolError(ErrorCodes.io, `${path}: no such file or directory`);
  return {
    async readText(path) {
      const found = lookup(path, true);
      if (found?.node.kind !== 'file') throw ioError(path);
      return found.node.text;
    },
    async readdir(path) {
      const found = lookup(path, true);
      if (found?.node.kind !== 'dir') throw ioError(path);
      return [...found.node.children].map(([name, n]): DirEntry => ({ name, kind: n.kind }));
    },
    async lstat(path) {
      const found = lookup(path, false);
      if (found === undefined) return undefined;
      return { kind: found.node.kind, size: found.node.kind === 'file' ? found.node.text.length : 0 };
    },
    async realpath(path) {
      return lookup(path, true)?.real;
    },
  };
}

/** The sorted `name@version` list the real client listed for a generated fixture (its expected.json). */
export function clientListing(fixtureDir: string): string[] {
  return (JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as { packages: string[] }).packages;
}

/** A reader's distinct `name@version` set, sorted, to compare with clientListing(). */
export function packageIds(raw: RawGraph): string[] {
  return [...new Set(raw.packages.map((p) => `${p.name}@${p.version}`))].sort();
}

/**
 * What every reader must hold on every fixture a real client generated: the same `name@version`
 * set as the client listed, no diagnostics, unique keys, and every resolved edge pointing at a
 * node of the graph. Reader-specific checks (which edges may stay unresolved) come on top.
 */
export function expectClientListing(result: ReadResult, fixtureDir: string): void {
  expect(packageIds(result.raw)).toEqual(clientListing(fixtureDir));
  expect(result.diagnostics).toEqual([]);
  const keys = new Set([...result.raw.importers.map((i) => i.key), ...result.raw.packages.map((p) => p.key)]);
  expect(keys.size).toBe(result.raw.importers.length + result.raw.packages.length);
  for (const e of result.raw.edges) if (e.to !== null) expect(keys.has(e.to), `${e.from} -> ${e.to}`).toBe(true);
}

/** The edge `from` declares under `name`. */
export function findEdge(raw: RawGraph, from: string, name: string): RawEdge | undefined {
  return raw.edges.find((e) => e.from === from && e.name === name);
}

export function findPackage(raw: RawGraph, key: string): RawPackage | undefined {
  return raw.packages.find((p) => p.key === key);
}
