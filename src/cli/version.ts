import { readFileSync } from 'node:fs';
import { installPath } from '../core/index.js';

/** chainwatch's own version, read once from the package.json it ships with. */
export const VERSION: string = (JSON.parse(readFileSync(installPath('package.json'), 'utf8')) as { version: string }).version;
