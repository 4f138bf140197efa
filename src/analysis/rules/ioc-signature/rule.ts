import { iocMatcher } from '../../ioc/index.js';
import type { IocTextHit, LoadedSignature } from '../../ioc/index.js';
import type { Severity } from '../../../core/index.js';
import type { Rule } from '../../types.js';

/**
 * Exact indicators of known incidents (data/ioc/*.json): attacker wallets, hosts, URLs, unique
 * payload strings and file names. A hit names the incident and the signature, so the reader can
 * look it up; it needs no other evidence (confidence high).
 *
 * Text signatures are matched in every file the engine hands to `onText`, and, in `checkPackage`,
 * in package.json and the script files the JavaScript layer does not read (SCRIPT_FILES).
 * Filename signatures are matched against the package's file list. sha256 signatures need the
 * file's hash, which the engine computes: it calls `iocMatcher().matchHash` itself.
 */
export const rule: Rule = {
  meta: {
    id: 'ioc-signature',
    severity: 'critical',
    category: 'ioc',
    confidence: 'high',
    description: 'Matches exact indicators (wallets, hosts, URLs, payload strings, file names) of known supply-chain incidents',
    textOnly: true,
    // The matcher's own literals: a file with none of them is not even decoded. The rule only
    // reads text, so it never causes a parse. A getter: the signatures load on first use.
    get needles() {
      return iocMatcher().needles;
    },
  },
  create(ctx) {
    const onText = (text: string) => {
      for (const hit of firstPerSignature(iocMatcher().matchText(text))) {
        ctx.report({ message: describe(hit.signature), offset: hit.offset, evidence: hit.match, ...weight(hit.signature) });
      }
    };
    return { onText };
  },
  checkPackage(ctx) {
    const matcher = iocMatcher();
    for (const { signature, path } of matcher.matchFiles(ctx.pkg.files)) {
      const company = signature.with ? ` (with ${signature.with.join(', ')})` : '';
      ctx.report({ file: path, message: `${describe(signature)}: file ${path}${company}`, evidence: path, ...weight(signature) });
    }
    for (const path of ctx.pkg.files) {
      if (path !== 'package.json' && !SCRIPT_FILES.test(path)) continue;
      const text = ctx.readFile(path);
      if (text === undefined) continue;
      for (const hit of firstPerSignature(matcher.matchText(text))) {
        ctx.report({ file: path, message: describe(hit.signature), offset: hit.offset, evidence: hit.match, ...weight(hit.signature) });
      }
    }
  },
};

/**
 * Each signature's own weight: an indicator the research took from the payload itself (primary) is
 * as sure as a finding gets; one only a secondary source reports is a lead, not a verdict.
 */
function weight(signature: LoadedSignature): { severity: Severity; confidence: 'high' | 'medium' } {
  return { severity: signature.severity, confidence: signature.basis === 'primary' ? 'high' : 'medium' };
}

/**
 * Text files the engine's file layer does not pass to rules (it reads JavaScript and TypeScript):
 * shell, batch, PowerShell, VBScript and Python droppers, and workflow files a worm writes.
 */
export const SCRIPT_FILES = /\.(?:sh|bash|bat|cmd|ps1|vbs|py|ya?ml)$/i;

/** One finding per signature per file: the first place is enough to find the rest. */
function firstPerSignature(hits: readonly IocTextHit[]): IocTextHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.signature.id) && seen.add(h.signature.id));
}

function describe(s: LoadedSignature): string {
  const also = s.related.length ? `; same payload as ${s.related.join(', ')}` : '';
  const basis = s.basis === 'secondary' ? ' (secondary source)' : '';
  return `matches ${s.incident} indicator ${s.id}: ${s.note}${basis}${also}`;
}
