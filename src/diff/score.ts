import { decideVerdict, type Finding } from '../analysis/index.js';
import type { CodeDelta, DiffVerdict, MetadataDelta, ReleaseSide, Signal } from './types.js';

/**
 * The weights of README.md's scoring table. A signal's `level` is what it makes the release on its
 * own; the weights add up to the score, and weak signals that add up to SUSPICIOUS_SCORE make the
 * release suspicious together.
 */
export const WEIGHTS = {
  'code-malicious': 80,
  'code-suspicious': 40,
  'install-script-flagged': 80,
  'install-script-added': 40,
  'install-script-changed': 40,
  'publisher-unknown': 40,
  'publisher-changed': 5,
  'provenance-lost': 40,
  'provenance-changed': 40,
  'maintainers-changed': 10,
  'dependency-typo-young': 40,
  'dependency-nonexistent': 40,
  'dependency-typo': 20,
  'dependency-young': 10,
  'dependency-few-versions': 5,
  'dependency-non-registry': 15,
  'new-executable': 40,
  'changed-executable': 10,
  'new-blob': 15,
  'size-jump': 10,
  'cadence-break': 10,
  'repository-changed': 15,
  'entry-points-changed': 5,
} as const satisfies Record<Signal['id'], number>;

export const SUSPICIOUS_SCORE = 40;
export const MALICIOUS_SCORE = 80;

/** Categories whose new finding means the engine "also flags" a new install script. */
const INSTALL_CATEGORIES = new Set(['install-script', 'binary']);

export interface ScoreInput {
  from: ReleaseSide;
  to: ReleaseSide;
  findings: readonly Finding[];
  metadata: MetadataDelta;
  code: CodeDelta;
}

/** Every signal the diff raises, strongest first. */
export function signals(input: ScoreInput): Signal[] {
  const { from, metadata: m, code, findings } = input;
  const out: Signal[] = [];
  const add = (id: Signal['id'], level: Signal['level'], reason: string) => out.push({ id, level, weight: WEIGHTS[id], reason });
  const fromName = from.version ?? from.label;

  // Install scripts: added or changed is a suspicious change by itself; with a new engine finding
  // about what it runs (download-and-run, an executable), it is the attack. Those findings are
  // then this signal's evidence, and the code signal speaks for the rest.
  const installFindings = findings.filter((f) => INSTALL_CATEGORIES.has(f.category) && f.confidence !== 'low' && f.severity !== 'info');
  const scripts = m.installScripts.filter((s) => s.change !== 'removed');
  const explained = new Set<Finding>();
  for (const s of scripts) {
    const what = `${s.hook} runs \`${shorten(s.to ?? '', 80)}\``;
    if (installFindings.length) {
      installFindings.forEach((f) => explained.add(f));
      const rules = [...new Set(installFindings.map((f) => f.rule))];
      add('install-script-flagged', 'malicious', `install script ${s.change}: ${what}, flagged by ${rules.join(', ')}`);
    } else {
      add(s.change === 'added' ? 'install-script-added' : 'install-script-changed', 'suspicious', `install script ${s.change}: ${what}${s.change === 'changed' ? ` (was \`${shorten(s.from ?? '', 60)}\`)` : ''}`);
    }
  }

  const engine = decideVerdict(findings.filter((f) => !explained.has(f)));
  const engineReason = () => {
    const shown = engine.reasons.slice(0, 3).map(shortReason);
    const more = engine.reasons.length - shown.length;
    return `new code: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  };
  if (engine.verdict === 'malicious') add('code-malicious', 'malicious', engineReason());
  else if (engine.verdict === 'suspicious') add('code-suspicious', 'suspicious', engineReason());

  const p = m.publisher;
  const trusted = Boolean(input.to.registry?.provenance);
  const lost = m.provenance?.lost === true;
  if (p?.to && p.knownMaintainer === false) {
    // With provenance, the release comes from a CI workflow (trusted publishing): a bot account is expected.
    const publisher = `${p.to.name}${p.to.email ? ` <${p.to.email}>` : ''}`;
    if (lost) add('publisher-unknown', 'suspicious', `published by a new publisher (${publisher}) without the provenance ${fromName} had`);
    else add('publisher-unknown', trusted ? 'info' : 'suspicious', `published by ${publisher}, who was not a maintainer of ${fromName}${trusted ? ' (with provenance)' : ''}`);
  } else if (p?.changed && p.to && p.from) {
    add('publisher-changed', 'info', `published by ${p.to.name} instead of ${p.from.name} (both maintainers)`);
  }
  if (lost) add('provenance-lost', 'suspicious', `published without the provenance ${fromName} had`);
  if (m.provenance?.changed) {
    const f = m.provenance.from ?? {};
    const t = m.provenance.to ?? {};
    add('provenance-changed', 'suspicious', `provenance names another source: ${f.sourceRepository ?? '?'} ${f.workflow ?? ''} -> ${t.sourceRepository ?? '?'} ${t.workflow ?? ''}`.replace(/ +/g, ' '));
  }
  if (m.maintainers && (m.maintainers.added.length || m.maintainers.removed.length)) {
    const parts = [
      ...(m.maintainers.added.length ? [`added ${m.maintainers.added.map((x) => x.name).join(', ')}`] : []),
      ...(m.maintainers.removed.length ? [`removed ${m.maintainers.removed.map((x) => x.name).join(', ')}`] : []),
    ];
    add('maintainers-changed', 'info', `maintainers ${parts.join('; ')}`);
  }

  for (const d of m.dependencies.added) {
    const flags = new Set(d.flags);
    const age = d.ageDays === undefined ? '' : `${formatAge(d.ageDays)} old`;
    if (flags.has('nonexistent')) add('dependency-nonexistent', 'suspicious', `new dependency ${d.name} does not exist on the registry`);
    else if (flags.has('typo-like') && flags.has('young')) add('dependency-typo-young', 'suspicious', `new dependency ${d.name} is ${age} and one typo from ${d.typoOf}`);
    else if (flags.has('typo-like')) add('dependency-typo', 'info', `new dependency ${d.name} is one typo from ${d.typoOf}`);
    else if (flags.has('young')) add('dependency-young', 'info', `new dependency ${d.name} is ${age}`);
    if (flags.has('few-versions') && !flags.has('nonexistent')) add('dependency-few-versions', 'info', `new dependency ${d.name} has ${d.facts?.versions ?? 'few'} version${d.facts?.versions === 1 ? '' : 's'}`);
    if (flags.has('non-registry')) add('dependency-non-registry', 'info', `new dependency ${d.name} comes from outside the registry (${shorten(d.spec, 80)})`);
  }

  if (code.newExecutables.length) add('new-executable', 'suspicious', `new executable${code.newExecutables.length > 1 ? 's' : ''}: ${list(code.newExecutables)}`);
  if (code.changedExecutables.length) add('changed-executable', 'info', `executable${code.changedExecutables.length > 1 ? 's' : ''} changed: ${list(code.changedExecutables)}`);
  if (code.newBlobs.length) {
    const b = code.newBlobs[0]!;
    add('new-blob', 'info', `new ${b.obfuscated ? 'obfuscated' : 'minified'} code in a package that had none: ${list(code.newBlobs.map((x) => x.path))} (${formatBytes(b.bytes)}${b.longestLine ? `, a ${b.longestLine.toLocaleString('en-US')}-character line` : ''})`);
  }
  if (m.size.jump) add('size-jump', 'info', `unpacked size ${formatBytes(m.size.from)} -> ${formatBytes(m.size.to)}${m.size.ratio ? ` (×${m.size.ratio})` : ''}`);
  if (m.cadence?.breaks === 'after-dormancy') {
    add('cadence-break', 'info', `released ${formatAge(m.cadence.sincePreviousMs! / 86_400_000)} after the previous release, usually every ${formatAge(m.cadence.medianGapMs! / 86_400_000)}`);
  } else if (m.cadence?.breaks === 'unusually-soon') {
    add('cadence-break', 'info', `released ${formatDuration(m.cadence.sincePreviousMs!)} after the previous release, usually every ${formatAge(m.cadence.medianGapMs! / 86_400_000)}`);
  }
  const fields = new Map(m.fields.map((f) => [f.field, f]));
  const repo = fields.get('repository');
  if (repo) add('repository-changed', 'info', `repository changed: ${repoUrl(repo.from)} -> ${repoUrl(repo.to)}`);
  const entry = (['main', 'exports', 'bin'] as const).filter((f) => fields.has(f));
  if (entry.length) add('entry-points-changed', 'info', `${entry.join(', ')} changed`);

  return out.sort((a, b) => b.weight - a.weight);
}

/**
 * The reasons to show, one per signal, except where one sentence already says two things (a new
 * publisher without the provenance the previous release had).
 */
export function reasonsOf(list: readonly Signal[]): string[] {
  const combined = list.some((s) => s.id === 'publisher-unknown' && s.reason.includes('without the provenance'));
  return list.filter((s) => !(combined && s.id === 'provenance-lost')).map((s) => s.reason);
}

/**
 * The verdict and score from the signals: the strongest level any signal has, raised to
 * suspicious when weak signals add up to SUSPICIOUS_SCORE; the score is the weights' sum, capped
 * at 100 and kept inside the verdict's band (clean < 40 <= suspicious < 80 <= malicious).
 */
export function decide(list: readonly Signal[]): { verdict: DiffVerdict; score: number } {
  const sum = Math.min(100, list.reduce((n, s) => n + s.weight, 0));
  let verdict: DiffVerdict = 'clean';
  if (list.some((s) => s.level === 'malicious')) verdict = 'malicious';
  else if (list.some((s) => s.level === 'suspicious') || sum >= SUSPICIOUS_SCORE) verdict = 'suspicious';
  const score = verdict === 'malicious' ? Math.max(sum, MALICIOUS_SCORE) : verdict === 'suspicious' ? Math.min(Math.max(sum, SUSPICIOUS_SCORE), MALICIOUS_SCORE - 1) : sum;
  return { verdict, score };
}

/**
 * An engine reason (`rule: message (file:line)`) as a short clause: the message up to its first
 * detail, then rule and place. Reasons of attack pairs are short already.
 */
function shortReason(reason: string): string {
  const m = /^([a-z0-9-]+): (.*) \(([^()]*)\)$/s.exec(reason);
  if (!m) return shorten(reason, 120);
  const clause = m[2]!.split(/[:;(]/)[0]!.trim();
  return `${shorten(clause, 80)} (${m[1]}, ${m[3]})`;
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const head = Math.ceil((max - 1) * 0.6);
  return `${one.slice(0, head)}…${one.slice(one.length - (max - 1 - head))}`;
}

function list(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

function repoUrl(value: unknown): string {
  const url = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['url'] : undefined;
  return typeof url === 'string' ? url : 'none';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function formatAge(days: number): string {
  if (days < 1) return formatDuration(days * 86_400_000);
  if (days < 60) return `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}`;
  if (days < 730) return `${Math.round(days / 30)} months`;
  return `${(days / 365).toFixed(1)} years`;
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.round(minutes / 60)} hours`;
}
