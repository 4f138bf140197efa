// The advisory database: an embedded SQLite file (better-sqlite3) holding imported advisories,
// indexed by package name. Built whole into a temporary file and renamed into place.
export { openAdvisoryDbReader, type AdvisoryDbReader, type AdvisoryDbSummary, type AdvisorySourceInfo } from './advisory-db-reader.js';
export { createAdvisoryDbWriter, type AdvisoryDbWriter } from './advisory-db-writer.js';
export { replaceFileAtomically } from './atomic.js';
export { defaultAdvisoryDbPath, defaultResultCachePath } from './db-path.js';
export { unusableDatabase } from './errors.js';
export { APPLICATION_ID, SCHEMA_VERSION } from './schema.js';
export { openResultCache, type ResultCache } from './analysis-cache.js';
