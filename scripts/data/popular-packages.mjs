// Writes data/popular-packages.json: the names of the most popular npm packages, which the release
// diff compares a new dependency's name against (a name one typo away from a popular one, such as
// `crossenv` for `cross-env`, is the typosquat pattern).
//
//   node scripts/data/popular-packages.mjs [--limit N] [--query TEXT ...] [--from-tsv FILE] [--out FILE]
//
// By default it asks the registry of your npm configuration (`npm config get registry`, never a
// fixed host) through its search endpoint, `-/v1/search?text=…&popularity=1.0&size=250&from=N`,
// over a few broad queries, ranks what comes back by the search's popularity score (monthly
// downloads when the response carries them) and keeps the first --limit (default 5000) names.
//
// --from-tsv FILE  build the list from a tab-separated file instead, with a header row naming a
//                  `name` column and a downloads column (the first whose name contains
//                  "download"): for a registry whose search endpoint is unavailable.
//
// The file holds { source, generatedAt, count, names } with the names sorted, written as
// JSON.stringify(value, null, 2) plus a newline like every data file.
/* global fetch, AbortSignal */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, URLSearchParams } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE = 250;
/** Broad queries: the search endpoint needs a text; together these reach most popular packages. */
const QUERIES = [
  'not:unstable', 'javascript', 'typescript', 'node', 'react', 'vue', 'angular', 'cli', 'util', 'utility',
  'test', 'build', 'webpack', 'babel', 'eslint', 'plugin', 'css', 'http', 'server', 'api', 'parser',
  'string', 'array', 'object', 'stream', 'file', 'fs', 'path', 'promise', 'async', 'config', 'json',
  'types', 'aws', 'cloud', 'database', 'sql', 'date', 'crypto', 'hash', 'color', 'log', 'debug',
  'terminal', 'command', 'framework', 'component', 'ui', 'rollup', 'vite', 'jest', 'polyfill', 'es6',
];

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '5000' },
    query: { type: 'string', multiple: true },
    'from-tsv': { type: 'string' },
    out: { type: 'string', default: join(repo, 'data/popular-packages.json') },
  },
});
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit <= 0) fail(`--limit must be a positive integer, not ${values.limit}`);

const { names, source } = values['from-tsv'] ? fromTsv(values['from-tsv'], limit) : await fromSearch(values.query ?? QUERIES, limit);
if (names.length === 0) fail('no package names found: nothing written');
const data = { source, generatedAt: new Date().toISOString(), count: names.length, names: [...names].sort() };
writeFileSync(values.out, `${JSON.stringify(data, null, 2)}\n`);
console.log(`wrote ${names.length} names to ${values.out} (${source})`);

async function fromSearch(queries, max) {
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/?$/, '/');
  const seen = new Map(); // name -> popularity
  const failures = [];
  for (const text of queries) {
    for (let from = 0; from < max; from += PAGE) {
      const url = `${registry}-/v1/search?${new URLSearchParams({ text, popularity: '1.0', quality: '0.0', maintenance: '0.0', size: String(PAGE), from: String(from) })}`;
      let body;
      try {
        const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
        if (!res.ok) {
          failures.push(`${text}@${from}: HTTP ${res.status}`);
          break;
        }
        body = await res.json();
      } catch (e) {
        failures.push(`${text}@${from}: ${e instanceof Error ? e.message : String(e)}`);
        break;
      }
      const objects = Array.isArray(body?.objects) ? body.objects : [];
      for (const o of objects) {
        const name = o?.package?.name;
        if (typeof name !== 'string') continue;
        const score = typeof o?.downloads?.monthly === 'number' ? o.downloads.monthly : (o?.score?.detail?.popularity ?? 0);
        seen.set(name, Math.max(seen.get(name) ?? 0, score));
      }
      if (objects.length < PAGE) break;
    }
    if (seen.size >= max * 2) break;
  }
  if (failures.length) console.error(`search: ${failures.length} request(s) failed, first: ${failures[0]}`);
  const names = [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([n]) => n);
  if (names.length < max) console.error(`search gave ${names.length} names, fewer than the ${max} asked for`);
  // The registry is not named: the data file must not carry a host (nor credentials).
  return { names, source: `npm registry search (-/v1/search, popularity=1.0), ${queries.length} queries, top ${names.length} by popularity` };
}

function fromTsv(file, max) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split('\t');
  const nameCol = header.findIndex((h) => h.trim().toLowerCase() === 'name');
  const downloadsCol = header.findIndex((h) => /download/i.test(h));
  if (nameCol < 0 || downloadsCol < 0) fail(`${file}: the header row needs a "name" column and a downloads column`);
  const rows = [];
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const name = cells[nameCol]?.trim();
    const downloads = Number(cells[downloadsCol]);
    if (name && Number.isFinite(downloads)) rows.push([name, downloads]);
  }
  const names = rows.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max).map(([n]) => n);
  return { names, source: `${basename(file)}: top ${names.length} by ${header[downloadsCol].trim()}` };
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
