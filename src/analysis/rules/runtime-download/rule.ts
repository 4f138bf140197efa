import type { AstNode, Rule } from '../../types.js';
import { commandLine, DECODER_NEEDLES, HOLE, mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/** Installer scripts and release downloads of JavaScript runtimes other than the one running. */
const INSTALLERS: [RegExp, string][] = [
  [/\bbun\.sh\/install(?:\.ps1)?\b/, 'Bun (bun.sh/install)'],
  [/\bdeno\.land\/(?:install\.(?:sh|ps1)|x\/install)\b/, 'Deno (deno.land/install)'],
];
const RELEASES: [RegExp, string][] = [
  [/github\.com\/oven-sh\/bun\/releases/, 'Bun (GitHub release)'],
  [/github\.com\/denoland\/deno\/releases|dl\.deno\.land/, 'Deno (release download)'],
];

/**
 * Code that downloads and installs another JavaScript runtime: `curl -fsSL https://bun.sh/install | bash`,
 * `irm bun.sh/install.ps1|iex`, Deno's installer, or their GitHub releases fetched and run.
 * Shai-Hulud 2.0's `setup_bun.js` installed Bun this way so that its 10 MB payload ran outside
 * Node, where Node-focused monitoring does not look (incidents.md §4). The `bun` and `deno` npm
 * packages download their own binaries by design, hence medium confidence.
 */
export const rule: Rule = {
  meta: {
    id: 'runtime-download',
    severity: 'high',
    category: 'ci-worm',
    confidence: 'medium',
    description: 'Downloads and installs another JavaScript runtime (bun.sh/install, Deno installer, Bun/Deno releases) from code',
    needles: ['bun.sh', 'deno.land', 'oven-sh/bun', 'denoland/deno', 'dl.deno', ...DECODER_NEEDLES],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    const releases: { node: AstNode; what: string }[] = [];
    let runsCommands = false;
    const report = (node: AstNode, what: string, how: string) => {
      if (seen.has(what)) return;
      seen.add(what);
      ctx.report({ node, message: `installs the ${what} runtime from code (${how})` });
    };
    return mergeVisitors(
      t.visitor,
      {
        CallExpression: (node) => {
          if (!runsCommands && commandLine(node, t.aliases, t.bindings) !== undefined) runsCommands = true;
        },
        'Program:exit': () => {
          // A release URL alone may be documentation; with a spawned process it is an install.
          if (runsCommands) for (const r of releases) report(r.node, r.what, 'downloads a release and runs programs');
        },
      },
      stringVisitor(t.bindings, (shape, node) => {
        // Every installer and release pattern names bun or deno.
        if (!shape.includes('bun') && !shape.includes('deno')) return;
        const s = shape.replaceAll(HOLE, ' ');
        for (const [re, what] of INSTALLERS) if (re.test(s)) report(node, what, /\|\s*(?:ba)?sh\b|\|\s*iex\b|iex\s*\(/i.test(s) ? 'installer piped to a shell' : 'installer script URL');
        for (const [re, what] of RELEASES) if (re.test(s)) releases.push({ node, what });
      }),
    );
  },
};
