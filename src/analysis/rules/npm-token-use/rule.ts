import type { AstNode, Rule } from '../../types.js';
import { commandLine, HOLE, memberPath, mergeVisitors, publishCall, stringVisitor, trackers } from '../_ast/index.js';

const TOKEN_ENV = /^process\.env\.(?:NPM_TOKEN|NODE_AUTH_TOKEN|NPM_AUTH_TOKEN|npm_config__authToken|npm_config_token|NPM_CONFIG_TOKEN)$/;
const AUTH_TOKEN = /_authToken/;
const WHOAMI = /\/-\/whoami\b|\/-\/npm\/v1\/tokens\b/;

/**
 * npm tokens used from package code: a token from the environment (`NPM_TOKEN`,
 * `NODE_AUTH_TOKEN`) or parsed out of `.npmrc` (`_authToken`), together with a call that checks or
 * uses it against the registry (`/-/whoami`, `npm whoami`, the tokens API, a publish). Shai-Hulud
 * did exactly this before republishing (incidents.md §3), and the nx s1ngularity payload ran
 * `npm whoami` (§5). semantic-release and friends do it too, so alone it is a capability (low
 * confidence); npm-worm-propagation and the verdict's ci-worm + credential pairing decide.
 */
export const rule: Rule = {
  meta: {
    id: 'npm-token-use',
    severity: 'medium',
    category: 'ci-worm',
    confidence: 'low',
    description: 'Reads an npm token (NPM_TOKEN, NODE_AUTH_TOKEN, _authToken) and uses it against the registry (whoami, tokens API, publish)',
    needles: ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'NPM_AUTH_TOKEN', '_authToken', 'npm_config_token', 'NPM_CONFIG_TOKEN'],
  },
  create(ctx) {
    const t = trackers(ctx);
    let token: { node: AstNode; what: string } | undefined;
    let use: string | undefined;
    return mergeVisitors(
      t.visitor,
      {
        MemberExpression: (node) => {
          const path = memberPath(node, t.bindings);
          if (path !== undefined && TOKEN_ENV.test(path)) token ??= { node, what: path };
        },
        Literal: (node) => {
          const re = (node as { regex?: { pattern: string } }).regex;
          if (re && AUTH_TOKEN.test(re.pattern)) token ??= { node, what: '_authToken parsed out of .npmrc' };
        },
        CallExpression: (node) => {
          const how = publishCall(node, t.aliases, t.bindings);
          if (how !== undefined) use ??= how;
          const cmd = commandLine(node, t.aliases, t.bindings);
          if (cmd !== undefined && /\bnpm\s+whoami\b/.test(cmd.replaceAll(HOLE, ' '))) use ??= 'npm whoami';
        },
        'Program:exit': () => {
          if (token && use) ctx.report({ node: token.node, message: `uses an npm token (${token.what}) against the registry (${use})` });
        },
      },
      stringVisitor(t.bindings, (s) => {
        if (WHOAMI.test(s)) use ??= WHOAMI.exec(s)![0];
      }),
    );
  },
};
