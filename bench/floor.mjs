// The floor: what any Node tool pays at minimum to look at this lockfile: startup, reading the
// file, and (for JSON formats) JSON.parse. YAML/yarn/bun text is only read, since Node has no
// built-in parser for it.   node bench/floor.mjs <file> [json|read]
import { readFileSync } from 'node:fs';

const [file, mode = 'json'] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
if (mode === 'json') JSON.parse(text);
