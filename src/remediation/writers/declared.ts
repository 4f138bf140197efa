import type { DependencySection } from '../types.js';
import { editJson } from './json.js';

export interface DeclaredVersion {
  section: DependencySection;
  /** The key in the section (the alias for an `npm:` alias). */
  key: string;
  spec: string;
}

/** A direct dependency's declared version, changed where the importer's package.json declares it. */
export function writeDeclaredVersions(text: string, edits: readonly DeclaredVersion[]): string {
  return editJson(text, edits.map((e) => ({ path: [e.section, e.key], value: e.spec })));
}
