/**
 * Which yarn wrote a `yarn.lock`. Both flavours share the file name, so detection and both
 * readers look at the first few kilobytes: berry starts with a `__metadata:` block, classic with
 * the `# yarn lockfile v1` header. Files stripped of those markers are told apart by the shape of
 * their first entry (`  resolution: "…"` is berry's YAML, `  version "…"` classic's own syntax).
 */
export type YarnFlavor = 'classic' | 'berry' | 'unknown';

const HEAD = 4096;

export function sniffYarnLockfile(text: string): YarnFlavor {
  const head = text.slice(0, HEAD);
  if (head.startsWith('__metadata:') || head.includes('\n__metadata:')) return 'berry';
  if (head.includes('# yarn lockfile v1')) return 'classic';
  if (head.includes('\n  resolution: ')) return 'berry';
  if (head.includes('\n  version "')) return 'classic';
  return 'unknown';
}
