import { ErrorCodes, ToolError } from './errors.js';

/**
 * Checks for hand-written data files (curated incidents, IOC signatures) read as untrusted JSON:
 * each returns the value with its type, or calls `fail(where, problem)` with a message that
 * names the field (`packages[3].versions[0]`) and what is wrong with it. Pure; the callers turn
 * failures into ToolErrors naming the file.
 */
export type Fail = (where: string, problem: string) => never;

/** How a wrong value is described in a message: `missing`, `a list`, `number 3`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A mapping; at the root (`where` empty) the message says what the file should hold (`incident fields`). */
export function object(value: unknown, where: string, fail: Fail, rootName = 'fields'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(where, where ? `must be a mapping, found ${describeValue(value)}` : `is not a mapping of ${rootName}`);
  }
  return value as Record<string, unknown>;
}

/** No keys but these: a typo in a field name must not silently drop the field. */
export function only(value: Record<string, unknown>, keys: readonly string[], where: string, fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) fail(where ? `${where}.${key}` : key, `is not a known field (known: ${keys.join(', ')})`);
  }
}

export function array(value: unknown, where: string, fail: Fail): unknown[] {
  return Array.isArray(value) ? value : fail(where, `must be a list, found ${describeValue(value)}`);
}

export function text(value: unknown, where: string, max: number, fail: Fail): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(where, `must be non-empty text, found ${describeValue(value)}`);
  if (value.length > max) fail(where, `is longer than ${max} characters`);
  return value;
}

export function matching(value: unknown, where: string, pattern: RegExp, problem: string, fail: Fail): string {
  if (typeof value !== 'string') return fail(where, `must be a string, found ${describeValue(value)}`);
  return pattern.test(value) ? value : fail(where, `${JSON.stringify(value)} ${problem}`);
}

export function oneOf<T extends string>(value: unknown, where: string, allowed: readonly T[], fail: Fail): T {
  return allowed.includes(value as T) ? (value as T) : fail(where, `must be one of ${allowed.join(', ')}, found ${describeValue(value)}`);
}

/** A list of distinct strings, each matching the pattern. */
export function strings(value: unknown, where: string, pattern: RegExp, problem: string, fail: Fail): string[] {
  const list = array(value, where, fail);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const s = matching(item, `${where}[${i}]`, pattern, problem, fail);
    if (seen.has(s)) fail(`${where}[${i}]`, `"${s}" is listed twice`);
    seen.add(s);
    return s;
  });
}

/**
 * The JSON of a hand-written data file (an editor's byte-order mark dropped). A syntax error is a
 * ToolError naming `<file>:<line>` where V8's message gives a position (for a truncated file, its
 * last line with text), with `hint` saying how to fix it.
 */
export function parseDataJson(text: string, file: string, hint: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const line = jsonErrorLine(body, e);
    const reason = e instanceof Error ? e.message.replace(/\s*(in JSON )?at position \d+.*$/s, '') : String(e);
    throw new ToolError(ErrorCodes.parse, `${line === undefined ? file : `${file}:${line}`}: invalid JSON: ${reason}`, { hint, cause: e });
  }
}

/** The 1-based line of a JSON.parse SyntaxError, when V8's message gives a position ("... at position 42"; the end for "Unexpected end of JSON input"). */
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  const found = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (found === undefined) return undefined;
  // An error at the end of a truncated file: its last line with text, not the empty one after it.
  const offset = Math.min(found, text.trimEnd().length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
