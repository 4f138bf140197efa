import type { AstNode, Finding, NodeHandler, PackageAnalysis, PackageInfo, Report, Rule, SourceFile, Visitor } from './types.js';
import { createLiteralScanner } from './literal-scanner.js';
import { inlineStringArrays } from './rules/_static/deobfuscate.js';
import { LineIndex, snippet } from './lines.js';
import { parseSource, sourceKind } from './parse.js';
import { decideVerdict } from './verdict.js';
import { JS_KEYS, TS_KEYS, walk } from './walk.js';

/** Source files the AST layer parses. `.d.ts` files only declare types: nothing in them runs. */
const SOURCE = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** Whether the per-file pass looks at this file (by its path): what an analysis costs is these files' size. */
export function isSourceFile(path: string): boolean {
  return SOURCE.test(path) && !DECLARATION.test(path);
}
/**
 * Whether the per-file pass parses this file as TypeScript (with Babel, whose first files in a
 * thread cost seconds of compiling: the scheduler offers them to one worker first).
 */
export function isTypeScriptSource(path: string): boolean {
  return isSourceFile(path) && sourceKind(path).language === 'ts';
}
/** Past this a file is only checked by the text layer (a parse costs memory proportional to it). */
const MAX_PARSE_BYTES = 16 * 2 ** 20;
/** javascript-obfuscator's identifiers and hex-number getter calls. */
const OBFUSCATOR_TRAIT = /_0x[0-9a-f]{4}|\(0x[0-9a-f]+\)/;
/** Needles shorter than this match nearly every file: a rule with one is not prefiltered. */
const MIN_NEEDLE = 3;

export interface AnalyzeOptions {
  rules: readonly Rule[];
  /**
   * Reads a package file: its text, or its UTF-8 bytes (then the engine decodes a source file only
   * when the prefilter finds some rule's needle in it); undefined when absent, unreadable or
   * binary (the caller decides).
   */
  readFile(path: string): string | Uint8Array | undefined;
  /** The package directory or tarball as given, for display. */
  path: string;
  /**
   * Only these files get the per-file pass (default: every file of the package); the manifest
   * hooks still see the whole package. With `manifest: false` they do not run: a package split
   * across workers runs them in one part only (see mergeAnalyses).
   */
  files?: readonly string[];
  manifest?: boolean;
}

/**
 * Runs every rule over one package: the manifest hooks once, then each source file through the
 * text prefilter, one parse and one AST walk that dispatches to every rule's visitors. A rule
 * that throws is a bug in that rule: it becomes an internal-error finding for the file, and the
 * other rules still run.
 */
export function analyzePackage(pkg: PackageInfo, opts: AnalyzeOptions): PackageAnalysis {
  const prefilter = prefilterFor(opts.rules.filter((r) => r.create));

  const findings: Finding[] = [];
  const stats = { files: 0, parsed: 0, unparseable: 0, skipped: 0 };
  const readText = (path: string) => asText(opts.readFile(path));
  const manifestRules = opts.manifest === false ? [] : opts.rules.filter((r) => r.checkPackage);
  for (const rule of manifestRules) {
    runGuarded(rule, 'package.json', findings, () =>
      rule.checkPackage!({
        pkg,
        readFile: readText,
        report: (r) => findings.push(toFinding(rule, r.file ?? 'package.json', r, r.file ? readText(r.file) : undefined)),
      }),
    );
  }
  for (const path of opts.files ?? pkg.files) {
    if (!isSourceFile(path)) continue;
    const content = opts.readFile(path);
    if (content === undefined) {
      stats.skipped++;
      continue;
    }
    stats.files++;
    const active = prefilter(content);
    if (active.length === 0) continue; // nothing to look for: the file is not even decoded
    const result = analyzeFile(pkg, { path, text: asText(content) }, active, findings);
    if (result === 'parsed') stats.parsed++;
    else if (result === 'unparseable') stats.unparseable++;
  }
  return finish({ name: pkg.name, version: pkg.version, path: opts.path }, findings, stats);
}

/**
 * One package's analysis from parts analyzed apart (disjoint `files`, the manifest hooks in one
 * part): findings together in file order, counts summed, and the verdict over all of them.
 */
export function mergeAnalyses(parts: readonly PackageAnalysis[]): PackageAnalysis {
  const [first] = parts;
  if (!first) throw new Error('mergeAnalyses: no parts');
  const stats = { files: 0, parsed: 0, unparseable: 0, skipped: 0 };
  for (const p of parts) for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] += p.stats[k];
  return finish(first, parts.flatMap((p) => p.findings), stats);
}

function finish(pkg: Pick<PackageAnalysis, 'name' | 'version' | 'path'>, findings: Finding[], stats: PackageAnalysis['stats']): PackageAnalysis {
  findings.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.rule, b.rule) || compareText(a.message, b.message));
  const { verdict, reasons } = decideVerdict(findings);
  return { name: pkg.name, version: pkg.version, path: pkg.path, verdict, reasons, findings, stats };
}

type FileResult = 'parsed' | 'unparseable' | 'text-only';

/**
 * Which rules a file needs, from one pass over its text: every rule's needles go into a single
 * multi-literal scanner, so the cost per file does not grow with the number of rules. A rule
 * without needles, or with one too short to search for, runs on every file.
 */
function prefilterFor(rules: readonly Rule[]): Prefilter {
  // Built once per rule set, not per package: the scanner's tables are the costly part.
  const key = rules.map((r) => r.meta.id).join(',');
  let prefilter = prefilters.get(key);
  if (!prefilter) prefilters.set(key, (prefilter = buildPrefilter(rules)));
  return prefilter;
}

/** The rules a file's text (or its UTF-8 bytes: needle presence is the same) calls for. */
type Prefilter = (content: string | Uint8Array) => Rule[];

const prefilters = new Map<string, Prefilter>();

function buildPrefilter(rules: readonly Rule[]): Prefilter {
  const always = rules.filter((r) => !r.meta.needles || r.meta.needles.some((n) => n.length < MIN_NEEDLE));
  const filtered = rules.filter((r) => !always.includes(r));
  const needles = [...new Set(filtered.flatMap((r) => r.meta.needles!))];
  const owners = needles.map((n) => filtered.filter((r) => r.meta.needles!.includes(n)));
  const scanner = createLiteralScanner(needles);
  return (content) => {
    const active = new Set<Rule>(always);
    for (const i of scanner.present(content)) for (const r of owners[i]!) active.add(r);
    return rules.filter((r) => active.has(r));
  };
}

function asText(content: string | Uint8Array): string;
function asText(content: string | Uint8Array | undefined): string | undefined;
function asText(content: string | Uint8Array | undefined): string | undefined {
  if (content === undefined || typeof content === 'string') return content;
  // As Buffer decodes: a byte order mark stays in the text (offsets count it), bad bytes become U+FFFD.
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
}

/** One file: the rules its text calls for get their visitors; the AST is built only if one needs it. */
export function analyzeFile(pkg: PackageInfo, file: SourceFile, active: readonly Rule[], findings: Finding[]): FileResult {
  if (active.length === 0) return 'text-only';
  // Built on the first finding: most files have none, and the index costs a pass over the text.
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(file.text));
  // Parsed on first use: a file whose rules only read its text (IOC strings, long lines) is never
  // parsed, and parsing is most of the engine's time.
  let parsed: ReturnType<typeof parseSource> | undefined;
  const parse = () => {
    if (parsed) return parsed;
    parsed = file.text.length <= MAX_PARSE_BYTES ? parseSource(file.text, file.path) : { program: null, error: null };
    // javascript-obfuscator hides every string behind a rotated array: put the strings back (by
    // replaying only the rotation's arithmetic, nothing of the file runs) so rules see them.
    if (parsed.program && OBFUSCATOR_TRAIT.test(file.text)) inlineStringArrays(parsed.program);
    return parsed;
  };
  const visitors: { rule: Rule; visitor: Visitor }[] = [];
  for (const rule of active) {
    runGuarded(rule, file.path, findings, () => {
      const visitor = rule.create!({
        pkg,
        file,
        get ast() {
          return parse().program;
        },
        report: (r) => findings.push(toFinding(rule, file.path, r, file.text, lines)),
        source: (node) => file.text.slice(node.start, node.end),
      });
      visitors.push({ rule, visitor });
    });
  }
  for (const { rule, visitor } of visitors) {
    if (visitor.onText) runGuarded(rule, file.path, findings, () => visitor.onText!(file.text));
  }
  if (visitors.some(({ visitor }) => Object.keys(visitor).some((k) => k !== 'onText'))) parse();
  if (!parsed) return 'text-only';
  if (parsed.program) walkWith(parsed.program, visitors, file.path, findings);
  if (parsed.error !== null) findings.push(unparseable(file, parsed.error));
  return parsed.program ? 'parsed' : parsed.error !== null ? 'unparseable' : 'text-only';
}

interface Handler {
  rule: Rule;
  fn: NodeHandler;
}

const ignore: NodeHandler = () => {};

/** One walk, every rule's handlers: by node type, on enter and (`Type:exit`) on exit. */
function walkWith(program: NonNullable<ReturnType<typeof parseSource>['program']>, visitors: { rule: Rule; visitor: Visitor }[], path: string, findings: Finding[]): void {
  const enter = new Map<string, Handler[]>();
  const exit = new Map<string, Handler[]>();
  for (const { rule, visitor } of visitors) {
    for (const [key, fn] of Object.entries(visitor)) {
      if (key === 'onText' || typeof fn !== 'function') continue;
      const [type, phase] = key.split(':') as [string, string | undefined];
      const table = phase === 'exit' ? exit : enter;
      const list = table.get(type);
      if (list) list.push({ rule, fn: fn as NodeHandler });
      else table.set(type, [{ rule, fn: fn as NodeHandler }]);
    }
  }
  if (enter.size === 0 && exit.size === 0) return;
  // A rule that throws is switched off for the rest of the file: its handlers become no-ops, so
  // the walk checks nothing per call (this runs for every node of every parsed file).
  const fail = (rule: Rule, e: unknown) => {
    for (const table of [enter, exit]) for (const list of table.values()) for (const h of list) if (h.rule === rule) h.fn = ignore;
    findings.push(ruleCrash(rule, path, e));
  };
  const call = (handlers: Handler[], node: AstNode, parent: AstNode | null) => {
    for (let i = 0; i < handlers.length; i++) {
      const h = handlers[i]!;
      try {
        h.fn(node, parent);
      } catch (e) {
        fail(h.rule, e);
      }
    }
  };
  // Program's exit (the common one, "after the whole file") is called once after the walk, and
  // the walk calls exit only for the types some rule listens to: most nodes get one visit.
  const programExit = exit.get('Program');
  exit.delete('Program');
  walk(
    program,
    {
      enter: (node, parent) => {
        const handlers = enter.get(node.type);
        if (handlers !== undefined) call(handlers, node, parent);
      },
      ...(exit.size ? { exit: (node: AstNode, parent: AstNode | null) => call(exit.get(node.type)!, node, parent), exitTypes: new Set(exit.keys()) } : {}),
    },
    sourceKind(path).language === 'ts' ? TS_KEYS : JS_KEYS,
  );
  if (programExit) call(programExit, program, null);
}

function runGuarded(rule: Rule, path: string, findings: Finding[], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    findings.push(ruleCrash(rule, path, e));
  }
}

function toFinding(rule: Rule, file: string, r: Report, text: string | undefined, lines?: () => LineIndex): Finding {
  const start = r.node?.start ?? r.offset;
  const end = r.node?.end ?? (start === undefined ? undefined : start + (r.evidence?.length ?? 1));
  const index = lines ?? (text === undefined ? undefined : () => new LineIndex(text));
  const at = start !== undefined && index ? index().locate(start) : null;
  return {
    rule: rule.meta.id,
    severity: r.severity ?? rule.meta.severity,
    category: rule.meta.category,
    confidence: r.confidence ?? rule.meta.confidence,
    message: r.message,
    file,
    line: at?.line ?? null,
    column: at?.column ?? null,
    snippet: r.evidence !== undefined && start === undefined ? r.evidence : start !== undefined && text !== undefined ? snippet(text, start, end ?? start + 1) : '',
  };
}

/** A .js file that does not parse is itself a weak signal: packers and hand-mangled payloads often don't. */
function unparseable(file: SourceFile, error: string): Finding {
  return {
    rule: 'unparseable',
    severity: 'low',
    category: 'unparseable',
    confidence: 'low',
    message: `does not parse as JavaScript/TypeScript (${error}); checked by the text layer only`,
    file: file.path,
    line: null,
    column: null,
    snippet: '',
  };
}

/** A rule that throws is a bug in chainwatch, reported where it happened instead of hiding the package. */
function ruleCrash(rule: Rule, path: string, e: unknown): Finding {
  return {
    rule: rule.meta.id,
    severity: 'info',
    category: rule.meta.category,
    confidence: 'low',
    message: `internal error in rule ${rule.meta.id} (this is a bug in chainwatch): ${e instanceof Error ? e.message : String(e)}`,
    file: path,
    line: null,
    column: null,
    snippet: '',
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
