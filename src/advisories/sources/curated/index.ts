export { CURATED_DATA_DIR, curatedAdvisories, curatedIndex, incidentToAdvisory, loadCuratedIncidents } from './loader.js';
export type { CuratedOptions } from './loader.js';
export { INCIDENT_CONFIDENCES, INCIDENT_KINDS } from './types.js';
export type { Incident, IncidentConfidence, IncidentKind, IncidentPackage } from './types.js';
