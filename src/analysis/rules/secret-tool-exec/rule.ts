import type { Rule } from '../../types.js';
import { commandLine, HOLE, mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/** Command lines that dump secrets, and what they are. */
const COMMANDS: [RegExp, string][] = [
  [/\btrufflehog\b/i, 'runs TruffleHog (secret scanner)'],
  [/\bgitleaks\b/i, 'runs gitleaks (secret scanner)'],
  [/\bnoseyparker\b|\bdetect-secrets\b/i, 'runs a secret scanner'],
  [/\bgh\s+auth\s+token\b/, 'asks the GitHub CLI for its token (gh auth token)'],
  [/\bgh\s+auth\s+status\b[^|;&]*(?:-t|--show-token)\b/, 'asks the GitHub CLI for its token (gh auth status --show-token)'],
  [/\bsecurity\s+find-(?:generic|internet)-password\b/, 'reads macOS keychain passwords (security find-*-password)'],
  [/\bgit\s+credential\s+fill\b/, 'asks git for stored credentials (git credential fill)'],
];
/** Release downloads of those scanners: Shai-Hulud fetched TruffleHog's latest release. */
const DOWNLOADS = /github\.com\/(?:repos\/)?(?:trufflesecurity\/trufflehog|gitleaks\/gitleaks|zricethezav\/gitleaks)\/releases/i;

/**
 * Running tools that dump secrets: TruffleHog/gitleaks over the file system (Shai-Hulud ran
 * `trufflehog filesystem … --results=verified` over $HOME, incidents.md §3), `gh auth token`
 * (Shai-Hulud, nx s1ngularity §5), keychain and git credential helpers; or downloading the
 * scanners. A pre-commit wrapper may run gitleaks legitimately, and some CLIs borrow the gh
 * token, hence medium confidence; with credential use for spreading or exfiltration it is an attack.
 */
export const rule: Rule = {
  meta: {
    id: 'secret-tool-exec',
    severity: 'high',
    category: 'credential-harvesting',
    confidence: 'medium',
    description: 'Runs or downloads a secret-dumping tool (TruffleHog, gitleaks, gh auth token, keychain, git credential fill)',
    needles: ['trufflehog', 'TruffleHog', 'gitleaks', 'noseyparker', 'detect-secrets', 'auth token', 'auth status', 'find-generic-password', 'find-internet-password', 'credential fill'],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    /** Strings that are a whole command line (`tryRun('gh auth token')`), kept until we know the file runs commands. */
    const commandStrings: { what: string; node: Parameters<typeof ctx.report>[0]['node'] }[] = [];
    let runsCommands = false;
    const report = (what: string, node: Parameters<typeof ctx.report>[0]['node']) => {
      if (seen.has(what)) return;
      seen.add(what);
      ctx.report({ node, message: what });
    };
    return mergeVisitors(
      t.visitor,
      {
        CallExpression: (node) => {
          const cmd = commandLine(node, t.aliases, t.bindings);
          if (cmd === undefined) return;
          runsCommands = true;
          const line = cmd.replaceAll(HOLE, ' ');
          for (const [re, what] of COMMANDS) if (re.test(line)) report(what, node);
        },
      },
      stringVisitor(t.bindings, (s, node) => {
        if (DOWNLOADS.test(s)) report(`downloads a secret scanner (${DOWNLOADS.exec(s)![0]})`, node);
        for (const [re, what] of COMMANDS) {
          const m = re.exec(s);
          if (m && s.slice(0, m.index).trim() === '') commandStrings.push({ what, node });
        }
      }),
      {
        'Program:exit': () => {
          if (runsCommands) for (const c of commandStrings) report(c.what, c.node);
        },
      },
    );
  },
};
