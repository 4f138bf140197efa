import type { AstNode, AstProgram, Visitor } from '../../types.js';
import type { ModuleAliases } from './modules.js';
import { classifySecretPath, FILE_READERS, type SecretPath, WALLET_EXTENSION_IDS } from './secret-paths.js';
import { SecretTaint } from './taint.js';
import { type Bindings, lastName } from './values.js';
import { mergeVisitors, stringVisitor } from './visitors.js';

export interface SecretFileUse {
  node: AstNode;
  secret: SecretPath;
}

export interface SecretFileEvidence {
  /** Calls that read a credential file (fs read/copy/readdir of it, or `cat` of it in a command). */
  reads: SecretFileUse[];
  /** Every string in the file that names a credential file, read or not (lists of targets). */
  mentions: SecretFileUse[];
  /** Strings holding the Chrome Web Store id of a wallet extension. */
  extensionIds: { node: AstNode; id: string }[];
  /** The file calls a file-reading function (readFileSync, copyFile, readdir, …) at all. */
  readsFiles: boolean;
}

const shared = new WeakMap<object, SecretFileEvidence>();

/**
 * Collects what credential files a file names and reads, for the credential rules. Shared per file
 * like the trackers: the first rule to ask drives the collection, the others read the same evidence
 * at `Program:exit`.
 */
export function secretFileVisitor(file: { ast: AstProgram | null }, aliases: ModuleAliases, bindings: Bindings): { evidence: SecretFileEvidence; visitor: Visitor } {
  const existing = file.ast ? shared.get(file.ast) : undefined;
  if (existing) return { evidence: existing, visitor: {} };
  const collected = collect(aliases, bindings);
  if (file.ast) shared.set(file.ast, collected.evidence);
  return collected;
}

function collect(aliases: ModuleAliases, bindings: Bindings): { evidence: SecretFileEvidence; visitor: Visitor } {
  const evidence: SecretFileEvidence = { reads: [], mentions: [], extensionIds: [], readsFiles: false };
  const taint = new SecretTaint(aliases, bindings);
  const idPattern = /[a-p]{32}/g;
  return {
    evidence,
    visitor: mergeVisitors(
      // Only the path bookkeeping of the taint tracker is needed here (`const p = join(home, '.npmrc')`).
      { VariableDeclarator: (node) => taint.notePath(node) },
      stringVisitor(bindings, (shape, node) => {
        const secret = classifySecretPath(shape);
        if (secret) evidence.mentions.push({ node, secret });
        if (shape.length >= 32 && shape.length < 4096) {
          for (const m of shape.matchAll(idPattern)) if (WALLET_EXTENSION_IDS.has(m[0])) evidence.extensionIds.push({ node, id: m[0] });
        }
      }),
      {
        CallExpression: (node) => {
          const fn = lastName(aliases.callee(node, bindings));
          if (fn !== undefined && FILE_READERS.has(fn)) evidence.readsFiles = true;
          const source = taint.sourceCall(node);
          if (source?.file) evidence.reads.push({ node, secret: source.file });
        },
      },
    ),
  };
}
