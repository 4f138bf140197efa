import type { AstNode } from '../../types.js';
import { commandLine } from './exec.js';
import type { ModuleAliases } from './modules.js';
import { type Bindings, HOLE } from './values.js';

const PUBLISH = /\b(?:npm|pnpm|yarn|bun)\s+(?:npm\s+)?publish\b/;
const VERSION = /\b(?:npm|pnpm|yarn)\s+version\b/;

/** How a call publishes to the npm registry, if it does: `npm publish` spawned, or libnpmpublish. */
export function publishCall(node: AstNode, aliases: ModuleAliases, bindings: Bindings): string | undefined {
  const callee = aliases.callee(node, bindings);
  if (callee === 'libnpmpublish.publish' || callee === 'libnpmpublish') return 'libnpmpublish.publish';
  const cmd = commandLine(node, aliases, bindings);
  if (cmd === undefined) return undefined;
  const line = cmd.replaceAll(HOLE, ' ');
  if (PUBLISH.test(line)) return PUBLISH.exec(line)![0].replace(/\s+/g, ' ');
  if (VERSION.test(line)) return VERSION.exec(line)![0].replace(/\s+/g, ' ');
  return undefined;
}
