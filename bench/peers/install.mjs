// Installs the pinned peers of bench/peers.json into bench/.work/peers on first use (scripts never
// run: --ignore-scripts). Uses the machine's npm and whatever registry its configuration names.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { peersPrefix } from './resolve.mjs';

const pins = JSON.parse(readFileSync(new URL('../peers.json', import.meta.url), 'utf8')).packages;

/** Installs missing/mismatched peers; returns {name: installedVersion}. */
export function ensurePeers(log = () => {}) {
  const installed = () => Object.fromEntries(Object.keys(pins).map((name) => [name, installedVersion(name)]));
  const current = installed();
  const wanted = Object.entries(pins).filter(([name, version]) => current[name] !== version);
  if (wanted.length) {
    mkdirSync(peersPrefix, { recursive: true });
    if (!existsSync(join(peersPrefix, 'package.json'))) writeFileSync(join(peersPrefix, 'package.json'), '{"private":true}\n');
    log(`installing peers into ${peersPrefix}: ${wanted.map(([n, v]) => `${n}@${v}`).join(' ')}`);
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', ...wanted.map(([n, v]) => `${n}@${v}`)], {
      cwd: peersPrefix, stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return installed();
}

function installedVersion(name) {
  const path = join(peersPrefix, 'node_modules', name, 'package.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).version : null;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensurePeers((m) => console.error(m)));
