import type { Finding } from '../../analysis/index.js';
import type { FieldChange, FilePatch, MetadataDelta, NewDependency, Person, ReleaseDiff } from '../../diff/index.js';
import { duration, plural, severityRank } from '../common.js';
import { plainStyle, type Style } from '../style.js';
import { bytes, capped, oneLine, span, when, wrap, WIDTH, type Segment } from './format.js';
import { verifyStatus } from './json.js';
import type { DiffReport, VerifyLockfileReport, VerifyResult, VerifySkip } from './types.js';

/** Files listed per kind (added, removed, changed, renamed) before `… N more`. */
const FILES_SHOWN = 10;
/** Findings shown in full; the rest are counted. */
const FINDINGS_SHOWN = 20;
/** Patch lines printed in all; a terminal is not the place for 256 KiB of diff (`--format json` has it). */
const PATCH_LINES_SHOWN = 400;
/** Metadata labels are padded to this, so the values line up. */
const LABEL = 15;

/**
 * `diff` as text: the verdict first, then why, then what changed around the code (publisher,
 * provenance, scripts, dependencies, …, only what did change), the files, the new findings and
 * the patches. Colour only through `style` (the CLI's, when it writes to a terminal).
 */
export function renderDiffText(report: DiffReport, style: Style = plainStyle): string {
  const lines = diffLines(report.diff, style, report.predecessor);
  lines.push('', style.dim(`--format json shows every file, finding and patch · ${duration(report.elapsedMs)}`));
  return lines.join('\n') + '\n';
}

/** Everything of one diff but the closing hint. */
function diffLines(d: ReleaseDiff, style: Style, p?: DiffReport['predecessor']): string[] {
  const lines: string[] = [headline(d, style)];
  if (d.labels.from !== `${d.name}@${d.from}` || d.labels.to !== `${d.name}@${d.to}`) lines.push(style.dim(`  ${d.labels.from} → ${d.labels.to}`));
  if (p) lines.push(...wrap(`predecessor ${p.version}${p.publishedAt ? ` (published ${when(p.publishedAt)})` : ''}: ${p.reason}`, '  ', '    ').map(style.dim));
  lines.push(...reasonLines(d.reasons, '  '));
  const meta = metadataLines(d, style);
  if (meta.length) lines.push('', style.bold('Metadata'), ...meta);
  lines.push('', ...fileLines(d, style));
  const findings = findingLines(d.findings, style);
  if (findings.length) lines.push('', style.bold(`New findings (${d.findings.length})`), ...findings);
  const patches = patchLines(d, style);
  if (patches.length) lines.push('', patchHeading(d, style), ...patches);
  return lines;
}

/** `chalk 5.6.0 → 5.6.1  MALICIOUS (score 100)`. */
function headline(d: ReleaseDiff, style: Style): string {
  return `${style.bold(d.name)} ${d.from} → ${d.to}  ${verdictText(d.verdict, style)} ${style.dim(`(score ${d.score})`)}`;
}

function verdictText(verdict: ReleaseDiff['verdict'], style: Style): string {
  const word = verdict.toUpperCase();
  if (verdict === 'malicious') return style.bold(style.red(word));
  return verdict === 'suspicious' ? style.bold(style.yellow(word)) : style.green(word);
}

function reasonLines(reasons: readonly string[], indent: string): string[] {
  return reasons.flatMap((r) => wrap(r, `${indent}• `, `${indent}  `));
}

// ---- metadata: one labelled line (or a few) per thing that changed

function metadataLines(d: ReleaseDiff, style: Style): string[] {
  const m = d.metadata;
  const out: string[] = [];
  /** One labelled value per line, wrapped under its own start. */
  const add = (label: string, values: Segment[][]) => {
    values.forEach((v, i) => out.push(...wrap(v, `  ${(i === 0 ? label : '').padEnd(LABEL)}`, ' '.repeat(2 + LABEL + 2))));
  };
  const pub = m.publisher;
  if (pub && pub.to && (pub.changed || pub.knownMaintainer === false)) {
    const stranger: Segment[] = pub.knownMaintainer === false ? [{ text: ` (not a maintainer of ${d.from})`, colour: style.red }] : [];
    add('publisher', [[`${pub.from ? personText(pub.from) : '(unknown)'} → ${personText(pub.to)}`, ...stranger]]);
  }
  if (m.maintainers && (m.maintainers.added.length || m.maintainers.removed.length)) {
    add('maintainers', [[[...m.maintainers.added.map((x) => `+${x.name}`), ...m.maintainers.removed.map((x) => `-${x.name}`)].join(', ')]]);
  }
  const prov = provenanceText(m.provenance, d.from, style);
  if (prov) add('provenance', [prov]);
  if (m.installScripts.length) {
    add(
      'install',
      m.installScripts.map((s): Segment[] => {
        const implicit: Segment[] = s.implicit ? [{ text: ' (npm runs it for binding.gyp)', colour: style.dim }] : [];
        if (s.change === 'added') return [{ text: `+ ${s.hook}`, colour: style.yellow }, `: ${oneLine(s.to ?? '', 160)}`, ...implicit];
        if (s.change === 'removed') return [`- ${s.hook}: ${oneLine(s.from ?? '', 160)}`, ...implicit];
        return [{ text: `~ ${s.hook}`, colour: style.yellow }, `: ${oneLine(s.from ?? '', 80)} → ${oneLine(s.to ?? '', 160)}`, ...implicit];
      }),
    );
  }
  const deps = dependencyLines(m.dependencies, style);
  if (deps.length) add('dependencies', deps);
  if (m.fields.length) add('fields', m.fields.map((f) => [fieldText(f)]));
  const size = m.size;
  // A few bytes either way is every release; a quarter more or less, or a jump, is worth a line.
  if (size.jump || (size.from > 0 && Math.abs(size.bytes) / size.from >= 0.25)) {
    const change = `${bytes(size.from)} → ${bytes(size.to)} (${size.bytes >= 0 ? '+' : ''}${bytes(size.bytes)}${size.ratio !== null ? `, ×${size.ratio}` : ''})`;
    add('size', [[size.jump ? { text: change, colour: style.yellow } : change]]);
  }
  const c = m.cadence;
  if (c && c.sincePreviousMs !== null && c.previousVersion !== null) {
    const usual = c.medianGapMs !== null ? `, usually every ${span(c.medianGapMs)}` : '';
    const broke: Segment[] =
      c.breaks === 'after-dormancy' ? [{ text: ' (after a dormancy)', colour: style.yellow }] : c.breaks === 'unusually-soon' ? [{ text: ' (unusually soon)', colour: style.yellow }] : [];
    add('published', [[`${c.publishedAt ? `${when(c.publishedAt)}, ` : ''}${span(c.sincePreviousMs)} after ${c.previousVersion}${usual}`, ...broke]]);
  }
  if (m.distTags?.moved.length) add('dist-tags', [[m.distTags.moved.map((t) => `${t.tag} ${t.from ?? '(none)'} → ${t.to ?? '(none)'}`).join(', ')]]);
  return out;
}

function personText(p: Person): string {
  return p.email ? `${p.name} <${p.email}>` : p.name;
}

function provenanceText(p: MetadataDelta['provenance'], fromVersion: string, style: Style): Segment[] | null {
  if (!p) return null;
  const source = (a: { sourceRepository?: string; workflow?: string }) => [a.sourceRepository, a.workflow].filter(Boolean).join(' ') || 'attested';
  if (p.lost) return [{ text: 'lost', colour: style.red }, ` (${fromVersion} had ${p.from ? source(p.from) : 'it'})`];
  if (p.changed && p.from && p.to) return [{ text: 'changed', colour: style.yellow }, `: ${source(p.from)} → ${source(p.to)}`];
  if (p.from === null && p.to) return [`added (${source(p.to)})`];
  return null;
}

function dependencyLines(deps: MetadataDelta['dependencies'], style: Style): Segment[][] {
  const kind = (k: NewDependency['kind']): Segment[] => (k === 'dependencies' ? [] : [{ text: ` [${k === 'optionalDependencies' ? 'optional' : 'peer'}]`, colour: style.dim }]);
  const lines: Segment[][] = [
    ...deps.added.map((x): Segment[] => {
      const flags = dependencyFlags(x);
      return [`+ ${x.name} ${x.spec}`, ...kind(x.kind), ...(flags ? [{ text: ` (${flags})`, colour: style.yellow }] : [])];
    }),
    ...deps.removed.map((x): Segment[] => [`- ${x.name} ${x.spec}`, ...kind(x.kind)]),
    ...deps.changed.map((x): Segment[] => [`~ ${x.name} ${x.from} → ${x.to}`, ...kind(x.kind)]),
  ];
  const { shown, more } = capped(lines, FILES_SHOWN);
  return more ? [...shown, [{ text: `… ${more} more`, colour: style.dim }]] : [...shown];
}

/** `1 day old, 1 version, one typo from lodash`. */
function dependencyFlags(d: NewDependency): string {
  return d.flags
    .map((f) => {
      if (f === 'young') return d.ageDays !== undefined ? `${d.ageDays < 1 ? span(d.ageDays * 86_400_000) : plural(Math.round(d.ageDays), 'day')} old` : 'young';
      if (f === 'few-versions') return d.facts?.versions !== undefined ? plural(d.facts.versions, 'version') : 'few versions';
      if (f === 'typo-like') return d.typoOf ? `one typo from ${d.typoOf}` : 'typo-like name';
      if (f === 'nonexistent') return 'not on the registry';
      return 'not from the registry';
    })
    .join(', ');
}

function fieldText(f: FieldChange): string {
  const value = (v: unknown) => (v === undefined || v === null ? '(none)' : oneLine(JSON.stringify(v), 36));
  return `${f.field}: ${value(f.from)} → ${value(f.to)}`;
}

// ---- files

function fileLines(d: ReleaseDiff, style: Style): string[] {
  const f = d.files;
  const moved = new Set(f.renamed.flatMap((r) => [r.from, r.to]));
  const added = f.added.filter((p) => !moved.has(p));
  const removed = f.removed.filter((p) => !moved.has(p));
  const counts = [`${added.length} added`, `${removed.length} removed`, `${f.changed.length} changed`, ...(f.renamed.length ? [`${f.renamed.length} renamed`] : [])];
  const out = [`${style.bold('Files')}  ${counts.join(' · ')}`];
  const patches = new Map(d.patches.map((p) => [p.path, p]));
  const section = (paths: readonly string[], mark: string, colour: (s: string) => string, noun: string) => {
    const { shown, more } = capped(paths, FILES_SHOWN);
    for (const path of shown) out.push(`  ${colour(mark)} ${path}${fileStats(patches.get(path), style)}`);
    if (more) out.push(style.dim(`  … ${more} more ${noun}`));
  };
  section(added, '+', style.green, 'added');
  section(removed, '-', style.red, 'removed');
  section(f.changed, '~', style.yellow, 'changed');
  const { shown, more } = capped(f.renamed, FILES_SHOWN);
  for (const r of shown) out.push(`  ${style.dim('>')} ${r.from} → ${r.to}`);
  if (more) out.push(style.dim(`  … ${more} more renamed`));
  return out;
}

/** `  +3 -1`, or the sizes of a binary file. */
function fileStats(p: FilePatch | undefined, style: Style): string {
  if (!p) return '';
  if (p.binary) return style.dim(`  binary, ${sizes(p)}`);
  if (p.additions === null || p.deletions === null) return '';
  return `  ${style.green(`+${p.additions}`)} ${style.red(`-${p.deletions}`)}`;
}

function sizes(p: FilePatch): string {
  if (p.oldSize === null) return bytes(p.newSize ?? 0);
  if (p.newSize === null) return `was ${bytes(p.oldSize)}`;
  return `${bytes(p.oldSize)} → ${bytes(p.newSize)}`;
}

// ---- findings

/** What the reader acts on: info findings are left to `--format json` (unparseable files aside). */
function shownFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .filter((f) => f.severity !== 'info' || f.rule === 'unparseable')
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0));
}

function findingLines(findings: readonly Finding[], style: Style): string[] {
  const all = shownFindings(findings);
  const { shown, more } = capped(all, FINDINGS_SHOWN);
  const out = shown.flatMap((f) => [
    `  ${severityText(f, style)}  ${f.rule}  ${place(f)}`,
    ...wrap(f.message, '    ', '    '),
    ...(f.snippet ? [style.dim(`    ${oneLine(f.snippet, WIDTH - 4)}`)] : []),
  ]);
  const hidden = more + (findings.length - all.length);
  if (hidden) out.push(style.dim(`  … ${plural(hidden, 'more finding')} (--format json lists them all)`));
  return out;
}

function place(f: Finding): string {
  return `${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}`;
}

function severityText(f: Finding, style: Style): string {
  const text = f.severity.padEnd(8);
  return f.severity === 'critical' || f.severity === 'high' ? style.red(text) : f.severity === 'medium' ? style.yellow(text) : style.dim(text);
}

// ---- patches

function patchHeading(d: ReleaseDiff, style: Style): string {
  const s = d.patchSummary;
  const note = s.truncated ? `, ${s.omittedFiles ? `${plural(s.omittedFiles, 'file')} left out and ` : ''}cut at the ${bytes(s.maxBytes)} limit` : '';
  return `${style.bold('Patches')} ${style.dim(`(${bytes(s.bytes)}${note})`)}`;
}

/** The patches, the files a reader needs to see first (new findings, package.json, new blobs) first. */
function patchLines(d: ReleaseDiff, style: Style): string[] {
  const first = [...new Set([...shownFindings(d.findings).map((f) => f.file), 'package.json', ...d.code.newBlobs.map((b) => b.path)])];
  const rank = (p: FilePatch) => {
    const i = first.indexOf(p.path);
    return i === -1 ? first.length : i;
  };
  const ordered = [...d.patches].sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: string[] = [];
  let budget = PATCH_LINES_SHOWN;
  let leftLines = 0;
  let leftFiles = 0;
  for (const p of ordered) {
    const lines = p.text !== undefined ? p.text.replace(/\n$/, '').split('\n') : [noPatchLine(p, d, style)];
    if (budget <= 0) {
      leftLines += lines.length;
      leftFiles += 1;
      continue;
    }
    const shown = lines.slice(0, budget);
    budget -= shown.length;
    out.push(...(p.text !== undefined ? shown.map((l) => patchLine(l, style)) : shown));
    if (shown.length < lines.length) {
      leftLines += lines.length - shown.length;
      leftFiles += 1;
    }
  }
  if (leftLines) out.push(style.dim(`… ${plural(leftLines, 'more patch line')} in ${plural(leftFiles, 'file')} not shown here`));
  return out;
}

function patchLine(line: string, style: Style): string {
  if (line.startsWith('+++ ') || line.startsWith('--- ') || line.startsWith('rename ')) return style.bold(line);
  if (line.startsWith('@@')) return style.dim(line);
  if (line.startsWith('+')) return style.green(line);
  if (line.startsWith('-')) return style.red(line);
  if (line.startsWith('…') || line.startsWith('\\')) return style.dim(line);
  return line;
}

function noPatchLine(p: FilePatch, d: ReleaseDiff, style: Style): string {
  const why =
    p.omitted === 'binary' || p.binary
      ? `binary file ${p.status}, ${sizes(p)}`
      : p.omitted === 'too-many-changes'
        ? 'not diffed: too many changes'
        : p.omitted === 'unreadable'
          ? 'could not be read'
          : p.omitted === 'budget'
            ? `patch left out: over the ${bytes(d.patchSummary.maxBytes)} patch limit`
            : 'no patch';
  return `${style.bold(p.path)}: ${style.dim(why)}`;
}

// ---- verify --lockfile

const SKIP_TEXT: Readonly<Record<VerifySkip, string>> = {
  'first-release': 'first release, nothing to diff against',
  'not-in-registry': 'not in the registry',
  'not-a-registry-package': 'not a registry package (git, file or URL)',
};

/** Verified packages shown with their findings before the rest are counted. */
const FINDINGS_PER_PACKAGE = 5;
/** Names listed per group of clean or skipped packages. */
const NAMES_SHOWN = 30;

/**
 * `verify --lockfile` as text: each malicious or suspicious release with its reasons and first
 * findings and the command that shows its whole diff, then errors, then the clean and skipped
 * packages by name, then the counts.
 */
export function renderVerifyText(report: VerifyLockfileReport, style: Style = plainStyle): string {
  if (report.lockfile === null) return verifyReleaseText(report, style);
  const lines: string[] = [
    `${style.bold(report.lockfile)}: ${plural(report.results.length, 'package')} published in the ${report.maxAgeDays === null ? 'past' : plural(report.maxAgeDays, 'day')} before ${when(report.now)}`,
  ];
  const flagged = report.results
    .filter((r): r is VerifyResult & { diff: NonNullable<VerifyResult['diff']> } => verifyStatus(r) === 'malicious' || verifyStatus(r) === 'suspicious')
    .sort((a, b) => b.diff.score - a.diff.score || (a.name < b.name ? -1 : 1));
  for (const r of flagged) {
    const d = r.diff;
    lines.push('', headline(d, style), ...reasonLines(d.reasons, '  '));
    const { shown, more } = capped(shownFindings(d.findings), FINDINGS_PER_PACKAGE);
    for (const f of shown) {
      const head = `${f.rule}  ${place(f)}  `;
      lines.push(`    ${severityText(f, style)}  ${head}${oneLine(f.message, Math.max(20, WIDTH - 14 - head.length))}`);
    }
    if (more) lines.push(style.dim(`    … ${plural(more, 'more finding')}`));
    lines.push(style.dim(`  the whole diff: chainwatch diff ${d.name}@${d.from} ${d.name}@${d.to}`));
  }
  const errors = report.results.filter((r) => verifyStatus(r) === 'error');
  if (errors.length) lines.push('');
  for (const r of errors) {
    // Wrapped uncoloured, so the escape codes do not count towards the width.
    // Wrapped uncoloured, so the escape codes do not count towards the width.
    const [head = '', ...tail] = wrap(r.error ?? 'no result', `error  ${r.name}@${r.version}  `, '       ');
    lines.push(style.red('error') + head.slice('error'.length), ...tail);
  }
  const group = (label: string, results: readonly VerifyResult[]) => {
    if (!results.length) return;
    const names = results.map((r) => (r.diff ? `${r.name} ${r.diff.from} → ${r.version}` : `${r.name}@${r.version}`));
    const { shown, more } = capped(names, NAMES_SHOWN);
    lines.push('', ...wrap(`${label}: ${shown.join(', ')}${more ? `, and ${more} more` : ''}`, '', '  '));
  };
  group('clean', report.results.filter((r) => verifyStatus(r) === 'clean'));
  for (const reason of Object.keys(SKIP_TEXT) as VerifySkip[]) {
    group(`skipped (${SKIP_TEXT[reason]})`, report.results.filter((r) => verifyStatus(r) === 'skipped' && r.skipped === reason));
  }
  lines.push('', ...summaryLines(report, style), style.dim('--format json carries each diff in full (files, findings, metadata, patches)'));
  return lines.join('\n') + '\n';
}

/** `verify <name>@<version>`: the one release diffed against its predecessor, shown in full as `diff` shows it. */
function verifyReleaseText(report: VerifyLockfileReport, style: Style): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (lines.length) lines.push('');
    const status = verifyStatus(r);
    if (r.diff && status !== 'error' && status !== 'skipped') lines.push(...diffLines(r.diff, style));
    else if (status === 'skipped') lines.push(`${style.bold(r.name)} ${r.version}  ${style.dim(`not diffed: ${SKIP_TEXT[r.skipped!]}`)}`);
    else lines.push(`${style.bold(r.name)} ${r.version}  ${style.red('error')}: ${r.error ?? 'no result'}`);
  }
  lines.push('', ...summaryLines(report, style));
  return lines.join('\n') + '\n';
}

function summaryLines(report: VerifyLockfileReport, style: Style): string[] {
  const s = report.summary;
  return [
    style.dim(
      `${s.checked} checked · ${s.malicious} malicious · ${s.suspicious} suspicious · ${s.clean} clean · ${s.skipped} skipped · ${plural(s.errors, 'error')} · ${duration(s.elapsedMs)}`,
    ),
  ];
}
