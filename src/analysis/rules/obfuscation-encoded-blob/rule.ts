import { gunzipSync, inflateSync } from 'node:zlib';
import type { Rule } from '../../types.js';
import { preview, withText } from '../_static/visitors.js';

const MIN_LENGTH = 160;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** What code and shell scripts are made of: two different ones make the decoded text a program. */
const CODE_MARKS: readonly RegExp[] = [/\brequire\s*\(/, /\bfunction\s*\w*\s*\(/, /=>/, /child_process/, /\beval\s*\(/, /\bexec(?:Sync)?\s*\(/, /https?:\/\//, /process\.env/, /\bimport\s+[\w{*]/, /module\.exports/, /\bdocument\./, /\bwindow\./, /\bcurl\s/, /\bwget\s/, /powershell/i, /^#!\//m, /\bnew\s+Function\b/, /\bfetch\s*\(/];

/**
 * A long base64 or hex string literal that decodes (through up to three layers, gzip included) to
 * JavaScript or a shell script: a payload shipped as data so that nothing in the source reads like
 * code (node-ipc hid its URL in base64; droppers ship their second stage this way). Images, fonts,
 * WebAssembly and other binary blobs decode to binary and are not reported; `data:` URIs (inline
 * workers, assets) are an embedding format and do not match (the literal must be only the blob); source maps are skipped. Text layer:
 * a blob is textual by nature, and payload files that do not parse are still checked.
 */
export const rule: Rule = {
  meta: {
    id: 'obfuscation-encoded-blob',
    severity: 'high',
    category: 'obfuscation',
    confidence: 'medium',
    description: 'A long base64/hex string literal that decodes to JavaScript or a shell script (a payload hidden as data)',
    textOnly: true,
  },
  create(ctx) {
    return withText((text) => {
        let reported = 0;
        BLOB.lastIndex = 0;
        for (const m of text.matchAll(BLOB)) {
          const value = m[2]!;
          const code = decodeToCode(value);
          if (code === undefined) continue;
          ctx.report({ offset: m.index, message: `a ${value.length}-character encoded string decodes to code: "${preview(code, 70)}"` });
          if (++reported >= 3) return;
        }
    });
  },
};

/** A quoted run of base64 or hex characters (a string literal that is only a blob). */
const BLOB = new RegExp(`(['"\`])([A-Za-z0-9+/]{${MIN_LENGTH},}={0,2})\\1`, 'g');

/** The decoded text if the value is an encoding of a program, else undefined. */
export function decodeToCode(value: string, layer = 0): string | undefined {
  if (layer > 3) return undefined;
  const compact = value.replace(/[\r\n]/g, '');
  let bytes: Buffer;
  if (HEX.test(compact) && compact.length >= MIN_LENGTH) bytes = Buffer.from(compact, 'hex');
  else if (BASE64.test(value) && compact.length >= MIN_LENGTH && /[a-z]/.test(compact) && /[A-Z]/.test(compact)) bytes = Buffer.from(compact, 'base64');
  else return undefined;
  bytes = inflate(bytes);
  const text = bytes.subarray(0, 1 << 20).toString('utf8');
  const head = text.slice(0, 4096);
  const printable = head.match(/[\t\n\r\x20-\x7e]/g)?.length ?? 0;
  if (printable < head.length * 0.95) return undefined;
  if (/^\s*\{\s*"version"\s*:\s*3/.test(head)) return undefined; // a source map
  const trimmed = text.trim();
  if (BASE64.test(trimmed) || HEX.test(trimmed)) return decodeToCode(trimmed, layer + 1);
  const marks = CODE_MARKS.filter((re) => re.test(text)).length;
  return marks >= 2 ? text : undefined;
}

function inflate(bytes: Buffer): Buffer {
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes, { maxOutputLength: 1 << 22 });
    if (bytes[0] === 0x78 && (bytes[1] === 0x9c || bytes[1] === 0xda || bytes[1] === 0x01)) return inflateSync(bytes, { maxOutputLength: 1 << 22 });
  } catch {
    // Not compressed after all: judge the bytes as they are.
  }
  return bytes;
}
