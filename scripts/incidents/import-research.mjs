// Writes the `packages` list of each curated incident (data/incidents/<id>.json) from the
// research file incidents.json, so long lists (Shai-Hulud: 216 and 795 packages) are never
// typed by hand. Every other field (id, title, summary, references, hand-written notes, ...)
// is left alone; the file is written back as JSON.stringify(incident, null, 2) plus a newline,
// the format every data file is kept in.
//
//   node scripts/incidents/import-research.mjs [--research PATH] [--check] [id ...]
//
// --research  the research file (default: ../shared/research/incidents.json next to the repo)
// --check     write nothing; exit 1 when a data file's list differs from the research file
//             (or the file is not in that format)
// id ...      only these incidents (default: every incident that has a data file)
//
// Deviations from the research file are explicit in EXCLUDE and SAFE below, each with its reason.
// An EXCLUDE reason is also written into the incident's `notes`, as the one note that starts
// with "Left out: ".
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import valid from 'semver/functions/valid.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(repo, 'data/incidents');

/** Versions the research file lists but flags as doubtful, with the reason (incidents.md). */
const EXCLUDE = {
  'tanstack-mini-shai-hulud-2026-05-11': {
    reason:
      'the advisory counts 84 versions, two per package, while the research list has 86 from one scanner; ' +
      'incidents.md flags the two that break the two-per-package pattern as doubtful',
    versions: { '@tanstack/solid-router-devtools': ['1.167.0'], '@tanstack/start-storage-context': ['1.167.4'] },
  },
};

/** Known-good versions, only where the research notes name one (incidents.md). */
const SAFE = {
  'solana-web3js-2024-12-03': { '@solana/web3.js': '1.95.8' }, // "fixed in 1.95.8" (CVE-2024-54134)
  'lottie-player-2024-10-30': { '@lottiefiles/lottie-player': '2.0.8' }, // "The safe release is 2.0.8"
};

const LEFT_OUT = 'Left out: ';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { research: { type: 'string' }, check: { type: 'boolean', default: false } },
});
const researchPath = resolve(values.research ?? join(repo, '../shared/research/incidents.json'));
const research = new Map(JSON.parse(readFileSync(researchPath, 'utf8')).map((i) => [i.id, i]));

const ids = positionals.length > 0 ? positionals : readdirSync(dataDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const missing = [...research.keys()].filter((id) => !existsSync(join(dataDir, `${id}.json`)));
if (missing.length > 0) console.warn(`research incidents without a data file (write its hand-written fields first): ${missing.join(', ')}`);

let stale = 0;
for (const id of ids) {
  const incident = research.get(id);
  if (!incident) throw new Error(`${id}: not in ${researchPath}`);
  const file = join(dataDir, `${id}.json`);
  if (!existsSync(file)) throw new Error(`${file}: missing; write the hand-written fields (id, title, summary, ...) first`);
  const text = readFileSync(file, 'utf8');
  const doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (doc?.id !== id) throw new Error(`${file}: no incident with id "${id}" in the file`);
  const next = format(withImportedList(doc, incident));
  if (next === text) continue;
  if (values.check) {
    const listChanged = format(doc) !== next;
    console.error(`${file}: ${listChanged ? 'package list (or its "Left out" note) differs from the research file' : 'not formatted as JSON.stringify(incident, null, 2)'}`);
    stale++;
  } else {
    writeFileSync(file, next);
    console.log(`wrote ${file}`);
  }
}
if (stale > 0) process.exit(1);

/** The data files' one format: stable diffs, and what --check compares byte for byte. */
function format(doc) {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The incident with `packages` replaced by the research list, and its "Left out: " note
 * replaced by the EXCLUDE reason (or dropped). Keys keep their order; a new `notes` goes just
 * before `packages`.
 */
function withImportedList(doc, incident) {
  const exclude = EXCLUDE[incident.id];
  const handWritten = (doc.notes ?? []).filter((n) => !n.startsWith(LEFT_OUT));
  const notes = exclude ? [...handWritten, `${LEFT_OUT}${exclude.reason} (${describe(exclude.versions)})`] : handWritten;
  const out = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'notes') continue;
    if (key === 'packages' && notes.length > 0) out.notes = notes;
    out[key] = key === 'packages' ? packagesOf(incident, exclude) : value;
  }
  if (!('packages' in out)) {
    if (notes.length > 0) out.notes = notes;
    out.packages = packagesOf(incident, exclude);
  }
  return out;
}

function packagesOf(incident, exclude) {
  const safe = SAFE[incident.id] ?? {};
  const packages = [];
  const seen = new Set();
  for (const pkg of incident.packages) {
    if (seen.has(pkg.name)) throw new Error(`${incident.id}: ${pkg.name} listed twice in the research file`);
    seen.add(pkg.name);
    const dropped = exclude?.versions[pkg.name] ?? [];
    const versions = pkg.versions.filter((v) => !dropped.includes(v));
    for (const v of versions) if (valid(v) !== v) throw new Error(`${incident.id}: ${pkg.name} ${v} is not a semver version`);
    if (versions.length === 0) continue;
    packages.push({ name: pkg.name, versions, ...(safe[pkg.name] ? { safe: safe[pkg.name] } : {}) });
  }
  return packages;
}

function describe(versions) {
  return Object.entries(versions).map(([name, vs]) => vs.map((v) => `${name}@${v}`).join(', ')).join(', ');
}
