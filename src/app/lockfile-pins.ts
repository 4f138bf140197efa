import { inventory } from './inventory.js';

/**
 * Every registry package the lockfiles under `path` pin, as name → versions (git, file and
 * workspace packages have no registry release to judge). A project that cannot be read is an error.
 */
export async function registryPins(path: string, cwd: string): Promise<Map<string, Set<string>>> {
  const { projects } = await inventory({ paths: [path], cwd });
  const byName = new Map<string, Set<string>>();
  for (const project of projects) {
    if (!project.ok) throw project.error;
    for (const node of project.graph.nodes()) {
      if (node.source === 'registry') byName.set(node.name, (byName.get(node.name) ?? new Set()).add(node.version));
    }
  }
  return byName;
}
