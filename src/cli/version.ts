import { readFileSync } from 'node:fs';

/** chainwatch's own version, read once from the package.json it ships with. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
