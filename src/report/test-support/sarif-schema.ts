import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';

/**
 * The official OASIS SARIF 2.1.0 schema (draft-07), vendored in ../fixtures/ (see its README).
 * Its three formats are checked with WHATWG URL parsing and an RFC 3339 pattern instead of
 * pulling in ajv-formats. Returns null when the document is valid, else ajv's error text.
 */
export const schemaPath = fileURLToPath(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url));
const ajv = new Ajv({ allErrors: true });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s\\]/.test(s));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

export function sarifErrors(doc: unknown): string | null {
  return validate(doc) ? null : ajv.errorsText(validate.errors);
}
