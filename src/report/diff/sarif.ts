import type { Finding } from '../../analysis/index.js';
import type { ReleaseDiff, Signal, SignalId } from '../../diff/index.js';
import { severityRank } from '../common.js';
import { fileUri, level, SARIF_SCHEMA, SECURITY_SEVERITY } from '../reporters/sarif.js';
import { verifyStatus } from './json.js';
import type { DiffReport, VerifyLockfileReport } from './types.js';

/** Signal rules are namespaced so they cannot collide with the detection rules' ids. */
const SIGNAL_RULE_PREFIX = 'release-diff/';

/** One line per signal for the SARIF rule descriptions (src/diff/README.md has the table). */
const SIGNAL_TITLES: Readonly<Record<SignalId, string>> = {
  'code-malicious': 'The new code is malicious by the detection engine',
  'code-suspicious': 'The new code is suspicious by the detection engine',
  'install-script-flagged': 'An install script was added or changed and the engine flags what it runs',
  'install-script-added': 'An install script was added',
  'install-script-changed': "An install script's command changed",
  'publisher-unknown': 'Published by someone who was not a maintainer of the previous release',
  'publisher-changed': 'Published by another maintainer',
  'provenance-lost': 'Published without the provenance the previous release had',
  'provenance-changed': 'The provenance names another source repository or workflow',
  'maintainers-changed': 'Maintainers added or removed',
  'dependency-typo-young': 'A new dependency is young and its name one typo from a popular package',
  'dependency-nonexistent': 'A new dependency does not exist on the registry',
  'dependency-typo': "A new dependency's name is one typo from a popular package",
  'dependency-young': 'A new dependency is only days old',
  'dependency-few-versions': 'A new dependency has fewer than 3 versions',
  'dependency-non-registry': 'A new dependency comes from git, a URL or a file',
  'new-executable': 'A new native executable (ELF, PE, Mach-O)',
  'changed-executable': "A native executable's bytes changed",
  'new-blob': 'New minified or obfuscated code in a package that had none',
  'size-jump': 'The unpacked size jumped',
  'cadence-break': 'Released far off the package’s usual cadence',
  'repository-changed': 'The repository field points elsewhere',
  'entry-points-changed': 'main, exports or bin changed',
};

/** How a signal's level reads in SARIF and in GitHub's security ranking. */
const SIGNAL_LEVEL: Readonly<Record<Signal['level'], 'error' | 'warning' | 'note'>> = { malicious: 'error', suspicious: 'warning', clean: 'note', info: 'note' };
const SIGNAL_SECURITY: Readonly<Record<Signal['level'], string | null>> = { malicious: '9.5', suspicious: '5.5', clean: null, info: null };

/** Bump when a fingerprint's inputs change, so old and new alerts are not confused. */
const FINDING_FINGERPRINT = 'chainwatch/release-finding/v1';
const SIGNAL_FINGERPRINT = 'chainwatch/release-signal/v1';

type Location = { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } };

/**
 * `diff --format sarif`: one result per new finding at `to`'s file:line:column (URIs relative to
 * the package root: `index.js`, not `package/index.js`), one per signal at the file it is about
 * (package.json for the publication and manifest signals), and the verdict and score in the run's
 * properties.
 */
export function renderDiffSarif(report: DiffReport): string {
  const d = report.diff;
  const rules = new RuleSet();
  const results = diffResults(d, rules, (file, line, column) => [packageLocation(file, line, column)]);
  const run = {
    tool: driver(report.tool, rules),
    invocations: [{ executionSuccessful: true }],
    results: rules.indexed(results),
    properties: {
      name: d.name,
      from: d.from,
      to: d.to,
      verdict: d.verdict,
      score: d.score,
      reasons: d.reasons,
      ...(report.predecessor ? { predecessor: report.predecessor } : {}),
    },
  };
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0' as const, runs: [run] }, null, 2) + '\n';
}

/**
 * `verify --lockfile --format sarif`: the results of every diff, placed on the lockfile (the file
 * of the repository they are about; the package's own file and line are in the message and the
 * properties), errors and skipped packages as notifications, the counts in the run's properties.
 */
export function renderVerifySarif(report: VerifyLockfileReport): string {
  const rules = new RuleSet();
  // `verify <name>@<version>` has no lockfile: its results sit on the package's files, as `diff` puts them.
  const lockfile: Location | null = report.lockfile === null ? null : { physicalLocation: { artifactLocation: { uri: fileUri(report.lockfile) } } };
  const place: Place = lockfile ? () => [lockfile] : (file, line, column) => [packageLocation(file, line, column)];
  const at = lockfile ? { locations: [lockfile] } : {};
  const results = report.results.flatMap((r) => (r.diff && verifyStatus(r) !== 'error' && verifyStatus(r) !== 'skipped' ? diffResults(r.diff, rules, place) : []));
  const notifications = report.results.flatMap((r) => {
    const status = verifyStatus(r);
    if (status === 'error') {
      return [{ descriptor: { id: 'verify-error' }, level: 'error', message: { text: `${r.name}@${r.version}: ${r.error ?? 'no result'}` }, ...at, properties: { package: r.name, version: r.version } }];
    }
    if (status === 'skipped') {
      return [{ descriptor: { id: 'verify-skipped' }, level: 'note', message: { text: `${r.name}@${r.version} was not diffed: ${r.skipped}` }, ...at, properties: { package: r.name, version: r.version, skipped: r.skipped } }];
    }
    return [];
  });
  const run = {
    tool: driver(report.tool, rules, [
      { id: 'verify-error', shortDescription: { text: 'A package could not be verified (registry, network or integrity error).' } },
      { id: 'verify-skipped', shortDescription: { text: 'A package was not diffed: its first release, not in the registry, or not a registry package.' } },
    ]),
    invocations: [{ executionSuccessful: report.summary.errors === 0, toolExecutionNotifications: notifications }],
    results: rules.indexed(results),
    properties: {
      lockfile: report.lockfile,
      maxAgeDays: report.maxAgeDays,
      now: report.now,
      summary: report.summary,
      packages: report.results.map((r) => ({
        name: r.name,
        version: r.version,
        status: verifyStatus(r),
        predecessor: r.predecessor ?? null,
        score: r.diff && verifyStatus(r) === r.diff.verdict ? r.diff.score : null,
      })),
    },
  };
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0' as const, runs: [run] }, null, 2) + '\n';
}

function driver(tool: { name: string; version: string }, rules: RuleSet, notifications?: object[]) {
  return {
    driver: {
      name: tool.name,
      version: tool.version,
      semanticVersion: tool.version,
      rules: rules.descriptors(),
      ...(notifications ? { notifications } : {}),
    },
  };
}

/** A result before its rule's index is known (rules are sorted once all are in). */
interface PendingResult {
  ruleId: string;
  [key: string]: unknown;
}

/** The rules results refer to, each once, sorted by id so indexes are stable. */
class RuleSet {
  private readonly byId = new Map<string, object>();

  add(id: string, descriptor: () => object): void {
    if (!this.byId.has(id)) this.byId.set(id, { id, ...descriptor() });
  }

  private ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  descriptors(): object[] {
    return this.ids().map((id) => this.byId.get(id)!);
  }

  indexed(results: PendingResult[]): object[] {
    const index = new Map(this.ids().map((id, i) => [id, i]));
    return results.map(({ ruleId, ...rest }) => ({ ruleId, ruleIndex: index.get(ruleId)!, ...rest }));
  }
}

type Place = (file: string, line: number | null, column: number | null) => Location[];

/** One result per new finding, then one per signal. */
function diffResults(d: ReleaseDiff, rules: RuleSet, place: Place): PendingResult[] {
  const release = `${d.name} ${d.from} → ${d.to}`;
  const findings = d.findings.map((f) => {
    rules.add(f.rule, () => findingRule(f));
    return {
      ruleId: f.rule,
      level: level(f.severity),
      message: { text: `${release} (${d.verdict}): ${f.message}${f.line ? ` (${f.file}:${f.line})` : ` (${f.file})`}` },
      locations: place(f.file, f.line, f.column),
      partialFingerprints: { [FINDING_FINGERPRINT]: `${d.name}|${f.rule}|${f.file}|${f.snippet.slice(0, 80)}` },
      properties: { package: d.name, from: d.from, to: d.to, verdict: d.verdict, score: d.score, file: f.file, line: f.line, column: f.column, confidence: f.confidence },
    };
  });
  const signals = d.signals.map((s) => {
    const id = `${SIGNAL_RULE_PREFIX}${s.id}`;
    rules.add(id, () => signalRule(s));
    const at = signalPlace(s, d);
    return {
      ruleId: id,
      level: SIGNAL_LEVEL[s.level],
      message: { text: `${release} (${d.verdict}, score ${d.score}): ${s.reason}` },
      locations: place(at.file, at.line, at.column),
      partialFingerprints: { [SIGNAL_FINGERPRINT]: `${d.name}|${id}|${s.reason}` },
      properties: { package: d.name, from: d.from, to: d.to, verdict: d.verdict, score: d.score, signalLevel: s.level, weight: s.weight },
    };
  });
  return [...findings, ...signals];
}

function findingRule(f: Finding) {
  const sev = SECURITY_SEVERITY[f.severity];
  return {
    name: f.rule,
    shortDescription: { text: `${f.category}: ${f.rule}` },
    defaultConfiguration: { level: level(f.severity) },
    properties: { tags: ['security', f.category], ...(sev ? { 'security-severity': sev } : {}) },
  };
}

function signalRule(s: Signal) {
  const sev = SIGNAL_SECURITY[s.level];
  return {
    name: s.id,
    shortDescription: { text: SIGNAL_TITLES[s.id] },
    defaultConfiguration: { level: SIGNAL_LEVEL[s.level] },
    properties: { tags: ['security', 'release-diff'], ...(sev ? { 'security-severity': sev } : {}) },
  };
}

/** The file a signal is about: the code signals at their strongest finding, executables and blobs at the file, the rest at package.json. */
function signalPlace(s: Signal, d: ReleaseDiff): { file: string; line: number | null; column: number | null } {
  const manifest = { file: 'package.json', line: null, column: null };
  if (s.id === 'code-malicious' || s.id === 'code-suspicious') {
    const f = [...d.findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))[0];
    return f ? { file: f.file, line: f.line, column: f.column } : manifest;
  }
  const file =
    s.id === 'new-executable' ? d.code.newExecutables[0] : s.id === 'changed-executable' ? d.code.changedExecutables[0] : s.id === 'new-blob' ? d.code.newBlobs[0]?.path : undefined;
  return file ? { file, line: null, column: null } : manifest;
}

function packageLocation(file: string, line: number | null, column: number | null): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(file.replace(/^\/+/, '')) },
      ...(line ? { region: { startLine: line, ...(column ? { startColumn: column } : {}) } } : {}),
    },
  };
}
