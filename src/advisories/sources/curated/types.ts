import type { Severity } from '../../../core/index.js';

/** How an incident happened; docs/schemas/incident.schema.json describes each kind. */
export const INCIDENT_KINDS = [
  'compromised-account',
  'compromised-build',
  'worm',
  'protestware',
  'maintainer-handover',
  'malicious-package',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_CONFIDENCES = ['high', 'medium', 'low'] as const;
export type IncidentConfidence = (typeof INCIDENT_CONFIDENCES)[number];

/** One curated incident, as written in data/incidents/<id>.json (docs/schemas/incident.schema.json describes it). */
export interface Incident {
  id: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** YYYY-MM-DD: last change users should notice; absent when never changed. */
  updated?: string;
  title: string;
  summary: string;
  kind: IncidentKind;
  severity: Severity;
  confidence?: IncidentConfidence;
  /** GHSA / CVE / OSV ids of the same incident. */
  aliases: string[];
  references: string[];
  /** Remarks for maintainers about the data (a version left out and why); not shown in reports. */
  notes?: string[];
  packages: IncidentPackage[];
}

export interface IncidentPackage {
  name: string;
  /** Exact affected versions. */
  versions: string[];
  /** A version the sources name as clean (fix hint). */
  safe?: string;
}
