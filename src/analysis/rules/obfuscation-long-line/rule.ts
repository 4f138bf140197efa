import type { Rule } from '../../types.js';
import { withText } from '../_static/visitors.js';

/** Files that are build output by where they live or what they are called: long lines are normal there. */
const BUILD_OUTPUT = /(?:^|\/)(?:dist|build|umd|cjs|esm|es|bundles?|vendor|min|out|browser|lib-cov|_?bundle)\/|\.min\.[cm]?js$|[.-](?:bundle|umd|prod|production|min)\.[cm]?js$/;
const LONG = 1500;
const MIN_LINES = 8;

/**
 * One very long line of code in an otherwise hand-written file: the chalk/debug 2025 payload was a
 * single obfuscated line appended to `index.js` (debug's `src/index.js` grew from 314 B to 76 KB).
 * Minified bundles are long throughout and live in `dist/` or `*.min.js`; data (a long string, a
 * number table, a regex) is not code. So the line must be code-dense (calls and statements, not
 * quoted text), the rest of the file short-lined, and the file not build output.
 */
export const rule: Rule = {
  meta: {
    id: 'obfuscation-long-line',
    severity: 'medium',
    category: 'obfuscation',
    confidence: 'medium',
    description: 'A very long line of dense code in an otherwise plain, hand-written file (code appended to a normal source file)',
    textOnly: true,
  },
  create(ctx) {
    if (BUILD_OUTPUT.test(ctx.file.path)) return {};
    return withText((text) => {
        if (text.length < LONG) return;
        // Line lengths by scanning for newlines, not by splitting: every file of a tree passes
        // here, and a split would make a string of each of its lines. More than two long lines:
        // not one appended line, so the scan stops there.
        const long: { line: number; start: number; end: number }[] = [];
        const lengths: number[] = [];
        for (let start = 0, line = 0; ; line++) {
          const newline = text.indexOf('\n', start);
          const end = newline === -1 ? text.length : newline;
          if (end - start < LONG) lengths.push(end - start);
          else if (long.push({ line, start, end }) > 2) return;
          if (newline === -1) break;
          start = newline + 1;
        }
        if (long.length === 0 || long.length + lengths.length < MIN_LINES || lengths.length < MIN_LINES - 1) return;
        lengths.sort((a, b) => a - b);
        const p95 = lengths[Math.floor(lengths.length * 0.95)] ?? 0;
        const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
        if (p95 > 160 || median > 80) return;
        for (const { line: i, start, end } of long) {
          const line = text.slice(start, end);
          const trimmed = line.trimStart();
          if (trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*')) continue;
          if (!minifiedCode(line)) continue;
          ctx.report({ offset: start, message: `line ${i + 1} is ${line.length} characters of dense code in a file whose other lines are short (median ${median}): code appended to a hand-written file` });
          return;
        }
    });
  },
};

/**
 * Minified or obfuscated code, judged outside string and regex literals: dense in calls and statements
 * (data such as a long string, a number table or JSON is not), and almost without spaces (a long
 * generated but formatted line, `a || b || c` or `f("x", 1), f("y", 2)`, has one every few characters).
 */
function minifiedCode(line: string): boolean {
  const stripped = line
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""')
    // Regex literals (after an operator or an opening bracket): a long URL or Unicode pattern is data too.
    .replace(/([=(,:[!&|?{};]\s*)\/(?![*/])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[a-z]*/g, '$1/x/');
  if (stripped.length < line.length * 0.4) return false;
  const marks = stripped.match(/[(;]/g)?.length ?? 0;
  const spaces = stripped.match(/\s/g)?.length ?? 0;
  return (marks * 100) / stripped.length >= 3 && spaces / stripped.length < 0.06;
}
