import { ErrorCodes, ToolError } from '../../core/index.js';
import { array, describeValue, matching, object, oneOf, only, strings, text, type Fail } from '../../core/index.js';
import type { Severity } from '../../core/index.js';
import { IOC_BASES, IOC_KINDS } from './types.js';
import type { IocFile, IocKind, IocSignature } from './types.js';

/**
 * The checks of docs/schemas/ioc.schema.json, by hand (ajv is a test-only dependency and this
 * runs at every load; the tests feed the same broken documents to both so they stay in step),
 * plus what a schema cannot express: the file name is the incident id, regexes compile, and one
 * file's signature ids share one prefix.
 */
export function validateIocFile(doc: unknown, file: string, expectedIncident: string): IocFile {
  const fail = (where: string, problem: string): never => {
    throw new ToolError(ErrorCodes.format, `${file}: ${where ? `${where} ` : ''}${problem}`, { hint: HINT });
  };
  const root = object(doc, '', fail, 'IOC fields');
  only(root, ['incident', 'related', 'references', 'notes', 'signatures'], '', fail);
  const incident = matching(root.incident, 'incident', INCIDENT, 'is not an incident id (lower-case words joined by "-")', fail);
  if (incident !== expectedIncident) fail('incident', `"${incident}" does not match the file name (${expectedIncident}.json)`);
  const related = root.related === undefined ? [] : strings(root.related, 'related', INCIDENT, 'is not an incident id', fail);
  const references = strings(root.references, 'references', URL, 'must be an https URL', fail);
  if (references.length === 0) fail('references', 'must list at least one source');
  const notes = root.notes === undefined ? undefined : array(root.notes, 'notes', fail).map((n, i) => text(n, `notes[${i}]`, 1200, fail));
  const list = array(root.signatures, 'signatures', fail);
  if (list.length === 0) fail('signatures', 'must list at least one signature');
  const signatures = list.map((item, i) => validateSignature(item, `signatures[${i}]`, fail));
  const prefixes = new Set(signatures.map((s) => s.id.slice(0, s.id.lastIndexOf('-'))));
  if (prefixes.size > 1) fail('signatures', `ids must share one prefix, found ${[...prefixes].join(', ')}`);
  const seen = new Set<string>();
  for (const [i, s] of signatures.entries()) {
    if (seen.has(s.id)) fail(`signatures[${i}].id`, `"${s.id}" is listed twice`);
    seen.add(s.id);
  }
  return { incident, related, references, ...(notes === undefined ? {} : { notes }), signatures };
}

function validateSignature(item: unknown, where: string, fail: Fail): IocSignature {
  const sig = object(item, where, fail);
  only(sig, ['id', 'kind', 'value', 'with', 'needles', 'severity', 'basis', 'note', 'source'], where, fail);
  const id = matching(sig.id, `${where}.id`, SIGNATURE_ID, 'must be <short name>-<n>', fail);
  const kind = oneOf(sig.kind, `${where}.kind`, IOC_KINDS, fail);
  const value = valueOf(sig.value, kind, `${where}.value`, fail);
  const severity = oneOf(sig.severity, `${where}.severity`, SEVERITIES, fail);
  const basis = oneOf(sig.basis, `${where}.basis`, IOC_BASES, fail);
  if (basis === 'secondary' && severity === 'critical') fail(`${where}.severity`, 'must be high or lower for a secondary-source indicator');
  const note = text(sig.note, `${where}.note`, 200, fail);
  const source = text(sig.source, `${where}.source`, 400, fail);
  if (sig.with !== undefined && kind !== 'filename') fail(`${where}.with`, 'is only for filename signatures');
  if (sig.needles !== undefined && kind !== 'regex') fail(`${where}.needles`, 'is only for regex signatures');
  const withPaths = sig.with === undefined ? undefined : strings(sig.with, `${where}.with`, PATH, 'is not a package-relative path', fail);
  if (withPaths !== undefined && withPaths.length === 0) fail(`${where}.with`, 'must list at least one path');
  let needles: string[] | undefined;
  if (kind === 'regex') {
    if (sig.needles === undefined) fail(`${where}.needles`, 'is required for a regex signature');
    needles = strings(sig.needles, `${where}.needles`, LITERAL, LITERAL_PROBLEM, fail);
    if (needles.length === 0) fail(`${where}.needles`, 'must list at least one literal');
  }
  return {
    id, kind, value, ...(withPaths === undefined ? {} : { with: withPaths }), ...(needles === undefined ? {} : { needles }),
    severity, basis, note, source,
  };
}

function valueOf(value: unknown, kind: IocKind, where: string, fail: Fail): string {
  if (typeof value !== 'string' || value === '') return fail(where, `must be a non-empty string, found ${describeValue(value)}`);
  switch (kind) {
    case 'sha256':
      return matching(value, where, SHA256, 'is not a lower-case hex SHA-256', fail);
    case 'filename':
      return matching(value, where, PATH, 'is not a package-relative path', fail);
    case 'regex':
      try {
        new RegExp(value, 'g');
      } catch (e) {
        fail(where, `does not compile: ${e instanceof Error ? e.message : String(e)}`);
      }
      return value;
    default: {
      const literal = matching(value, where, LITERAL, LITERAL_PROBLEM, fail);
      const shape = SHAPES[kind];
      return shape ? matching(literal, where, shape.pattern, shape.problem, fail) : literal;
    }
  }
}

const HINT = 'Fix the file against docs/schemas/ioc.schema.json, or reinstall chainwatch if you did not edit it.';

// Kept equal to the schema's patterns (a test compares them).
export const PATTERNS = {
  incident: '^[a-z0-9]+(-[a-z0-9]+)*$',
  signatureId: '^[a-z0-9]+-[1-9][0-9]*$',
  url: '^https://[^\\s]+$',
  sha256: '^[0-9a-f]{64}$',
  domain: '^[a-z0-9-]+(\\.[a-z0-9-]+)+$',
  ip: '^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$',
  hostUrl: '^[a-z0-9-]+(\\.[a-z0-9-]+)+(:\\d+)?/[^\\s]*$',
  wallet: '^[A-Za-z0-9]+(:[A-Za-z0-9]+)?$',
  literal: '^[^\\n\\r]+$',
  path: '^(?!/)(?!.*(^|/)\\.\\.?(/|$))[^\\s\\\\]+$',
} as const;
/** Shorter literals occur by chance and cut the scanner's skip distance (see literal-scanner.ts). */
export const MIN_LITERAL = 8;
const MAX_LITERAL = 4096;

const INCIDENT = new RegExp(PATTERNS.incident);
const SIGNATURE_ID = new RegExp(PATTERNS.signatureId);
const URL = new RegExp(PATTERNS.url);
const SHA256 = new RegExp(PATTERNS.sha256);
const PATH = new RegExp(PATTERNS.path);
const LITERAL = new RegExp(`^(?=[^]{${MIN_LITERAL},${MAX_LITERAL}}$)${PATTERNS.literal.slice(1)}`);
const LITERAL_PROBLEM = `must be one line of ${MIN_LITERAL} to ${MAX_LITERAL} characters`;
const SHAPES: Partial<Record<IocKind, { pattern: RegExp; problem: string }>> = {
  domain: { pattern: new RegExp(PATTERNS.domain), problem: 'is not a lower-case host name' },
  ip: { pattern: new RegExp(PATTERNS.ip), problem: 'is not an IPv4 address' },
  url: { pattern: new RegExp(PATTERNS.hostUrl), problem: 'is not host[:port]/path (without the scheme)' },
  wallet: { pattern: new RegExp(PATTERNS.wallet), problem: 'is not an address (letters and digits, optionally prefix:address)' },
};
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const satisfies readonly Severity[];

