import type { AstNode, Rule } from '../../types.js';
import { commandLine, HOLE, isSendCall, memberPath, mergeVisitors, staticString, stringShape, stringVisitor, trackers, unwrap } from '../_ast/index.js';

const ROUTE = /^POST\s+\/(?:user|orgs\/(?:\{org\}|[^/\s]+))\/repos\b/;
/** The create-repository endpoint on github.com or GitHub Enterprise (`/api/v3/user/repos`). */
const API_URL = /\/(?:user|orgs\/[^/\s]*)\/repos(?:$|[?#\s])/;
const API_PATH = /^\/?(?:api\/v3\/)?(?:user|orgs\/[^/\s]+)\/repos$/;
const OCTOKIT_METHOD = /(?:^|\.)repos\.(?:createForAuthenticatedUser|createInOrg)$/;
const TOKEN_ENV = /^process\.env\.(?:GITHUB_TOKEN|GH_TOKEN|GITHUB_PAT|GH_PAT|GITHUB_ACCESS_TOKEN|INPUT_GITHUB_TOKEN)$/;
const TOKEN_STRING = /\bgh[pousr]_|github_pat_|\bgh\s+auth\s+token\b/;

/**
 * Creating GitHub repositories from package code with a token: `POST /user/repos` (fetch, octokit
 * `request`, `repos.createForAuthenticatedUser`) or `gh repo create`. Shai-Hulud created a public
 * `Shai-Hulud` repository in each victim's account to publish stolen secrets and mirrored private
 * repositories as public `-migration` copies (incidents.md §3); s1ngularity created
 * `s1ngularity-repository` (§5) and Shai-Hulud 2.0 random-named repositories (§4). Scaffolding
 * CLIs create repositories on purpose, hence medium confidence.
 */
export const rule: Rule = {
  meta: {
    id: 'github-repo-create',
    severity: 'high',
    category: 'ci-worm',
    confidence: 'medium',
    description: 'Creates GitHub repositories through the API (POST /user/repos, createForAuthenticatedUser, gh repo create) with a token',
    needles: ['/repos', 'createForAuthenticatedUser', 'createInOrg', 'repo create'],
  },
  create(ctx) {
    const t = trackers(ctx);
    const creations: { node: AstNode; how: string }[] = [];
    const tokens = new Set<string>();
    const isPost = (call: AstNode & { type: 'CallExpression' }, callee: string | undefined): boolean => {
      if (callee !== undefined && /\.post$/.test(callee)) return true;
      return call.arguments.some((a) => {
        const o = unwrap(a as AstNode);
        return o.type === 'ObjectExpression' && o.properties.some((p) => p.type === 'Property' && !p.computed && (p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode)) === 'method' && /^post$/i.test(staticString(p.value as AstNode, t.bindings) ?? ''));
      });
    };
    // api('POST', '/user/repos', token, body): a helper that takes the method and path apart
    const isSplitRoute = (c: AstNode & { type: 'CallExpression' }): boolean => {
      const args = c.arguments.map((a) => staticString(a as AstNode, t.bindings));
      return args.some((a) => a !== undefined && /^post$/i.test(a)) && args.some((a) => a !== undefined && API_PATH.test(a));
    };
    return mergeVisitors(
      t.visitor,
      {
        CallExpression: (node) => {
          const c = node as AstNode & { type: 'CallExpression' };
          const callee = t.aliases.callee(c, t.bindings);
          const first = c.arguments[0] ? stringShape(c.arguments[0] as AstNode, t.bindings) : undefined;
          if (first !== undefined && ROUTE.test(first)) creations.push({ node, how: first.replaceAll(HOLE, '…').split(/\s+/).slice(0, 2).join(' ') });
          else if (callee !== undefined && OCTOKIT_METHOD.test(callee)) creations.push({ node, how: callee.split('.').slice(-2).join('.') });
          else if (first !== undefined && API_URL.test(first) && (first.includes('github') || isSendCall(callee)) && isPost(c, callee)) creations.push({ node, how: 'POST …/user/repos' });
          else if (isSplitRoute(c)) creations.push({ node, how: "api('POST', '/user/repos')" });
          else {
            const cmd = commandLine(c, t.aliases, t.bindings);
            if (cmd !== undefined && /\bgh\s+repo\s+create\b/.test(cmd)) creations.push({ node, how: 'gh repo create' });
          }
        },
        MemberExpression: (node) => {
          const path = memberPath(node, t.bindings);
          if (path !== undefined && TOKEN_ENV.test(path)) tokens.add(path);
        },
        NewExpression: (node) => {
          // new Octokit({ auth: token })
          const n = node as AstNode & { type: 'NewExpression' };
          if (!/Octokit$/.test(memberPath(n.callee as AstNode, t.bindings) ?? '')) return;
          const opts = n.arguments[0] && unwrap(n.arguments[0] as AstNode);
          if (opts?.type === 'ObjectExpression' && opts.properties.some((p) => p.type === 'Property' && propertyKey(p) === 'auth')) tokens.add('Octokit auth');
        },
        Literal: (node) => {
          // /^(gho_|ghp_)/.test(token): the check Shai-Hulud and s1ngularity made before using a token
          const re = (node as { regex?: { pattern: string } }).regex;
          if (re && /gh[pousr]_|\(gh[pousr]_|github_pat_/.test(re.pattern)) tokens.add(`/${re.pattern}/`);
        },
        'Program:exit': () => {
          const first = creations[0];
          if (!first || tokens.size === 0) return;
          ctx.report({ node: first.node, message: `creates GitHub repositories (${first.how}) with a token (${[...tokens].slice(0, 2).join(', ')})` });
        },
      },
      stringVisitor(t.bindings, (s) => {
        const m = TOKEN_STRING.exec(s);
        if (m) tokens.add(m[0].trim());
      }),
    );
  },
};

function propertyKey(p: AstNode & { type: 'Property' }): string | undefined {
  if (p.computed) return undefined;
  return p.key.type === 'Identifier' ? p.key.name : staticString(p.key as AstNode);
}

