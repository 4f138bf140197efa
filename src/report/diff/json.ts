import { findingToJson } from '../inspect/render.js';
import type { MetadataDelta, NewDependency, Person, ReleaseDiff } from '../../diff/index.js';
import type { DiffReport, VerifyLockfileReport, VerifyResult } from './types.js';

/** Version of the diff and verify JSON documents; bumped only on a breaking change (docs/diff-json.md). */
export const DIFF_SCHEMA_VERSION = 1;

/**
 * `diff --format json` (docs/schemas/diff.schema.json). Stable keys (issue 5; other tools read
 * them): name, from, to, verdict, score, reasons, files.added/removed/changed, findings.
 *
 * Every object is built here key by key rather than passed through from the diff layer, so the
 * document changes only when this file does: optional fields become `null`, never a missing key
 * (except `predecessor`, which only `verify` sets, and a `Person`'s `email`).
 */
export function renderDiffJson(report: DiffReport): string {
  const doc = {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: report.tool,
    ...diffBody(report.diff),
    ...(report.predecessor
      ? { predecessor: { version: report.predecessor.version, publishedAt: report.predecessor.publishedAt ?? null, reason: report.predecessor.reason } }
      : {}),
    elapsedMs: Math.round(report.elapsedMs),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** `verify --lockfile --format json` (docs/schemas/verify.schema.json): each result carries its diff in the same shape. */
export function renderVerifyJson(report: VerifyLockfileReport): string {
  const doc = {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: report.tool,
    lockfile: report.lockfile,
    maxAgeDays: report.maxAgeDays,
    now: report.now,
    results: report.results.map((r) => ({
      name: r.name,
      version: r.version,
      publishedAt: r.publishedAt ?? null,
      status: verifyStatus(r),
      predecessor: r.predecessor ?? null,
      skipped: r.skipped ?? null,
      error: r.error ?? (verifyStatus(r) === 'error' ? 'no result' : null),
      diff: r.diff && !r.error && !r.skipped ? diffBody(r.diff) : null,
    })),
    summary: {
      packages: report.summary.packages ?? null,
      checked: report.summary.checked,
      malicious: report.summary.malicious,
      suspicious: report.summary.suspicious,
      clean: report.summary.clean,
      skipped: report.summary.skipped,
      errors: report.summary.errors,
      elapsedMs: Math.round(report.summary.elapsedMs),
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export type VerifyStatus = ReleaseDiff['verdict'] | 'skipped' | 'error';

/** One word per result: the diff's verdict, or why there is none. An entry with nothing in it is an error. */
export function verifyStatus(r: VerifyResult): VerifyStatus {
  if (r.error !== undefined) return 'error';
  if (r.skipped !== undefined) return 'skipped';
  return r.diff ? r.diff.verdict : 'error';
}

/** The diff itself, as both documents carry it. */
function diffBody(d: ReleaseDiff) {
  return {
    name: d.name,
    from: d.from,
    to: d.to,
    labels: { from: d.labels.from, to: d.labels.to },
    verdict: d.verdict,
    score: d.score,
    reasons: [...d.reasons],
    files: {
      added: [...d.files.added],
      removed: [...d.files.removed],
      changed: [...d.files.changed],
      renamed: d.files.renamed.map((r) => ({ from: r.from, to: r.to })),
    },
    findings: d.findings.map(findingToJson),
    metadata: metadataJson(d.metadata),
    code: {
      newExecutables: [...d.code.newExecutables],
      changedExecutables: [...d.code.changedExecutables],
      newBlobs: d.code.newBlobs.map((b) => ({ path: b.path, bytes: b.bytes, longestLine: b.longestLine, obfuscated: b.obfuscated })),
      analyzed: { from: d.code.analyzed.from, to: d.code.analyzed.to },
    },
    signals: d.signals.map((s) => ({ id: s.id, level: s.level, weight: s.weight, reason: s.reason })),
    patches: d.patches.map((p) => ({
      path: p.path,
      status: p.status,
      binary: p.binary,
      oldSize: p.oldSize,
      newSize: p.newSize,
      additions: p.additions,
      deletions: p.deletions,
      text: p.text ?? null,
      omitted: p.omitted ?? null,
    })),
    patchSummary: {
      bytes: d.patchSummary.bytes,
      maxBytes: d.patchSummary.maxBytes,
      truncated: d.patchSummary.truncated,
      omittedFiles: d.patchSummary.omittedFiles,
    },
  };
}

function person(p: Person) {
  return { name: p.name, ...(p.email ? { email: p.email } : {}) };
}

function metadataJson(m: MetadataDelta) {
  return {
    publisher: m.publisher
      ? {
          from: m.publisher.from ? person(m.publisher.from) : null,
          to: m.publisher.to ? person(m.publisher.to) : null,
          changed: m.publisher.changed,
          knownMaintainer: m.publisher.knownMaintainer,
        }
      : null,
    maintainers: m.maintainers ? { added: m.maintainers.added.map(person), removed: m.maintainers.removed.map(person) } : null,
    provenance: m.provenance
      ? {
          // Three states: an object (attested), null (published without), absent (the registry did not say).
          ...(m.provenance.from === undefined ? {} : { from: attestation(m.provenance.from) }),
          ...(m.provenance.to === undefined ? {} : { to: attestation(m.provenance.to) }),
          lost: m.provenance.lost,
          changed: m.provenance.changed,
        }
      : null,
    installScripts: m.installScripts.map((s) => ({
      hook: s.hook,
      change: s.change,
      from: s.from ?? null,
      to: s.to ?? null,
      implicit: s.implicit === true,
    })),
    dependencies: {
      added: m.dependencies.added.map(newDependency),
      removed: m.dependencies.removed.map((d) => ({ name: d.name, kind: d.kind, spec: d.spec })),
      changed: m.dependencies.changed.map((d) => ({ name: d.name, kind: d.kind, from: d.from, to: d.to })),
    },
    fields: m.fields.map((f) => ({ field: f.field, from: f.from ?? null, to: f.to ?? null })),
    size: { from: m.size.from, to: m.size.to, bytes: m.size.bytes, ratio: m.size.ratio, source: m.size.source, jump: m.size.jump },
    cadence: m.cadence
      ? {
          publishedAt: m.cadence.publishedAt,
          previousVersion: m.cadence.previousVersion,
          previousPublishedAt: m.cadence.previousPublishedAt,
          sincePreviousMs: m.cadence.sincePreviousMs,
          medianGapMs: m.cadence.medianGapMs,
          breaks: m.cadence.breaks,
        }
      : null,
    distTags: m.distTags
      ? { onTo: [...m.distTags.onTo], onFrom: [...m.distTags.onFrom], moved: m.distTags.moved.map((t) => ({ tag: t.tag, from: t.from, to: t.to })) }
      : null,
  };
}

function attestation(a: { sourceRepository?: string; workflow?: string } | null) {
  return a === null ? null : { sourceRepository: a.sourceRepository ?? null, workflow: a.workflow ?? null };
}

function newDependency(d: NewDependency) {
  return {
    name: d.name,
    spec: d.spec,
    kind: d.kind,
    flags: [...d.flags],
    typoOf: d.typoOf ?? null,
    ageDays: d.ageDays ?? null,
    facts: d.facts ? { exists: d.facts.exists, createdAt: d.facts.createdAt ?? null, versions: d.facts.versions ?? null } : null,
  };
}
