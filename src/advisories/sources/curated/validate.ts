import { ErrorCodes, ToolError } from '../../../core/index.js';
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
  const root = object(doc, '', fail);
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

type Fail = (where: string, problem: string) => never;

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function object(value: unknown, where: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(where, where ? `must be a mapping, found ${describe(value)}` : 'is not a mapping of incident fields');
  }
  return value as Record<string, unknown>;
}

function only(value: Record<string, unknown>, keys: readonly string[], where: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) fail(where ? `${where}.${key}` : key, `is not a known field (known: ${keys.join(', ')})`);
  }
}

function array(value: unknown, where: string, fail: Fail): unknown[] {
  return Array.isArray(value) ? value : fail(where, `must be a list, found ${describe(value)}`);
}

function text(value: unknown, where: string, max: number, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(where, `must be non-empty text, found ${describe(value)}`);
  if (value.length > max) fail(where, `is longer than ${max} characters`);
  return value;
}

function matching(value: unknown, where: string, pattern: RegExp, problem: string, fail: Fail): string {
  if (typeof value !== 'string') return fail(where, `must be a string, found ${describe(value)}`);
  return pattern.test(value) ? value : fail(where, `"${value}" ${problem}`);
}

function oneOf<T extends string>(value: unknown, where: string, allowed: readonly T[], fail: Fail): T {
  return allowed.includes(value as T) ? (value as T) : fail(where, `must be one of ${allowed.join(', ')}, found ${describe(value)}`);
}

function strings(value: unknown, where: string, pattern: RegExp, problem: string, fail: Fail): string[] {
  const list = array(value, where, fail);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const s = matching(item, `${where}[${i}]`, pattern, problem, fail);
    if (seen.has(s)) fail(`${where}[${i}]`, `"${s}" is listed twice`);
    seen.add(s);
    return s;
  });
}
