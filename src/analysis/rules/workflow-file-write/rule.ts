import type { AstNode, Rule } from '../../types.js';
import { commandLine, HOLE, lastName, mergeVisitors, someDescendant, stringShape, stringVisitor, trackers, unwrap } from '../_ast/index.js';

/** fs functions that write a file, and which argument is the destination. */
const WRITERS: Record<string, number> = {
  writeFile: 0, writeFileSync: 0, appendFile: 0, appendFileSync: 0, createWriteStream: 0, outputFile: 0, outputFileSync: 0,
  writeJson: 0, writeJsonSync: 0, outputJson: 0, outputJsonSync: 0, copyFile: 1, copyFileSync: 1, rename: 1, renameSync: 1,
  cp: 1, cpSync: 1, copy: 1, copySync: 1, move: 1, moveSync: 1, symlink: 1, symlinkSync: 1,
};
const WORKFLOWS = /(?:^|[/\\\0\s"'])\.github[/\\]+workflows(?:[/\\\s"']|$)/;

/**
 * Code that writes GitHub Actions workflows: `fs.writeFile('.github/workflows/x.yml', …)`, a PUT
 * to the contents API under `.github/workflows/`, or `git add .github/workflows`. A workflow runs
 * with the repository's secrets: Shai-Hulud committed `shai-hulud-workflow.yml` to dump them
 * (incidents.md §3) and its second wave added `discussion.yaml` as a backdoor runner (§4).
 * Project generators write workflows too, hence medium confidence.
 */
export const rule: Rule = {
  meta: {
    id: 'workflow-file-write',
    severity: 'high',
    category: 'ci-worm',
    confidence: 'medium',
    description: 'Writes GitHub Actions workflow files (.github/workflows/*) from code, or commits them through the API',
    needles: ['workflows'],
  },
  create(ctx) {
    const t = trackers(ctx);
    const pathVars = new Set<string>();
    let reported = false;
    const report = (node: AstNode, how: string) => {
      if (reported) return;
      reported = true;
      ctx.report({ node, message: `writes a GitHub Actions workflow (${how}): it will run with the repository's secrets` });
    };
    const isWorkflowPath = (node: AstNode | undefined): boolean => {
      if (!node) return false;
      const n = unwrap(node);
      // dir = join(repo, '.github', 'workflows'); writeFile(join(dir, 'x.yml'))
      if (pathVars.size > 0 && someDescendant(n, (x) => x.type === 'Identifier' && pathVars.has(x.name), 200)) return true;
      const s = stringShape(n, t.bindings);
      return s !== undefined && WORKFLOWS.test(s);
    };
    return mergeVisitors(
      t.visitor,
      {
        VariableDeclarator: (node) => {
          const d = node as AstNode & { type: 'VariableDeclarator' };
          if (d.id.type === 'Identifier' && d.init && isWorkflowPath(d.init as AstNode)) pathVars.add(d.id.name);
        },
        CallExpression: (node) => {
          const c = node as AstNode & { type: 'CallExpression' };
          const callee = t.aliases.callee(c, t.bindings);
          const fn = lastName(callee);
          const index = fn === undefined ? undefined : WRITERS[fn];
          if (index !== undefined && isWorkflowPath(c.arguments[index] as AstNode | undefined)) return report(node, `${callee}`);
          const cmd = commandLine(c, t.aliases, t.bindings);
          if (cmd !== undefined && WORKFLOWS.test(cmd.replaceAll(HOLE, ' ')) && /\b(?:git\s+add|cp|mv|tee|cat\s*>|echo)\b|>/.test(cmd)) report(node, 'shell command');
        },
      },
      stringVisitor(t.bindings, (s, node) => {
        // PUT /repos/{owner}/{repo}/contents/.github/workflows/x.yml
        if (/\/contents\/\.github\/workflows\//.test(s)) report(node, 'GitHub contents API');
      }),
    );
  },
};
