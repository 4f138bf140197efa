import { FILE_HEADERS_ONLY, formatPatch, structuredPatch, type StructuredPatch, type StructuredPatchHunk } from 'diff';
import type { SideFiles } from './files.js';
import type { FileDelta, FilePatch, PatchSummary } from './types.js';

export const DEFAULT_MAX_PATCH_BYTES = 256 * 1024;
export const DEFAULT_CONTEXT_LINES = 3;
/** Lines longer than this (minified code) are cut to a window around what changed. */
export const LONG_LINE = 300;
/** Characters kept on each side of the changed part of a long line. */
const MARGIN = 60;
/** Of a long unchanged (context) line, only its start is shown. */
const CONTEXT_HEAD = 100;
/** One file's patch gets at most this share of the budget, so one huge bundle cannot crowd out the rest. */
const FILE_SHARE = 4;
const MIN_FILE_BYTES = 16 * 1024;
/** Files of more lines than this are diffed with a bound on the edit length (Myers is O(N·D)). */
const BOUNDED_LINES = 5000;
const MAX_EDITS = 2000;

export interface PatchInput {
  from: SideFiles;
  to: SideFiles;
  delta: FileDelta;
  /** Files whose patches get the budget first (those with new findings, the manifest). */
  first: ReadonlySet<string>;
  contextLines: number;
  maxBytes: number;
}

/**
 * A readable unified diff per added, removed and changed file, within a byte budget. Binary
 * files are reported by size. Minified lines are cut around the change with `…` so a one-line
 * bundle does not become a 3 MB patch; budget goes to the files that matter first, the rest are
 * listed without text and the summary says so.
 */
export function buildPatches(input: PatchInput): { patches: FilePatch[]; summary: PatchSummary } {
  const { from, to, delta, maxBytes } = input;
  const renamedTo = new Map(delta.renamed.map((r) => [r.to, r.from]));
  const renamedFrom = new Set(delta.renamed.map((r) => r.from));
  const entries: { path: string; status: FilePatch['status'] }[] = [
    ...delta.added.map((path) => ({ path, status: 'added' as const })),
    ...delta.removed.filter((p) => !renamedFrom.has(p)).map((path) => ({ path, status: 'removed' as const })),
    ...delta.changed.map((path) => ({ path, status: 'changed' as const })),
  ].sort((a, b) => compare(a.path, b.path));
  const order = [...entries].sort((a, b) => Number(!input.first.has(a.path)) - Number(!input.first.has(b.path)) || compare(a.path, b.path));

  const perFile = Math.max(MIN_FILE_BYTES, Math.floor(maxBytes / FILE_SHARE));
  let remaining = maxBytes;
  let truncated = false;
  let omittedFiles = 0;
  const byPath = new Map<string, FilePatch>();
  for (const { path, status } of order) {
    const oldSize = status === 'added' ? null : from.size(path);
    const newSize = status === 'removed' ? null : to.size(path);
    const base = { path, status, binary: false, oldSize, newSize };
    const source = renamedTo.get(path);
    if (source !== undefined) {
      const text = `rename from ${source}\nrename to ${path}\n`;
      remaining -= Buffer.byteLength(text);
      byPath.set(path, { ...base, additions: 0, deletions: 0, text });
      continue;
    }
    if ((status !== 'added' && from.isBinary(path)) || (status !== 'removed' && to.isBinary(path))) {
      byPath.set(path, { ...base, binary: true, additions: null, deletions: null, omitted: 'binary' });
      continue;
    }
    const oldText = status === 'added' ? '' : from.text(path);
    const newText = status === 'removed' ? '' : to.text(path);
    if (oldText === undefined || newText === undefined) {
      byPath.set(path, { ...base, additions: null, deletions: null, omitted: 'unreadable' });
      continue;
    }
    if (remaining <= 0) {
      truncated = true;
      omittedFiles++;
      byPath.set(path, { ...base, additions: null, deletions: null, omitted: 'budget' });
      continue;
    }
    const patch = filePatch(path, status, oldText, newText, input.contextLines);
    if (!patch) {
      byPath.set(path, { ...base, additions: null, deletions: null, omitted: 'too-many-changes' });
      continue;
    }
    let additions = 0;
    let deletions = 0;
    for (const hunk of patch.hunks) {
      for (const line of hunk.lines) {
        if (line[0] === '+') additions++;
        else if (line[0] === '-') deletions++;
      }
      hunk.lines = cutLongLines(hunk.lines);
    }
    let text = formatPatch(patch, FILE_HEADERS_ONLY);
    const limit = Math.min(perFile, remaining);
    let cut = false;
    if (Buffer.byteLength(text) > limit) {
      text = cutText(text, limit);
      cut = true;
      truncated = true;
    }
    remaining -= Buffer.byteLength(text);
    byPath.set(path, { ...base, additions, deletions, text, ...(cut ? { omitted: 'cut' as const } : {}) });
  }
  const patches = entries.map((e) => byPath.get(e.path)!);
  const bytes = patches.reduce((n, p) => n + (p.text ? Buffer.byteLength(p.text) : 0), 0);
  return { patches, summary: { bytes, maxBytes, truncated, omittedFiles } };
}

/**
 * The structured patch of one file, or undefined when the edit is too large to compute in
 * bounded time. Lines common to both ends are cut off first (the usual release changes a few
 * places of a big file), so Myers runs on the middle only.
 */
function filePatch(path: string, status: FilePatch['status'], oldText: string, newText: string, context: number): StructuredPatch | undefined {
  const oldName = status === 'added' ? '/dev/null' : `a/${path}`;
  const newName = status === 'removed' ? '/dev/null' : `b/${path}`;
  if (status !== 'changed') return wholeFile(oldName, newName, status === 'added' ? newText : oldText, status === 'added' ? '+' : '-');

  const a = lineStarts(oldText);
  const b = lineStarts(newText);
  let head = 0;
  while (head < a.length - 1 && head < b.length - 1 && lineAt(oldText, a, head) === lineAt(newText, b, head)) head++;
  let tail = 0;
  while (tail < a.length - 1 - head && tail < b.length - 1 - head && lineAt(oldText, a, a.length - 2 - tail) === lineAt(newText, b, b.length - 2 - tail)) tail++;
  const lo = Math.max(0, head - context);
  const hiA = Math.min(a.length - 1, a.length - 1 - tail + context);
  const hiB = Math.min(b.length - 1, b.length - 1 - tail + context);
  const oldMiddle = oldText.slice(a[lo], a[hiA]);
  const newMiddle = newText.slice(b[lo], b[hiB]);
  const bounded = hiA - lo > BOUNDED_LINES || hiB - lo > BOUNDED_LINES;
  const patch = structuredPatch(oldName, newName, oldMiddle, newMiddle, undefined, undefined, { context, ...(bounded ? { maxEditLength: MAX_EDITS } : {}) });
  if (!patch) return undefined;
  for (const hunk of patch.hunks) {
    hunk.oldStart += lo;
    hunk.newStart += lo;
  }
  return patch;
}

/**
 * Offsets where each line starts, plus the text's length: line i is [s[i], s[i+1]) with its
 * newline. A text without a final newline has a last line without one.
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts.at(-1) !== text.length) starts.push(text.length);
  return starts;
}

function lineAt(text: string, starts: number[], i: number): string {
  return text.slice(starts[i], starts[i + 1]);
}

/** An added or removed file: one hunk of all its lines (no diff to compute). */
function wholeFile(oldName: string, newName: string, text: string, mark: '+' | '-'): StructuredPatch {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const hunkLines = lines.map((l) => mark + l);
  if (text.length > 0 && !endsWithNewline) hunkLines.push('\\ No newline at end of file');
  const n = text.length === 0 ? 0 : lines.length;
  const hunk: StructuredPatchHunk =
    // jsdiff prints an empty side's start one lower (`@@ -0,0 +1,3 @@`), as diff(1) does.
    mark === '+' ? { oldStart: 1, oldLines: 0, newStart: 1, newLines: n, lines: hunkLines } : { oldStart: 1, oldLines: n, newStart: 1, newLines: 0, lines: hunkLines };
  return { oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks: n === 0 ? [] : [hunk] };
}

/**
 * Long lines of a hunk, cut: a removed line and the added line that replaces it (paired in
 * order within a change block) each keep the part that differs, with some characters around it;
 * a long line with no partner keeps its start and end; a long context line, its start.
 */
export function cutLongLines(lines: readonly string[]): string[] {
  const out = [...lines];
  let i = 0;
  while (i < out.length) {
    const line = out[i]!;
    if (line[0] !== '-' && line[0] !== '+') {
      if (line[0] === ' ' && line.length - 1 > LONG_LINE) out[i] = ` ${line.slice(1, 1 + CONTEXT_HEAD)}…`;
      i++;
      continue;
    }
    // A change block: removed lines, then added lines (jsdiff's order), `\` markers in between.
    const removed: number[] = [];
    const added: number[] = [];
    while (i < out.length && (out[i]![0] === '-' || out[i]![0] === '\\')) {
      if (out[i]![0] === '-') removed.push(i);
      i++;
    }
    while (i < out.length && (out[i]![0] === '+' || out[i]![0] === '\\')) {
      if (out[i]![0] === '+') added.push(i);
      i++;
    }
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const r = removed[k];
      const a = added[k];
      const oldLine = r === undefined ? undefined : out[r]!.slice(1);
      const newLine = a === undefined ? undefined : out[a]!.slice(1);
      if (oldLine !== undefined && newLine !== undefined) {
        const [p, s] = commonEnds(oldLine, newLine);
        out[r!] = `-${cutAround(oldLine, p, oldLine.length - s)}`;
        out[a!] = `+${cutAround(newLine, p, newLine.length - s)}`;
      } else if (oldLine !== undefined) {
        out[r!] = `-${cutAround(oldLine, 0, oldLine.length)}`;
      } else if (newLine !== undefined) {
        out[a!] = `+${cutAround(newLine, 0, newLine.length)}`;
      }
    }
  }
  return out;
}

/** Lengths of the common prefix and suffix of two strings (not overlapping in the shorter). */
function commonEnds(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return [p, s];
}

/**
 * A long line cut to the window around [start, end) (the part that changed), `…` where text was
 * left out. A changed part wider than the window keeps its start and its end.
 */
export function cutAround(line: string, start: number, end: number): string {
  if (line.length <= LONG_LINE) return line;
  const from = Math.max(0, start - MARGIN);
  const to = Math.min(line.length, Math.max(end, start) + MARGIN);
  const open = from > 0 ? '…' : '';
  const close = to < line.length ? '…' : '';
  if (to - from <= LONG_LINE) return `${open}${line.slice(from, to)}${close}`;
  const headLength = Math.floor((LONG_LINE * 2) / 3);
  return `${open}${line.slice(from, from + headLength)}…${line.slice(to - (LONG_LINE - headLength), to)}${close}`;
}

/** A patch cut at a line boundary below `limit` bytes, with a line saying how much is left out. */
function cutText(text: string, limit: number): string {
  let end = Math.min(text.length, limit);
  while (end > 0 && Buffer.byteLength(text.slice(0, end)) > limit) end = Math.floor(end * 0.9);
  const lastNewline = text.lastIndexOf('\n', end - 1);
  const kept = lastNewline >= 0 ? text.slice(0, lastNewline + 1) : '';
  const rest = text.slice(kept.length);
  const more = rest.split('\n').filter((l) => l.length > 0).length;
  return `${kept}… ${more} more line${more === 1 ? '' : 's'} of this patch not shown (patch size limit)\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
