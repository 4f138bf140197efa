import type { AstNode, Rule } from '../../types.js';
import { commandLine, HOLE, memberPath, mergeVisitors, publishCall, staticString, stringVisitor, trackers, unwrap } from '../_ast/index.js';

/** Listing the packages a user maintains: the worm's list of victims. */
const ENUMERATION = /\/-\/v1\/search\?[^\s]*maintainer:|text=maintainer:|\/-\/user\/[^/\s]*\/package|\/-\/org\/[^/\s]*\/package|\bnpm\s+(?:access\s+(?:ls-packages|list\s+packages)|search\s+[^|;&]*maintainer[:=])/;
/** Appending files to a package tarball in place. */
const REPACK = /\btar\s+(?:-\w*[ur]\w*f|-\w*f\w*[ur]|--append|--update|-r\s|-u\s)/;
const HOOKS = new Set(['preinstall', 'install', 'postinstall']);
const HOOK_COMMAND = /^node\s+\S+/;

/**
 * A self-propagating npm worm: package code that publishes (`npm publish`, libnpmpublish) *and*
 * either enumerates the packages its victim maintains (`/-/v1/search?text=maintainer:…`,
 * `npm access ls-packages`), injects an install hook into a manifest (`scripts.postinstall =
 * 'node bundle.js'`) or repacks tarballs in place (`tar -uf`). This is Shai-Hulud's propagation
 * (incidents.md §3, §4): whoami, search by maintainer, download each tarball, bump the patch,
 * add the payload and a postinstall, republish. Release tools publish their own package; they do
 * not go looking for others to infect.
 */
export const rule: Rule = {
  meta: {
    id: 'npm-worm-propagation',
    severity: 'critical',
    category: 'ci-worm',
    confidence: 'high',
    description: "Publishes to npm and enumerates the maintainer's packages, injects install hooks into manifests or repacks tarballs (self-propagation)",
    needles: ['publish'],
  },
  create(ctx) {
    const t = trackers(ctx);
    let publish: { node: AstNode; how: string } | undefined;
    const traits = new Set<string>();
    return mergeVisitors(
      t.visitor,
      {
        CallExpression: (node) => {
          const how = publishCall(node, t.aliases, t.bindings);
          if (how !== undefined && !how.endsWith('version')) publish ??= { node, how };
          const cmd = commandLine(node, t.aliases, t.bindings);
          if (cmd !== undefined) {
            const line = cmd.replaceAll(HOLE, ' ');
            if (REPACK.test(line)) traits.add('repacks tarballs in place (tar -uf)');
            if (ENUMERATION.test(line)) traits.add("lists the maintainer's packages");
          }
        },
        AssignmentExpression: (node) => {
          // pkg.scripts.postinstall = 'node bundle.js'
          const left = unwrap((node as AstNode & { type: 'AssignmentExpression' }).left as AstNode);
          const path = memberPath(left, t.bindings);
          const hook = path?.split('.').slice(-2);
          if (hook && hook[0] === 'scripts' && HOOKS.has(hook[1]!)) traits.add(`injects a ${hook[1]} hook into a manifest`);
        },
        Property: (node, parent) => {
          // { ...pkg.scripts, postinstall: 'node bundle.js' }
          const p = node as AstNode & { type: 'Property' };
          const key = p.computed ? undefined : p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
          if (key === undefined || !HOOKS.has(key) || parent?.type !== 'ObjectExpression') return;
          const value = staticString(p.value as AstNode, t.bindings);
          if (value !== undefined && HOOK_COMMAND.test(value)) traits.add(`injects a ${key} hook into a manifest ("${value}")`);
        },
        'Program:exit': () => {
          if (!publish || traits.size === 0) return;
          ctx.report({ node: publish.node, message: `spreads through npm: ${publish.how} together with code that ${[...traits].join('; ')}` });
        },
      },
      stringVisitor(t.bindings, (s) => {
        // Each alternative needs '/-/', 'maintainer' or 'npm' (none of which a hole shown as 'x' can complete).
        if (!s.includes('/-/') && !s.includes('maintainer') && !s.includes('npm')) return;
        if (ENUMERATION.test(s.replaceAll(HOLE, 'x'))) traits.add("lists the maintainer's packages (registry search by maintainer)");
      }),
    );
  },
};
