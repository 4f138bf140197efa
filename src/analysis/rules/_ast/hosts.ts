/**
 * Host names in strings. A string may hold a full URL (`https://a.b/c`), a bare host
 * (`{ hostname: 'a.b' }`) or a host inside a command (`curl -d @- https://a.b`); rules look for
 * specific domains, so every host-shaped token of the string is returned.
 */
const HOST = /(?:^|[^a-z0-9-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?=$|[^a-z0-9-])/gi;

export function hostsIn(s: string): readonly string[] {
  // Several rules ask in turn about the same string (one shape handed to every listener).
  if (s === lastInput) return lastHosts;
  lastInput = s;
  lastHosts = NO_HOSTS;
  if (!s.includes('.')) return lastHosts;
  const cut = s.length > 8192 ? s.slice(0, 8192) : s;
  const out: string[] = [];
  for (const m of cut.matchAll(HOST)) out.push(m[1]!.toLowerCase());
  return (lastHosts = out);
}

const NO_HOSTS: readonly string[] = [];
let lastInput: string | undefined;
let lastHosts: readonly string[] = NO_HOSTS;

/** Whether `host` is `domain` or a subdomain of it. */
export function isUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain);
}
