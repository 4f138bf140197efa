import type { Finding, RuleCategory, Verdict } from './types.js';

/**
 * Categories that act on the outside world or on secrets. Obfuscation alone is suspicious (many
 * minified and protected libraries look like it); obfuscation that hides one of these is what
 * the chalk/debug and rand-user-agent payloads were.
 */
const HARMFUL: ReadonlySet<RuleCategory> = new Set(['wallet-hijack', 'exfiltration', 'credential-harvesting', 'dynamic-code', 'install-script', 'ci-worm', 'destructive', 'binary']);

/** Pairs that are an attack together even when each alone is a common capability. */
const ATTACK_PAIRS: readonly [RuleCategory, RuleCategory, string][] = [
  ['obfuscation', 'wallet-hijack', 'obfuscated code hooks wallet or network APIs'],
  ['obfuscation', 'exfiltration', 'obfuscated code sends data out'],
  ['obfuscation', 'dynamic-code', 'obfuscated code builds and runs code at runtime'],
  ['obfuscation', 'credential-harvesting', 'obfuscated code reads credentials'],
  ['obfuscation', 'install-script', 'an install script runs obfuscated code'],
  ['credential-harvesting', 'exfiltration', 'credentials are read and sent out'],
  ['install-script', 'exfiltration', 'an install script sends data out'],
  ['install-script', 'credential-harvesting', 'an install script reads credentials'],
  ['install-script', 'binary', 'an install script fetches or runs an executable'],
  ['ci-worm', 'credential-harvesting', 'npm or GitHub tokens are used to spread'],
];

/**
 * The package verdict from its findings, with the reasons that decided it:
 * - malicious: a high-confidence finding of high or critical severity (an IOC, a wallet-address
 *   swap, a download-and-run install script), or two categories that make an attack together;
 * - suspicious: obfuscation or any other medium- or high-confidence finding;
 * - clean: nothing, or only low-confidence capabilities (an eval in a template engine).
 */
export function decideVerdict(findings: readonly Finding[]): { verdict: Verdict; reasons: string[] } {
  const signals = findings.filter((f) => f.severity !== 'info' && f.category !== 'unparseable');
  const malicious: string[] = [];
  for (const f of signals) {
    if (f.confidence === 'high' && (f.severity === 'critical' || f.severity === 'high')) malicious.push(`${f.rule}: ${f.message} (${f.file}${f.line ? `:${f.line}` : ''})`);
  }
  const categories = new Set(signals.filter((f) => f.confidence !== 'low' || f.category === 'obfuscation').map((f) => f.category));
  for (const [a, b, why] of ATTACK_PAIRS) if (categories.has(a) && categories.has(b)) malicious.push(`${why} (${a} + ${b})`);
  if (malicious.length) return { verdict: 'malicious', reasons: unique(malicious) };

  const suspicious = signals
    .filter((f) => f.confidence !== 'low' || f.category === 'obfuscation' || (HARMFUL.has(f.category) && f.severity === 'critical'))
    .map((f) => `${f.rule}: ${f.message} (${f.file}${f.line ? `:${f.line}` : ''})`);
  if (suspicious.length) return { verdict: 'suspicious', reasons: unique(suspicious) };
  return { verdict: 'clean', reasons: [] };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
