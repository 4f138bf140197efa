import { parse } from 'jsonc-parser';
import { editJson, valueAt, type JsonEdit } from './json.js';

/** One exact version a package name is forced to. */
export interface Pin {
  name: string;
  version: string;
}

/**
 * Pins in a package.json object of overrides (`overrides`, `resolutions`, `pnpm.overrides`):
 * one key per name, the bare name so that every copy is covered. npm lets an entry be an object
 * of nested overrides, whose own version is its "." key: that key is set and the nested ones kept.
 */
export function writePackageJsonPins(text: string, at: readonly string[], pins: readonly Pin[]): string {
  const doc: unknown = parse(text);
  const edits: JsonEdit[] = pins.map((p) => {
    const existing = valueAt(doc, [...at, p.name]);
    const nested = typeof existing === 'object' && existing !== null && !Array.isArray(existing);
    return { path: nested ? [...at, p.name, '.'] : [...at, p.name], value: p.version };
  });
  return editJson(text, edits);
}

/** npm: `overrides` in the root package.json. */
export const writeNpmOverrides = (text: string, pins: readonly Pin[]) => writePackageJsonPins(text, ['overrides'], pins);

/** yarn (classic and berry): `resolutions` in the root package.json. */
export const writeYarnResolutions = (text: string, pins: readonly Pin[]) => writePackageJsonPins(text, ['resolutions'], pins);

/** bun: `overrides` in the root package.json (bun reads npm's field). */
export const writeBunOverrides = (text: string, pins: readonly Pin[]) => writePackageJsonPins(text, ['overrides'], pins);

/** pnpm before 10: `pnpm.overrides` in the root package.json. */
export const writePnpmPackageJsonOverrides = (text: string, pins: readonly Pin[]) => writePackageJsonPins(text, ['pnpm', 'overrides'], pins);
