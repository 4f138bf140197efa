import { readFileSync } from 'node:fs';
import { toJsonSchema } from '@valibot/to-json-schema';
import { describe, expect, it } from 'vitest';
import { isToolError } from '../core/index.js';
import { parseConfigFile } from './index.js';
import { ConfigSchema } from './schema.js';

describe('parseConfigFile', () => {
  it('accepts a valid config', async () => {
    await expect(parseConfigFile('{"format":"json","ignore":["vendor","fixtures/old"]}', 'c.json')).resolves.toEqual({
      format: 'json',
      ignore: ['vendor', 'fixtures/old'],
    });
  });

  it.each([
    ['{"format":', 'c.json: not valid JSON'],
    ['{"format":"xml"}', 'c.json: format: Invalid type'],
    ['{"ignor":[]}', 'c.json: ignor: Invalid key'],
    ['{"ignore":[""]}', 'c.json: ignore.0: Invalid length'],
    ['[]', 'c.json: (top level): Invalid type'],
  ])('rejects %s with a one-line error naming the file and key', async (text, message) => {
    const error = await parseConfigFile(text, 'c.json').catch((e: unknown) => e);
    expect(isToolError(error)).toBe(true);
    expect((error as Error).message.startsWith(message)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('docs/config.schema.json', () => {
  it('is generated from the schema (run `npm run gen:docs` after changing it)', () => {
    const generated = JSON.stringify(toJsonSchema(ConfigSchema), null, 2) + '\n';
    expect(readFileSync(new URL('../../docs/config.schema.json', import.meta.url), 'utf8')).toBe(generated);
  });
});
