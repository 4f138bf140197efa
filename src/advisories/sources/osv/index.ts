// OSV import: OSV records (https://ossf.github.io/osv-schema/) from a JSON file, a directory or
// OSV's per-ecosystem export zip, converted to Advisories; and the download of that export.
export { convertOsvRecord, type OsvConversion } from './convert.js';
export { cvss2BaseScore, cvss3BaseScore, rateOsvSeverity } from './cvss.js';
export { loadOsv, type OsvLoad, type OsvLoadOptions, type OsvLoadStats } from './load.js';
export { detectOsvSource, readOsvDocuments, MAX_DOCUMENT_BYTES, type OsvDocument, type OsvSourceKind, type OsvUnreadable } from './read.js';
export { downloadToFile, OSV_NPM_EXPORT_URL, type DownloadOptions, type DownloadProgress } from './download.js';
