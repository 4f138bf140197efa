export type { InspectReport } from './types.js';
export { INSPECT_SCHEMA_VERSION, renderInspectJson, renderInspectSarif, renderInspectText } from './render.js';
