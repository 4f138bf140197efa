// The advisories layer: one Advisory model for every source, the curated incident data, and
// matching of package versions against advisories. Imports only core/.
export type { Advisory, AdvisoryIndex, AdvisoryMatch, Affected, RangeEvent, VersionRange } from './types.js';
export { isAffected } from './range.js';
export { dedupeAdvisories, fixCandidates, matchPackages } from './matcher.js';
export { createAdvisoryIndex } from './memory-index.js';
export {
  CURATED_DATA_DIR,
  INCIDENT_CONFIDENCES,
  INCIDENT_KINDS,
  curatedAdvisories,
  curatedIndex,
  incidentToAdvisory,
  loadCuratedIncidents,
} from './sources/curated/index.js';
export type { CuratedOptions, Incident, IncidentConfidence, IncidentKind, IncidentPackage } from './sources/curated/index.js';
export {
  convertOsvRecord,
  detectOsvSource,
  downloadToFile,
  loadOsv,
  readOsvDocuments,
  OSV_NPM_EXPORT_URL,
  type OsvConversion,
  type OsvLoad,
  type OsvLoadStats,
  type OsvSourceKind,
} from './sources/osv/index.js';
