import { posix } from 'node:path';
import type { OverrideStyle, PlannedChange } from './types.js';
import { OVERRIDE_WRITERS, writeDeclaredVersions, type DeclaredVersion, type Pin } from './writers/index.js';

/**
 * The new text of every file a plan changes, from the current texts (keyed by path relative to
 * the project root, '/'-separated; null: the file does not exist). Pure: the caller reads the
 * files first and writes the result. Files the plan leaves as they were are left out.
 */
export function applyChanges(style: OverrideStyle, changes: readonly PlannedChange[], files: ReadonlyMap<string, string | null>): Map<string, string> {
  const texts = new Map<string, string | null>();
  const read = (file: string) => (texts.has(file) ? texts.get(file)! : (files.get(file) ?? null));
  const declared = new Map<string, DeclaredVersion[]>();
  for (const c of changes) {
    if (c.kind !== 'declared') continue;
    const file = manifestOf(c.importer);
    declared.set(file, [...(declared.get(file) ?? []), { section: c.section, key: c.key, spec: c.toSpec }]);
  }
  for (const [file, edits] of declared) {
    const text = read(file);
    if (text !== null) texts.set(file, writeDeclaredVersions(text, edits));
  }
  const writer = OVERRIDE_WRITERS[style];
  // With other copies of the name in the tree (debug 2.x beside a compromised 4.4.2), a bare name
  // would force those to the target too; npm and pnpm take `name@range` keys that apply only to
  // dependents whose declared range can reach the affected versions (both test for intersection).
  const key = (c: PlannedChange & { kind: 'override' }) => (c.others && writer.selectors ? `${c.name}@${c.from.join(' || ')}` : c.name);
  const pins: Pin[] = changes.flatMap((c) => (c.kind === 'override' ? [{ name: key(c), version: c.to }] : []));
  if (pins.length) {
    texts.set(writer.file, writer.write(read(writer.file), pins));
  }
  const out = new Map<string, string>();
  for (const [file, text] of texts) if (text !== null && text !== files.get(file)) out.set(file, text);
  return out;
}

/** The package.json of an importer ('' is the root). */
export function manifestOf(importer: string): string {
  return importer === '' ? 'package.json' : posix.join(importer, 'package.json');
}
