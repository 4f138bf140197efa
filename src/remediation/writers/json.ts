import { findNodeAtLocation, getNodeValue, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { ErrorCodes, ToolError } from '../../core/index.js';

export interface JsonEdit {
  path: JSONPath;
  value: string;
}

/**
 * Sets string values in a JSON document and leaves every other byte as it was: the value is
 * replaced where it stands, a new key goes after the existing ones of its object, a missing
 * parent object is created; new text takes the file's own indentation and line ending. (The
 * edits are made here rather than with jsonc-parser's `modify`, whose formatter re-indents the
 * whole line before an insertion, an inline array included.) A value already there is not
 * written again, so applying the same edits twice changes nothing the second time.
 */
export function editJson(text: string, edits: readonly JsonEdit[]): string {
  let out = text;
  for (const edit of edits) out = setString(out, edit.path, edit.value);
  return out;
}

function setString(text: string, path: JSONPath, value: string): string {
  const root = parseTree(text);
  if (!root || root.type !== 'object') return text;
  const existing = findNodeAtLocation(root, path);
  if (existing) {
    if (getNodeValue(existing) === value) return text;
    return splice(text, existing.offset, existing.length, JSON.stringify(value));
  }
  // The deepest object on the path that exists; what is missing below it is created as one value.
  let parent: Node = root;
  let depth = 0;
  for (; depth < path.length - 1; depth++) {
    const next = findNodeAtLocation(root, path.slice(0, depth + 1));
    if (!next || next.type !== 'object') break;
    parent = next;
  }
  const [key, ...rest] = path.slice(depth) as string[];
  let created: unknown = value;
  for (const k of rest.reverse()) created = { [k]: created };
  const { eol, unit } = style(text);
  const parentIndent = lineIndent(text, parent.offset);
  const childIndent = parentIndent + unit;
  const entry = `${JSON.stringify(key)}: ${JSON.stringify(created, null, unit).replace(/\n/g, eol + childIndent)}`;
  const props = parent.children ?? [];
  if (props.length === 0) return splice(text, parent.offset, parent.length, `{${eol}${childIndent}${entry}${eol}${parentIndent}}`);
  const last = props[props.length - 1]!;
  return splice(text, last.offset + last.length, 0, `,${eol}${childIndent}${entry}`);
}

function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}

/** The whitespace a line starts with: the line that holds `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The indentation unit and line ending the file already uses (two spaces and \n when it shows none). */
function style(text: string): { eol: string; unit: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)["}\]]/.exec(text)?.[1];
  return { eol, unit: indent?.startsWith('\t') ? '\t' : (indent ?? '  ') };
}

/** The value at a path of a parsed document, or undefined. */
export function valueAt(doc: unknown, path: readonly string[]): unknown {
  let v = doc;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * A package.json as an object, or a ToolError naming the file: a fix is only written into a
 * manifest the package manager itself could read (strict JSON, an object at the top).
 */
export function parseManifest(text: string, file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ToolError(ErrorCodes.parse, `${file}: not valid JSON (${(e as Error).message}); nothing was changed`, { cause: e });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ToolError(ErrorCodes.format, `${file}: not a package.json (the top level is not an object); nothing was changed`);
  }
  return doc as Record<string, unknown>;
}
