import type { Advisory, AdvisoryIndex } from './types.js';

/**
 * An AdvisoryIndex over advisories held in memory (the curated incidents, test data): each
 * advisory is filed under every package name it affects, so a lookup costs one Map get per name.
 */
export function createAdvisoryIndex(advisories: Iterable<Advisory>): AdvisoryIndex {
  const byName = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    for (const name of new Set(advisory.affected.map((a) => a.name))) {
      const list = byName.get(name);
      if (list) list.push(advisory);
      else byName.set(name, [advisory]);
    }
  }
  return {
    lookup(names) {
      const found = new Map<string, Advisory[]>();
      for (const name of names) {
        const list = byName.get(name);
        if (list) found.set(name, list);
      }
      return found;
    },
  };
}
