import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, ToolError } from '../../../core/index.js';
import { createAdvisoryIndex } from '../../memory-index.js';
import type { Advisory, AdvisoryIndex } from '../../types.js';
import type { Incident } from './types.js';
import { validateIncident } from './validate.js';

/**
 * The incident data shipped with chainwatch: `data/incidents/` at the package root. This module
 * sits at the same depth in src/ (vitest) and dist/ (the published build), so one relative URL
 * finds it from both.
 */
export const CURATED_DATA_DIR = fileURLToPath(new URL('../../../../data/incidents/', import.meta.url));

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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // an editor's byte-order mark
  try {
    return JSON.parse(text);
  } catch (e) {
    const line = jsonErrorLine(text, e);
    const reason = e instanceof Error ? e.message.replace(/\s*(in JSON )?at position \d+.*$/s, '') : String(e);
    throw new ToolError(ErrorCodes.parse, `${line === undefined ? file : `${file}:${line}`}: invalid JSON: ${reason}`, { hint: HINT, cause: e });
  }
}

const HINT = 'Fix the file, or reinstall chainwatch if you did not edit it.';

/**
 * The 1-based line of a JSON.parse SyntaxError, when V8's message gives a position ("... at
 * position 42"; the end for "Unexpected end of JSON input"). The readers' jsonErrorPosition does
 * the same, but advisories may not import readers.
 */
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  const found = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (found === undefined) return undefined;
  // An error at the end of a truncated file: its last line with text, not the empty one after it.
  const offset = Math.min(found, text.trimEnd().length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

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
