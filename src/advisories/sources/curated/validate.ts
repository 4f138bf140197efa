import { ErrorCodes, ToolError } from '../../../core/index.js';
import { array, matching, object, oneOf, only, strings, text } from '../../../core/index.js';
import type { Severity } from '../../../core/index.js';
import { parseVersion } from '../../range.js';
import { INCIDENT_CONFIDENCES, INCIDENT_KINDS } from './types.js';
import type { Incident, IncidentPackage } from './types.js';

/**
 * The checks of docs/schemas/incident.schema.json, by hand: ajv is a test-only dependency and
 * this runs at every load. The tests feed the same broken documents to both, so they stay in step.
 * Also checks what the schema cannot: file name == id, no package named twice, semver versions.
 */
export function validateIncident(doc: unknown, file: string, expectedId: string): Incident {
  const fail = (where: string, problem: string): never => {
    throw new ToolError(ErrorCodes.format, `${file}: ${where ? `${where} ` : ''}${problem}`, { hint: HINT });
  };
  const root = object(doc, '', fail, 'incident fields');
  only(root, ['id', 'date', 'updated', 'title', 'summary', 'kind', 'severity', 'confidence', 'aliases', 'references', 'notes', 'packages'], '', fail);

  const id = matching(root.id, 'id', ID, 'must be lower-case words joined by "-"', fail);
  if (id !== expectedId) fail('id', `"${id}" does not match the file name (${expectedId}.json)`);
  const date = matching(root.date, 'date', DATE, 'must be a YYYY-MM-DD date', fail);
  const updated = root.updated === undefined ? undefined : matching(root.updated, 'updated', DATE, 'must be a YYYY-MM-DD date', fail);
  const title = text(root.title, 'title', 120, fail);
  const summary = text(root.summary, 'summary', 1200, fail);
  const kind = oneOf(root.kind, 'kind', INCIDENT_KINDS, fail);
  const severity = oneOf(root.severity, 'severity', SEVERITIES, fail);
  const confidence = root.confidence === undefined ? undefined : oneOf(root.confidence, 'confidence', INCIDENT_CONFIDENCES, fail);
  const aliases = root.aliases === undefined ? [] : strings(root.aliases, 'aliases', ALIAS, 'is not an advisory id (GHSA-…, CVE-…, MAL-…)', fail);
  const references = strings(root.references, 'references', URL, 'must be an https URL', fail);
  const notes = root.notes === undefined ? undefined : array(root.notes, 'notes', fail).map((note, i) => text(note, `notes[${i}]`, 1200, fail));

  const list = array(root.packages, 'packages', fail);
  if (list.length === 0) fail('packages', 'must list at least one package');
  const seen = new Set<string>();
  const packages = list.map((item, i): IncidentPackage => {
    const where = `packages[${i}]`;
    const pkg = object(item, where, fail);
    only(pkg, ['name', 'versions', 'safe'], where, fail);
    const name = matching(pkg.name, `${where}.name`, NAME, 'is not an npm package name', fail);
    if (seen.has(name)) fail(`${where}.name`, `"${name}" is listed twice`);
    seen.add(name);
    const versions = strings(pkg.versions, `${where}.versions`, VERSION, 'is not an exact semver version', fail);
    if (versions.length === 0) fail(`${where}.versions`, 'must list at least one version');
    for (const [j, v] of versions.entries()) if (!isExactVersion(v)) fail(`${where}.versions[${j}]`, `"${v}" is not an exact semver version`);
    const safe = pkg.safe === undefined ? undefined : matching(pkg.safe, `${where}.safe`, VERSION, 'is not an exact semver version', fail);
    if (safe !== undefined && !isExactVersion(safe)) fail(`${where}.safe`, `"${safe}" is not an exact semver version`);
    if (safe !== undefined && versions.includes(safe)) fail(`${where}.safe`, `"${safe}" is also listed as affected`);
    return { name, versions, ...(safe === undefined ? {} : { safe }) };
  });

  return {
    id, date, ...(updated === undefined ? {} : { updated }), title, summary, kind, severity,
    ...(confidence === undefined ? {} : { confidence }), aliases, references, ...(notes === undefined ? {} : { notes }), packages,
  };
}

const HINT = 'Fix the file against docs/schemas/incident.schema.json, or reinstall chainwatch if you did not edit it.';

// Kept equal to the schema's patterns (a test compares them).
export const PATTERNS = {
  id: '^[a-z0-9]+(-[a-z0-9]+)*$',
  date: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  alias: '^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]+$',
  url: '^https://[^\\s]+$',
  name: '^(@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$',
  version: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$',
} as const;
const ID = new RegExp(PATTERNS.id);
const DATE = new RegExp(PATTERNS.date);
const ALIAS = new RegExp(PATTERNS.alias);
const URL = new RegExp(PATTERNS.url);
const NAME = new RegExp(PATTERNS.name);
const VERSION = new RegExp(PATTERNS.version);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[];

/** semver's own parse agrees and gives the same string back (no leading zeros, no `v`). */
function isExactVersion(v: string): boolean {
  return parseVersion(v)?.format() === v.replace(/\+.*$/, '');
}

