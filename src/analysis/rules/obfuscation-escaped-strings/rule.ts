import type { Rule } from '../../types.js';
import { withText } from '../_static/visitors.js';

/**
 * Runs of `\xNN` / `\u00NN` escapes that spell ordinary letters and digits: `'\x63\x68\x69\x6c\x64'`
 * is `child`. Escaping printable ASCII serves no purpose except hiding words from a reader or a
 * grep; minifiers and compilers never do it (they escape control characters and non-ASCII, and
 * Unicode tables escape non-ASCII ranges, which are not counted). Character-class ranges like
 * `[\x30-\x39]` are broken up by `-` and do not form runs.
 */
const RUN = /(?:\\x[2-7][0-9a-fA-F]|\\u00[2-7][0-9a-fA-F]|\\u\{[2-7][0-9a-fA-F]\}){4,}/g;
const MIN_RUNS = 4;
const LONG_RUN = 16;

export const rule: Rule = {
  meta: {
    id: 'obfuscation-escaped-strings',
    severity: 'medium',
    category: 'obfuscation',
    confidence: 'medium',
    description: 'Strings written as runs of \\x/\\u escapes of ordinary letters and digits (hidden words)',
    textOnly: true,
    needles: ['\\x', '\\u00', '\\u{'],
  },
  create(ctx) {
    return withText((text) => {
        let runs = 0;
        let longest = '';
        let first: number | undefined;
        let escaped = 0;
        for (const m of text.matchAll(RUN)) {
          const decoded = decode(m[0]);
          // Mostly letters and digits: a word, not a table of punctuation.
          if ((decoded.match(/[A-Za-z0-9]/g)?.length ?? 0) < decoded.length * 0.75) continue;
          runs++;
          escaped += decoded.length;
          first ??= m.index;
          if (decoded.length > longest.length) longest = decoded;
        }
        if (first !== undefined && (runs >= MIN_RUNS || longest.length >= LONG_RUN)) {
          ctx.report({ offset: first, message: `${runs} strings of escaped ordinary characters (${escaped} characters), e.g. "${longest.slice(0, 40)}"` });
        }
    });
  },
};

function decode(run: string): string {
  return run.replace(/\\x([0-9a-fA-F]{2})|\\u00([0-9a-fA-F]{2})|\\u\{([0-9a-fA-F]+)\}/g, (_, a: string, b: string, c: string) => String.fromCharCode(parseInt(a ?? b ?? c, 16)));
}
