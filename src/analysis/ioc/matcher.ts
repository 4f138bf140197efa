import { createLiteralScanner } from '../literal-scanner.js';
import type { IocFile, IocFileHit, IocTextHit, LoadedSignature } from './types.js';

/**
 * Every IOC signature compiled once into three lookups: one literal scanner over all text
 * indicators (strings, hosts, URLs, wallets and the needles of regexes), a hash table for
 * sha256 signatures and a path table for filename signatures.
 */
export interface IocMatcher {
  readonly signatures: readonly LoadedSignature[];
  /** Literals of which a file must contain one to hit any text signature: a prefilter for the engine. */
  readonly needles: readonly string[];
  /** Every text signature hit in a file's text, by offset (a signature may hit several times). */
  matchText(text: string): IocTextHit[];
  /** Signatures whose value is this file hash (hex, either case). */
  matchHash(sha256hex: string): LoadedSignature[];
  /** Filename signatures that this one path satisfies on its own (those without a `with` list). */
  matchFile(path: string): LoadedSignature[];
  /** Filename signatures a package's file list satisfies, `with` paths included. */
  matchFiles(paths: readonly string[]): IocFileHit[];
}

/** What a literal occurrence means: a direct hit if its surroundings pass `accept`, or "run this regex". */
type Owner = { signature: LoadedSignature; accept: Boundary } | { signature: LoadedSignature; regex: RegExp };
type Boundary = (text: string, start: number, end: number) => boolean;

export function createIocMatcher(files: readonly IocFile[]): IocMatcher {
  const signatures: LoadedSignature[] = files.flatMap((f) =>
    f.signatures.map((s) => ({ ...s, incident: f.incident, related: f.related, references: f.references })),
  );
  const owners = new Map<string, Owner[]>();
  const own = (literal: string, owner: Owner) => {
    const list = owners.get(literal);
    if (list) list.push(owner);
    else owners.set(literal, [owner]);
  };
  const hashes = new Map<string, LoadedSignature[]>();
  const paths = new Map<string, LoadedSignature[]>();
  for (const signature of signatures) {
    switch (signature.kind) {
      case 'sha256':
        push(hashes, signature.value, signature);
        break;
      case 'filename':
        push(paths, signature.value, signature);
        break;
      case 'regex': {
        const regex = new RegExp(signature.value, 'g');
        for (const needle of signature.needles ?? []) own(needle, { signature, regex });
        break;
      }
      default:
        for (const literal of variants(signature)) own(literal, { signature, accept: BOUNDARIES[signature.kind] });
    }
  }
  const needles = [...owners.keys()];
  const owning = needles.map((n) => owners.get(n)!);
  const scanner = createLiteralScanner(needles);

  function matchText(text: string): IocTextHit[] {
    const hits: IocTextHit[] = [];
    let regexes: Set<Owner & { regex: RegExp }> | undefined;
    scanner.scan(text, (offset, index) => {
      const end = offset + needles[index]!.length;
      for (const owner of owning[index]!) {
        if ('regex' in owner) (regexes ??= new Set()).add(owner);
        else if (owner.accept(text, offset, end)) hits.push({ signature: owner.signature, offset, match: needles[index]! });
      }
    });
    // A regex runs once per file, and only when one of its needles occurred.
    for (const { signature, regex } of regexes ?? []) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        if (m[0] === '') regex.lastIndex++;
        else hits.push({ signature, offset: m.index, match: m[0] });
      }
    }
    return regexes ? hits.sort((a, b) => a.offset - b.offset) : hits;
  }

  function matchFiles(list: readonly string[]): IocFileHit[] {
    let present: Set<string> | undefined;
    const hits: IocFileHit[] = [];
    for (const path of list) {
      for (const signature of paths.get(path) ?? []) {
        present ??= new Set(list);
        if ((signature.with ?? []).every((p) => present!.has(p))) hits.push({ signature, path });
      }
    }
    return hits;
  }

  return {
    signatures,
    needles,
    matchText,
    matchHash: (hex) => hashes.get(hex.toLowerCase()) ?? [],
    matchFile: (path) => (paths.get(path) ?? []).filter((s) => s.with === undefined),
    matchFiles,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Code writes 0x addresses in checksum case or all lower case; both are the same address. */
function variants(signature: LoadedSignature): string[] {
  const lower = signature.value.toLowerCase();
  return signature.kind === 'wallet' && /^0x[0-9a-fA-F]{40}$/.test(signature.value) && lower !== signature.value ? [signature.value, lower] : [signature.value];
}

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters that continue a host name label: letters, digits, '-' and (loosely) '_'. */
const isLabelCode = (c: number) => isWordCode(c) || c === 45 || c === 95;
const DOT = 46;

/**
 * A host matches as itself or as a subdomain (`www.npmjs.help`), not inside a longer label
 * (`xnpmjs.help`) or as the start of a longer name (`npmjs.help.example`); a trailing full stop
 * ending a sentence is fine.
 */
const host: Boundary = (text, start, end) => {
  if (start > 0 && isLabelCode(text.charCodeAt(start - 1))) return false;
  const next = text.charCodeAt(end);
  if (isLabelCode(next)) return false;
  return !(next === DOT && isLabelCode(text.charCodeAt(end + 1)));
};

const BOUNDARIES: Record<'string' | 'domain' | 'ip' | 'url' | 'wallet', Boundary> = {
  string: () => true,
  domain: host,
  /** A URL is host[:port]/path: the host as above, and the path must not run on into a longer id. */
  url: (text, start, end) => (start === 0 || !isLabelCode(text.charCodeAt(start - 1))) && !isLabelCode(text.charCodeAt(end)),
  /** Not part of a longer dotted number: 1.111.90.151.134 or 111.90.151.1345. */
  ip: (text, start, end) => {
    const before = text.charCodeAt(start - 1);
    if (start > 0 && (isDigit(before) || before === DOT)) return false;
    const after = text.charCodeAt(end);
    return !isDigit(after) && !(after === DOT && isDigit(text.charCodeAt(end + 1)));
  },
  /** An address is a whole word: a longer base58/hex run is another address. */
  wallet: (text, start, end) => (start === 0 || !isWordCode(text.charCodeAt(start - 1))) && !isWordCode(text.charCodeAt(end)),
};
