/**
 * Host names in strings. A string may hold a full URL (`https://a.b/c`), a bare host
 * (`{ hostname: 'a.b' }`) or a host inside a command (`curl -d @- https://a.b`); rules look for
 * specific domains, so every host-shaped token of the string is returned.
 */
const HOST = /(?:^|[^a-z0-9-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?=$|[^a-z0-9-])/gi;

export function hostsIn(s: string): string[] {
  if (!s.includes('.')) return [];
  if (s.length > 8192) s = s.slice(0, 8192);
  const out: string[] = [];
  for (const m of s.matchAll(HOST)) out.push(m[1]!.toLowerCase());
  return out;
}

/** Whether `host` is `domain` or a subdomain of it. */
export function isUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain);
}
