import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function readConfig(dir) {
  const { default: defaults } = await import('./defaults.js');
  const text = await readFile(path.join(dir, 'config.json'), 'utf8');
  return { ...defaults, ...JSON.parse(text) };
}
