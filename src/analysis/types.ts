import type { Node as EsNode, Program } from 'estree';
import type { PackageRef, Severity } from '../core/index.js';

/**
 * The detection engine's vocabulary. Rules are ESLint-style modules: metadata plus `create`,
 * which returns visitors the engine calls during its one walk over each file's ESTree AST, and
 * optional hooks for the file's text and the package's manifest. Rules never read files, never
 * touch the network, and never execute what they look at.
 */

// Every node the parser produces carries its source offsets (0-based UTF-16 indices, as
// String#slice takes them): declared once on ESTree's BaseNode so child nodes have them too.
declare module 'estree' {
  interface BaseNode {
    start: number;
    end: number;
  }
}

/** An ESTree node as the parser produces it, with `start`/`end` offsets. */
export type AstNode = EsNode;
export type AstProgram = Program;

/** What a rule is about; the verdict combines findings by category (see verdict.ts). */
export type RuleCategory =
  | 'install-script'
  | 'wallet-hijack'
  | 'obfuscation'
  | 'dynamic-code'
  | 'credential-harvesting'
  | 'exfiltration'
  | 'ci-worm'
  | 'destructive'
  | 'binary'
  | 'ioc'
  | 'archive'
  | 'unparseable';

export interface RuleMeta {
  /** kebab-case, equal to the rule's folder name: `install-script-download`. */
  id: string;
  severity: Severity;
  category: RuleCategory;
  /** One line: what the rule reports. */
  description: string;
  /**
   * How sure a hit is: `high` means benign code essentially never does this (a verdict may rest
   * on it alone); `low` means it is a capability many benign packages have.
   */
  confidence: 'low' | 'medium' | 'high';
  /**
   * Cheap text prefilter: the rule's visitors run only on files whose text contains at least one
   * of these substrings (case-sensitive). Omitted: every parsed file.
   */
  needles?: readonly string[];
  /**
   * The rule reads only a file's text (an `onText` hook, no AST handlers), so it never causes a
   * parse: a run of such rules alone costs what reading the files costs, and inspect schedules it
   * without sizing packages first. A test holds every rule that says so to it.
   */
  textOnly?: boolean;
}

/** One file of a package as the engine hands it to rules. */
export interface SourceFile {
  /** '/'-separated, relative to the package root: `dist/index.js`. */
  path: string;
  text: string;
}

/** package.json as read from the package: untrusted JSON. */
export type Manifest = Readonly<Record<string, unknown>>;

export interface PackageInfo {
  /** From the manifest; a directory that is not a package gets the folder's name and version null. */
  name: string;
  version: string | null;
  manifest: Manifest | null;
  /** Every file path of the package ('/'-separated, relative), including ones that are not source. */
  files: readonly string[];
  /** Files whose first bytes are an executable format (ELF, PE, Mach-O): the engine checks each file's head. */
  executables: readonly string[];
}

export interface Report {
  message: string;
  /** Where: a node (its start) or an offset into the file's text. Neither: the file (or manifest) as a whole. */
  node?: { start: number; end?: number };
  offset?: number;
  /** The exact text that matched, when it is not the node's own source (an IOC string, a decoded payload). */
  evidence?: string;
  /** This finding's own severity and confidence, when they differ from the rule's (a secondary-source IOC). */
  severity?: Severity;
  confidence?: RuleMeta['confidence'];
}

export interface FileContext {
  readonly pkg: PackageInfo;
  readonly file: SourceFile;
  /** Null when the file is not JavaScript/TypeScript or did not parse. */
  readonly ast: AstProgram | null;
  report(r: Report): void;
  /** The source text of a node. */
  source(node: { start: number; end: number }): string;
}

export interface ManifestContext {
  readonly pkg: PackageInfo;
  /** Reads another file of the package (for "the install script runs a file that is itself flagged"); undefined when absent or not text. */
  readFile(path: string): string | undefined;
  report(r: Report & { file?: string }): void;
}

export type NodeHandler = (node: AstNode, parent: AstNode | null) => void;

type NodeType = AstNode['type'];
type NodeOf<T extends NodeType> = Extract<AstNode, { type: T }>;

/**
 * Handlers by ESTree node type (`CallExpression`, with the node typed as one), or `Type:exit`,
 * as ESLint's rule listeners; and `onText`: the whole text, parsed or not (text-layer checks:
 * long lines, escape density, IOC strings).
 */
export type Visitor = { [T in NodeType]?: (node: NodeOf<T>, parent: AstNode | null) => void } & {
  [T in NodeType as `${T}:exit`]?: (node: NodeOf<T>, parent: AstNode | null) => void;
} & {
  onText?: (text: string) => void;
};

export interface Rule {
  meta: RuleMeta;
  /** Per file: visitors for the AST walk. Called only for files that pass the prefilter. */
  create?(ctx: FileContext): Visitor;
  /** Once per package, over its manifest (install scripts, bin, a new executable). */
  checkPackage?(ctx: ManifestContext): void;
}

export interface Finding {
  rule: string;
  severity: Severity;
  category: RuleCategory;
  confidence: RuleMeta['confidence'];
  message: string;
  /** Package-relative path; `package.json` for manifest findings. */
  file: string;
  /** 1-based; null for whole-file or manifest-wide findings. */
  line: number | null;
  column: number | null;
  /** The matched source, long lines cut around the match. */
  snippet: string;
}

export type Verdict = 'malicious' | 'suspicious' | 'clean';

export interface PackageAnalysis {
  name: string;
  version: string | null;
  /** The package directory (or tarball) as given, for display. */
  path: string;
  verdict: Verdict;
  /** Why the verdict: one line per combination of findings that decided it. */
  reasons: string[];
  findings: Finding[];
  /** Files skipped (binary, too large) and files that did not parse, for the record. */
  stats: { files: number; parsed: number; unparseable: number; skipped: number };
}

export type { PackageRef };
