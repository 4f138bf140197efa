import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes, installPath, parseDataJson, ToolError } from '../../../core/index.js';
import { createAdvisoryIndex } from '../../memory-index.js';
import type { Advisory, AdvisoryIndex } from '../../types.js';
import type { Incident } from './types.js';
import { validateIncident } from './validate.js';

/** The incident data shipped with chainwatch: `data/incidents/` at the package root. */
export const CURATED_DATA_DIR = installPath('data', 'incidents');

export interface CuratedOptions {
  /** Another folder of incident files, `<id>.json` (tests, a user's own data). Default: the shipped data. */
  dir?: string;
}

interface Loaded {
  incidents: Incident[];
  advisories: Advisory[];
  index: AdvisoryIndex;
}

/** Loaded once per folder per process: the data only changes with a chainwatch release. */
const cache = new Map<string, Loaded>();

/** Every incident, sorted by id. Throws ToolError naming the file when one is malformed. */
export function loadCuratedIncidents(opts: CuratedOptions = {}): Incident[] {
  return load(opts).incidents;
}

/** The incidents as Advisory objects (source 'curated', kind 'malware', explicit versions). */
export function curatedAdvisories(opts: CuratedOptions = {}): Advisory[] {
  return load(opts).advisories;
}

/** The incidents indexed by package name, for matchPackages. */
export function curatedIndex(opts: CuratedOptions = {}): AdvisoryIndex {
  return load(opts).index;
}

function load(opts: CuratedOptions): Loaded {
  const dir = opts.dir ?? CURATED_DATA_DIR;
  let loaded = cache.get(dir);
  if (loaded === undefined) {
    const incidents = readIncidents(dir);
    const advisories = incidents.map(incidentToAdvisory);
    loaded = { incidents, advisories, index: createAdvisoryIndex(advisories) };
    cache.set(dir, loaded);
  }
  return loaded;
}

function readIncidents(dir: string): Incident[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new ToolError(ErrorCodes.io, `${dir}: cannot read the incident data folder`, {
      hint: 'The chainwatch installation looks incomplete: reinstall it.',
      cause: e,
    });
  }
  // No data at all would make every scan pass: a broken installation must not look like a clean project.
  if (names.length === 0) {
    throw new ToolError(ErrorCodes.io, `${dir}: no incident files (*.json) in the incident data folder`, {
      hint: 'The chainwatch installation looks incomplete: reinstall it.',
    });
  }
  return names.map((name) => validateIncident(parseFile(join(dir, name)), join(dir, name), name.slice(0, -'.json'.length)));
}

/** JSON, not YAML: JSON.parse reads all the data in under 2 ms, where js-yaml took ~40 ms of a scan. */
function parseFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ToolError(ErrorCodes.io, `${file}: cannot be read: ${String(e)}`, { hint: HINT, cause: e });
  }
  return parseDataJson(text, file, HINT);
}

const HINT = 'Fix the file, or reinstall chainwatch if you did not edit it.';

/** One incident as one advisory: every package with its exact versions (and safe version as a fix hint). */
export function incidentToAdvisory(incident: Incident): Advisory {
  const timestamp = (date: string) => `${date}T00:00:00Z`;
  return {
    id: incident.id,
    aliases: incident.aliases,
    source: 'curated',
    kind: 'malware',
    title: incident.title,
    summary: incident.summary,
    severity: incident.severity,
    published: timestamp(incident.date),
    modified: timestamp(incident.updated ?? incident.date),
    references: incident.references,
    affected: incident.packages.map((p) => ({
      name: p.name,
      versions: p.versions,
      ...(p.safe === undefined ? {} : { safe: [p.safe] }),
    })),
  };
}
