// Regenerates the checked-in documents that are derived from code (a test fails when they drift).
import { writeFileSync, renameSync } from 'node:fs';
import { toJsonSchema } from '@valibot/to-json-schema';
import { ConfigSchema } from '../dist/config/schema.js';

const target = new URL('../docs/config.schema.json', import.meta.url);
const tmp = new URL('../docs/config.schema.json.tmp', import.meta.url);
writeFileSync(tmp, JSON.stringify(toJsonSchema(ConfigSchema), null, 2) + '\n');
renameSync(tmp, target);
console.log('wrote docs/config.schema.json');
