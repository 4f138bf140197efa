import type { Severity } from '../../core/index.js';

/** How a signature's value is matched: see docs/schemas/ioc.schema.json for each kind. */
export const IOC_KINDS = ['string', 'sha256', 'domain', 'ip', 'url', 'wallet', 'filename', 'regex'] as const;
export type IocKind = (typeof IOC_KINDS)[number];

/** [P] in the research: the payload or a primary advisory; [S]: a secondary source nobody checked against the payload. */
export const IOC_BASES = ['primary', 'secondary'] as const;
export type IocBasis = (typeof IOC_BASES)[number];

/** One indicator as written in data/ioc/<incident>.json. */
export interface IocSignature {
  /** `<incident short name>-<n>`, unique across all files. */
  id: string;
  kind: IocKind;
  value: string;
  /** filename only: paths that must be present too. */
  with?: readonly string[];
  /** regex only: literals of which every match contains one. */
  needles?: readonly string[];
  severity: Severity;
  basis: IocBasis;
  /** What it is, a few words: shown in findings. */
  note: string;
  /** Where the research says it comes from. */
  source: string;
}

/** One data file: an incident's indicators with their references. */
export interface IocFile {
  incident: string;
  /** Other incidents with the same payload (duckdb reused the chalk/debug interceptor). */
  related: readonly string[];
  references: readonly string[];
  notes?: readonly string[];
  signatures: readonly IocSignature[];
}

/** A signature with the incident it belongs to, as the matcher hands it out. */
export interface LoadedSignature extends IocSignature {
  incident: string;
  related: readonly string[];
  references: readonly string[];
}

/** A signature found in a file's text. */
export interface IocTextHit {
  signature: LoadedSignature;
  /** UTF-16 offset of the match in the text. */
  offset: number;
  /** The matched text. */
  match: string;
}

/** A filename signature found in a package's file list. */
export interface IocFileHit {
  signature: LoadedSignature;
  /** The package-relative path that matched. */
  path: string;
}
