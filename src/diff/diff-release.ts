import { analyzeInThread, codeDelta } from './code.js';
import { fileDelta, SideFiles } from './files.js';
import { metadataDelta } from './metadata.js';
import { buildPatches, DEFAULT_CONTEXT_LINES, DEFAULT_MAX_PATCH_BYTES } from './patch.js';
import { decide, reasonsOf, signals } from './score.js';
import type { DiffOptions, ReleaseDiff, ReleaseSide } from './types.js';

/**
 * What changed between two releases of a package and whether the change looks like an attack:
 * the file delta with readable patches, the detection engine's findings that are new in `to`,
 * the metadata delta (publisher, provenance, install scripts, dependencies, size, cadence) and a
 * verdict with a score and its reasons. Pure: files come through each side's reader, "now" and
 * dependency facts come from the caller.
 */
export async function diffRelease(from: ReleaseSide, to: ReleaseSide, opts: DiffOptions): Promise<ReleaseDiff> {
  const a = new SideFiles(from);
  const b = new SideFiles(to);
  const files = fileDelta(a, b);
  const { findings, code } = await codeDelta(a, b, files, opts.analyze ?? analyzeInThread([a, b], opts.rules));
  const metadata = metadataDelta(a, b, {
    now: opts.now,
    ...(opts.dependencyFacts ? { dependencyFacts: opts.dependencyFacts } : {}),
    ...(opts.popularNames ? { popularNames: opts.popularNames } : {}),
  });
  // The files a reader needs to see first get the patch budget first.
  const first = new Set<string>(['package.json', ...findings.map((f) => f.file), ...code.newBlobs.map((x) => x.path)]);
  const { patches, summary } = buildPatches({
    from: a,
    to: b,
    delta: files,
    first,
    contextLines: opts.contextLines ?? DEFAULT_CONTEXT_LINES,
    maxBytes: opts.maxPatchBytes ?? DEFAULT_MAX_PATCH_BYTES,
  });
  const raised = signals({ from, to, findings, metadata, code });
  const { verdict, score } = decide(raised);
  return {
    name: to.name,
    from: from.version ?? from.label,
    to: to.version ?? to.label,
    labels: { from: from.label, to: to.label },
    verdict,
    score,
    reasons: reasonsOf(raised),
    signals: raised,
    files,
    findings,
    metadata,
    code,
    patches,
    patchSummary: summary,
  };
}
