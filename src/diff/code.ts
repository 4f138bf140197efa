import { analyzePackage, type Finding, type PackageAnalysis, type Rule } from '../analysis/index.js';
import type { SideFiles } from './files.js';
import type { CodeDelta, FileDelta, ReleaseSide } from './types.js';

/** JavaScript the engine and the blob check read; `.d.ts` only declares types. */
const SCRIPT = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** A line this long is minified or generated, not written by hand. */
const BLOB_LINE = 1000;
/** An inline source map is one long line of base64 data, not code. */
const SOURCE_MAP_LINE = /^\s*\/\/[#@] sourceMappingURL=/;

export interface CodeResult {
  /** Findings in `to` that `from` did not have. */
  findings: Finding[];
  code: CodeDelta;
}

/**
 * The engine on both sides, over only what changed: `to` over its added and changed files,
 * `from` over the changed files in which `to` has findings that count, the manifest rules on both whole
 * packages. A finding is new
 * when `from` has no finding of the same rule, in the same file (through a rename), with the
 * same message once numbers are taken out (line numbers and sizes move between releases).
 */
export async function codeDelta(from: SideFiles, to: SideFiles, delta: FileDelta, analyze: SideAnalyzer): Promise<CodeResult> {
  const renamedFrom = new Map(delta.renamed.map((r) => [r.to, r.from]));
  const toScope = [...delta.added.filter((p) => !renamedFrom.has(p)), ...delta.changed].sort();
  const after = await analyze(to.side, toScope);
  // `from` is parsed only where it can discount a finding that counts for the verdict. A changed
  // file whose findings in `to` are all weak (typescript's 9 MB lib has a computed require) is
  // compared by text instead: a finding whose matched code was already in the old file is old.
  // Parsing is most of the cost, so a release of big files is parsed once, not twice.
  const changed = new Set(delta.changed);
  const decisiveIn = new Set(after.findings.filter((f) => changed.has(f.file) && decisive(f)).map((f) => f.file));
  const before = await analyze(from.side, [...decisiveIn].sort());
  const weak = after.findings.filter((f) => changed.has(f.file) && !decisiveIn.has(f.file));
  const weakOld = new Set(weak.filter((f) => snippetIn(f.snippet, from.text(f.file))));
  const findings = newFindings(before.findings, after.findings.filter((f) => !weakOld.has(f)), (file) => renamedFrom.get(file) ?? file);

  const fromExecutables = new Set(from.side.executables);
  const newExecutables = to.side.executables.filter((p) => !fromExecutables.has(p)).sort();
  const changedExecutables = to.side.executables.filter((p) => fromExecutables.has(p) && changed.has(p)).sort();

  return {
    findings,
    code: {
      newExecutables,
      changedExecutables,
      newBlobs: newBlobs(from, to, toScope, before.findings, findings),
      analyzed: { from: before.stats.files, to: after.stats.files },
    },
  };
}

/**
 * The detection engine over one side: the per-file pass over `files` only, the manifest hooks over
 * the whole package (install scripts and the files they run need the full file list). The app
 * may pass one that spreads a big release over worker threads; the default runs in this thread.
 */
export type SideAnalyzer = (side: ReleaseSide, files: readonly string[]) => Promise<PackageAnalysis>;

/** The default {@link SideAnalyzer}: in this thread, reading through the diff's own file cache. */
export function analyzeInThread(readers: readonly SideFiles[], rules: readonly Rule[]): SideAnalyzer {
  return async (side, files) => {
    const reader = readers.find((r) => r.side === side)!;
    const { name, version, manifest, files: all, executables, label } = side;
    return analyzePackage({ name, version, manifest, files: all, executables }, { rules, path: label, files, readFile: (path) => reader.text(path) });
  };
}

/**
 * Findings of `after` with no counterpart in `before`. Counterparts are matched on rule, file and
 * number-free message; among those, one with the same snippet first (so when a file gains a
 * second `eval`, the new one is the one reported), then any.
 */
export function newFindings(before: readonly Finding[], after: readonly Finding[], originOf: (file: string) => string = (f) => f): Finding[] {
  const pool = new Map<string, Finding[]>();
  for (const f of before) {
    const k = key(f, f.file);
    const list = pool.get(k);
    if (list) list.push(f);
    else pool.set(k, [f]);
  }
  const unmatched: Finding[] = [];
  for (const f of after) {
    const list = pool.get(key(f, originOf(f.file)));
    const i = list?.findIndex((b) => sameSnippet(b, f)) ?? -1;
    if (i >= 0) list!.splice(i, 1);
    else unmatched.push(f);
  }
  return unmatched.filter((f) => {
    const list = pool.get(key(f, originOf(f.file)));
    if (!list?.length) return true;
    list.shift();
    return false;
  });
}

/** A finding the verdict can rest on (see analysis/verdict.ts): not a low-confidence capability. */
function decisive(f: Finding): boolean {
  return f.confidence !== 'low' || f.category === 'obfuscation' || f.severity === 'critical';
}

/** Whether every piece of a snippet (cut with `…` around the match) is in the old text. */
function snippetIn(snippet: string, old: string | undefined): boolean {
  if (old === undefined) return false;
  const pieces = snippet.split('…').map((p) => p.trim()).filter((p) => p.length > 0);
  return pieces.length > 0 && pieces.every((p) => old.includes(p));
}

function key(f: Finding, file: string): string {
  return `${f.rule}\u0000${file}\u0000${f.message.replace(/\d+(?:[.,]\d+)*/g, '#')}`;
}

function sameSnippet(a: Finding, b: Finding): boolean {
  return a.snippet.replace(/\s+/g, ' ').trim() === b.snippet.replace(/\s+/g, ' ').trim();
}

/**
 * Minified or obfuscated JavaScript that arrives in a package that had none: the Shai-Hulud
 * releases added a 3 MB one-line `bundle.js` to packages of plain source. A package that already
 * shipped minified files (most build output) gets nothing here: there the engine's findings speak.
 */
function newBlobs(from: SideFiles, to: SideFiles, scope: string[], fromFindings: readonly Finding[], found: readonly Finding[]): CodeDelta['newBlobs'] {
  const obfuscated = new Set(found.filter((f) => f.category === 'obfuscation').map((f) => f.file));
  const candidates = scope
    .filter((p) => SCRIPT.test(p) && !DECLARATION.test(p))
    .map((path) => ({ path, longestLine: longestCodeLine(to.text(path)), obfuscated: obfuscated.has(path), bytes: to.size(path) ?? 0 }))
    .filter((c) => c.longestLine >= BLOB_LINE || c.obfuscated);
  if (candidates.length === 0) return [];
  if (fromFindings.some((f) => f.category === 'obfuscation')) return [];
  for (const path of from.side.files) {
    if (SCRIPT.test(path) && !DECLARATION.test(path) && longestCodeLine(from.text(path)) >= BLOB_LINE) return [];
  }
  return candidates;
}

function longestCodeLine(text: string | undefined): number {
  if (text === undefined || text.length < BLOB_LINE) return 0;
  let longest = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > longest && !SOURCE_MAP_LINE.test(text.slice(start, start + 40))) longest = end - start;
    start = end + 1;
  }
  return longest;
}
