import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Pair } from 'yaml';
import { ErrorCodes, ToolError } from '../../core/index.js';
import type { Pin } from './overrides.js';

/** yaml, loaded on first use: about 45 ms to load, which only a pnpm project with something to fix needs. */
let loadedYaml: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  return (loadedYaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

/**
 * pnpm 10+: `overrides` in pnpm-workspace.yaml (null text: the file does not exist yet). The
 * document is parsed with yaml's Document API and edited where its nodes stand in the text: an
 * existing pin's value is replaced, a new one goes on a line after the last entry of the block
 * mapping (in its indentation), a missing `overrides` is appended at the end. Every other byte
 * (comments, their spacing, quoting, key order) stays as it was; line endings are kept. Only a
 * flow-style `overrides: {…}` is re-rendered, by the Document itself.
 */
export function writePnpmWorkspaceOverrides(text: string | null, pins: readonly Pin[], file = 'pnpm-workspace.yaml'): string {
  const source = text ?? '';
  const crlf = source.includes('\r\n');
  const normalized = crlf ? source.replace(/\r\n/g, '\n') : source;
  let out = normalized;
  for (const pin of pins) out = setPin(out, pin, file);
  if (out === normalized) return source;
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

function setPin(text: string, pin: Pin, file: string): string {
  const doc = parse(text, file);
  const overrides = doc.get('overrides', true);
  if (overrides === undefined) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${sep}overrides:\n${indentUnit(text)}${yamlKey(pin.name)}: ${pin.version}\n`;
  }
  if (yaml().isScalar(overrides) && overrides.value === null) {
    // `overrides:` with nothing under it: the entry goes on the next line.
    const keyPair = (doc.contents as { items: Pair[] }).items.find((p) => yaml().isScalar(p.key) && p.key.value === 'overrides')!;
    return insertLineAfter(text, (keyPair.key as { range: [number, number, number] }).range[0], `${indentUnit(text)}${yamlKey(pin.name)}: ${pin.version}`);
  }
  if (!yaml().isMap(overrides)) throw new ToolError(ErrorCodes.format, `${file}: \`overrides\` is not a mapping; nothing was changed`);
  const pair = overrides.items.find((p) => yaml().isScalar(p.key) && p.key.value === pin.name);
  if (pair && yaml().isScalar(pair.value) && String(pair.value.value) === pin.version) return text;
  if (overrides.flow) {
    doc.setIn(['overrides', pin.name], pin.version);
    return doc.toString({ lineWidth: 0 });
  }
  if (pair && yaml().isScalar(pair.value) && pair.value.range) {
    const [start, end] = pair.value.range;
    return text.slice(0, start) + pin.version + text.slice(end);
  }
  const first = overrides.items[0]!.key as { range: [number, number, number] };
  const column = first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1);
  const last = overrides.items[overrides.items.length - 1]!;
  const lastNode = (last.value ?? last.key) as { range: [number, number, number] };
  return insertLineAfter(text, lastNode.range[1] - 1, `${' '.repeat(column)}${yamlKey(pin.name)}: ${pin.version}`);
}

function parse(text: string, file: string): Document.Parsed {
  const doc = yaml().parseDocument(text);
  if (doc.errors.length > 0) throw new ToolError(ErrorCodes.parse, `${file}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); nothing was changed`);
  if (doc.contents !== null && !yaml().isMap(doc.contents)) throw new ToolError(ErrorCodes.format, `${file}: the top level is not a mapping; nothing was changed`);
  return doc;
}

/** `line` on a line of its own after the line that holds `offset`. */
function insertLineAfter(text: string, offset: number, line: string): string {
  const eol = text.indexOf('\n', offset);
  if (eol === -1) return `${text}\n${line}\n`;
  return text.slice(0, eol + 1) + line + '\n' + text.slice(eol + 1);
}

/** The file's indentation unit: that of its first indented line, else two spaces. */
function indentUnit(text: string): string {
  return /^( +)\S/m.exec(text)?.[1] ?? '  ';
}

/** A package name as a mapping key: plain when YAML reads it back as that string, else single-quoted (`'@scope/name'`). */
function yamlKey(name: string): string {
  return /^[A-Za-z0-9_][\w.\-/]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Whether a pnpm-workspace.yaml already has an `overrides` key (an unreadable one: no). */
export function pnpmWorkspaceHasOverrides(text: string): boolean {
  const doc = yaml().parseDocument(text);
  return doc.errors.length === 0 && yaml().isMap(doc.contents) && doc.has('overrides');
}
