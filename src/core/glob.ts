/**
 * The package-name patterns of the install gate's policy (the config's `policy` key): a pattern
 * is a name or a glob where `*` stands for any run of characters, including none, except
 * `/`; every other character is literal. So `@myorg/*` matches `@myorg/a` but not `@myorg/a/b`,
 * `eslint-*` matches `eslint-config-x`, and `*` alone matches every unscoped name but no scoped one.
 */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  // `*` never crosses `/`, so the slashes of name and pattern pair up one to one.
  const names = name.split('/');
  const patterns = pattern.split('/');
  return names.length === patterns.length && patterns.every((p, i) => matchesSegment(names[i]!, p));
}

/** Wildcard match within one `/`-free segment. */
function matchesSegment(text: string, pattern: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return text === pattern;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // The middle literals, leftmost first: taking the earliest occurrence never rules out a later one.
  let at = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
