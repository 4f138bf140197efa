/**
 * Classifies shell command lines (npm lifecycle scripts, `.sh`/`.bat`/`.ps1` files, the strings
 * given to `child_process.exec`) by what they do that a package install never needs to: pipe a
 * download into an interpreter, decode and run a blob, call a Windows "living off the land"
 * binary, wipe a home directory, start a second runtime or a background process.
 * Text only: nothing is executed or fetched.
 */
export type ShellKind =
  | 'remote-exec' // a download piped or substituted into an interpreter
  | 'encoded-exec' // base64/encoded content run by a shell or PowerShell
  | 'lolbin-download' // certutil -urlcache, bitsadmin /transfer, WebClient.DownloadFile
  | 'download' // curl/wget/iwr fetching a URL (not run directly)
  | 'run-downloaded' // a downloaded file made executable or run
  | 'lolbin-exec' // rundll32, regsvr32, mshta, wscript/cscript
  | 'destructive' // rm -rf ~, rd /s %USERPROFILE%, find ~ -delete, cipher /w
  | 'bun' // Bun installed or used to run a file
  | 'background' // start /B, nohup, setsid, a trailing &
  | 'masked-failure' // runs a file, then `exit 1` on purpose
  | 'startup-sabotage'; // appends shutdown/kill-all to ~/.bashrc and friends

export interface ShellHit {
  kind: ShellKind;
  message: string;
  /** Offset of the match in the command. */
  index: number;
  match: string;
}

const INTERPRETER = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:ba|z|da|k|fi|c|tc)?sh|node|nodejs|python[23]?|perl|ruby|php|bun|deno`;
const FETCHER = String.raw`curl|wget`;

interface Pattern {
  kind: ShellKind;
  re: RegExp;
  message: string | ((m: RegExpExecArray) => string);
}

const PATTERNS: readonly Pattern[] = [
  // curl -fsSL https://x | bash ; wget -qO- https://x | sh
  { kind: 'remote-exec', re: new RegExp(String.raw`\b(?:${FETCHER})\b[^|;&\n]*\|\s*(?:${INTERPRETER})\b`, 'g'), message: 'pipes a download into an interpreter' },
  // bash -c "$(curl …)", sh <(curl …), eval "$(wget -O- …)", source <(curl …)
  {
    kind: 'remote-exec',
    re: new RegExp(String.raw`\b(?:(?:ba|z|da|k)?sh(?:\s+-\w+)*|eval|source|\.)\s+["']?(?:\$\(|<\(|\x60)\s*(?:${FETCHER})\b`, 'g'),
    message: 'runs the output of a download as a script',
  },
  // irm https://x | iex ; iwr … | Invoke-Expression ; (New-Object Net.WebClient).DownloadString(…) | iex
  {
    kind: 'remote-exec',
    re: /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget|\.downloadstring\s*\()[^\n]*?\|\s*(?:iex|invoke-expression)\b/gi,
    message: 'pipes a download into PowerShell Invoke-Expression',
  },
  {
    kind: 'remote-exec',
    re: /\b(?:iex|invoke-expression)\b\s*\(?\s*(?:\(\s*)?(?:new-object\s+(?:system\.)?net\.webclient\s*\)?\s*\.\s*downloadstring|iwr|irm|invoke-webrequest|invoke-restmethod)\b/gi,
    message: 'runs a download with PowerShell Invoke-Expression',
  },
  // powershell -enc <base64>, -EncodedCommand, and every prefix PowerShell accepts
  {
    kind: 'encoded-exec',
    re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n|&;]*?\s[-/](?:ec|e(?:n(?:c(?:o(?:d(?:e(?:d(?:c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?)?)?)?)?)?)?)?)\s+["']?[A-Za-z0-9+/]{16,}={0,2}/gi,
    message: 'runs a base64-encoded PowerShell command',
  },
  // echo … | base64 -d | sh ; openssl base64 -d | bash ; xxd -r -p | sh
  {
    kind: 'encoded-exec',
    re: new RegExp(String.raw`\b(?:base64\s+(?:-d|--decode|-D)|openssl\s+(?:base64|enc)\b[^|\n]*?\s-d|xxd\s+-r(?:\s+-p)?)\b[^;&\n]*?\|\s*(?:${INTERPRETER})\b`, 'g'),
    message: 'decodes a blob and pipes it into an interpreter',
  },
  { kind: 'lolbin-download', re: /\bcertutil(?:\.exe)?\b[^\n]*?[-/]urlcache\b/gi, message: 'downloads a file with certutil -urlcache' },
  { kind: 'lolbin-download', re: /\bcertutil(?:\.exe)?\b[^\n]*?[-/]decode(?:hex)?\b/gi, message: 'decodes a file with certutil -decode' },
  { kind: 'lolbin-download', re: /\bbitsadmin(?:\.exe)?\b[^\n]*?[-/]transfer\b/gi, message: 'downloads a file with bitsadmin /transfer' },
  { kind: 'lolbin-download', re: /\b(?:start-bitstransfer\b|\.downloadfile\s*\()/gi, message: 'downloads a file with PowerShell' },
  { kind: 'lolbin-exec', re: /\brundll32(?:\.exe)?["']?\s+["']?[^\s,"']+\.(?:dll|ocx|cpl|dat|tmp)["']?\s*,/gi, message: 'runs a DLL with rundll32' },
  { kind: 'lolbin-exec', re: /\bregsvr32(?:\.exe)?\b\s+(?:[-/]\w+(?::\S+)?\s+)*["']?\S+/gi, message: 'registers or runs code with regsvr32' },
  { kind: 'lolbin-exec', re: /\bmshta(?:\.exe)?\s+["']?(?:https?:|vbscript:|javascript:|\S+\.hta\b)/gi, message: 'runs a script with mshta' },
  { kind: 'lolbin-exec', re: /\b(?:wscript|cscript)(?:\.exe)?\s+(?:\/\/?\S+\s+)*["']?\S+\.(?:vbs|vbe|js|jse|wsf)\b/gi, message: 'runs a Windows Script Host script' },
  { kind: 'bun', re: /\bbun\.sh\/install(?:\.ps1)?\b/g, message: 'installs the Bun runtime (bun.sh/install)' },
  { kind: 'bun', re: /(?:^|[\s;&|(])bunx?\s+(?:run\s+|x\s+)?["']?(?:\.{0,2}\/)?[\w@./-]+\.(?:[cm]?[jt]s|tsx|jsx)\b/g, message: 'runs a file with Bun' },
  { kind: 'background', re: /\bstart\s+(?:"[^"]*"\s+)?\/b\b/gi, message: 'starts a background process (start /B)' },
  { kind: 'background', re: /(?:^|[\s;&|(])(?:nohup|setsid|disown)\b/g, message: 'starts a process that outlives the install (nohup/setsid)' },
  { kind: 'background', re: /[^&|>\s]\s*(?<![&|>])&\s*$/g, message: 'starts a background process (trailing &)' },
  {
    kind: 'masked-failure',
    re: /\b(?:node|bun|deno|sh|bash)\s+(?:run\s+)?["']?[\w@./-]+["']?\s*&&\s*exit\s+1\b/g,
    message: 'runs a file and then fails on purpose (`&& exit 1`), which hides it from the install log of an optional dependency',
  },
  // Destructive. Targets are only the roots themselves (~, $HOME, /, %USERPROFILE%, ../..), never a path below them.
  {
    kind: 'destructive',
    re: /\b(?:rd|rmdir)\s+(?:\/[sq]\s+)+["']?(?:%userprofile%|%homedrive%%homepath%|%homepath%|[a-z]:\\?)["']?\\?\*?(?=\s|$|&|\|)/gi,
    message: 'deletes the user profile or a drive (rd /s)',
  },
  { kind: 'destructive', re: /\bdel\s+(?:\/[a-z]\s+)*\/s\b[^\n&|]*?%userprofile%/gi, message: 'deletes every file under the user profile (del /s)' },
  {
    kind: 'destructive',
    re: /\b(?:remove-item|ri)\b[^\n;|]*?-recurse[^\n;|]*?(?:~|\$home|\$env:userprofile|\$env:homepath)(?:[\\/]\*?)?(?=["']?(?:\s|$|;|\|))/gi,
    message: 'deletes the home directory (Remove-Item -Recurse)',
  },
  {
    kind: 'destructive',
    re: /\bfind\s+["']?(?:~|\$HOME|\$\{HOME\}|\/|\/home|\/Users)\/?["']?\s[^\n;]*?(?:-delete\b|-exec\s+(?:rm|shred)\b|\|\s*xargs\s+(?:-\S+\s+)*(?:rm|shred)\b)/g,
    message: 'deletes or shreds every file under the home directory (find … -delete/shred)',
  },
  { kind: 'destructive', re: /\bcipher(?:\.exe)?\s+\/w:/gi, message: 'wipes free disk space (cipher /w)' },
  { kind: 'destructive', re: /\bmkfs(?:\.\w+)?\s+\/dev\/|\bdd\s+[^\n]*\bof=\/dev\/(?:sd|nvme|hd|disk|xvd)/g, message: 'overwrites a disk device' },
  { kind: 'destructive', re: /:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/g, message: 'runs a fork bomb' },
  {
    kind: 'startup-sabotage',
    re: /\b(?:sudo\s+)?(?:shutdown|poweroff|halt|reboot|kill\s+-9\s+-1)\b[^\n;&|]*?>>?\s*["']?(?:~|\$HOME|\$\{HOME\})\/\.(?:bashrc|zshrc|profile|bash_profile|bash_login|zprofile|zshenv)\b/g,
    message: 'writes a shutdown or kill-all command into a shell startup file',
  },
];

/** rm with a recursive flag and a root-ish target. Parsed, not one regex: flags and targets come in any order. */
const RM = /\brm\s+((?:(?:-{1,2}[\w-]+|["']?[^\s;&|"']+["']?)\s*)+)/g;
const ROOTISH = /^(?:~|~\/|~\/\*|\$HOME|\$\{HOME\}|\$HOME\/\*?|\$\{HOME\}\/\*?|\/|\/\*|\/home\/?\*?|\/Users\/?\*?|(?:\.\.\/?)+\*?|\.\.(?:\/\.\.)*\/?\*?|\$USERPROFILE|%USERPROFILE%|\$PWD\/?\*?|\$INIT_CWD\/?\*?|\$\{INIT_CWD\}\/?\*?)$/;

function rmHits(command: string): ShellHit[] {
  const out: ShellHit[] = [];
  for (const m of command.matchAll(RM)) {
    const words = m[1]!.trim().split(/\s+/);
    const flags = words.filter((w) => w.startsWith('-'));
    const recursive = flags.some((f) => /^-[a-zA-Z]*[rR]/.test(f) || f === '--recursive');
    if (!recursive) continue;
    const target = words.filter((w) => !w.startsWith('-')).map((w) => w.replace(/^["']|["']$/g, '')).find((w) => ROOTISH.test(w));
    if (target === undefined) continue;
    out.push({ kind: 'destructive', message: `deletes ${describeTarget(target)} (rm -r ${target})`, index: m.index, match: m[0].trim() });
  }
  return out;
}

function describeTarget(t: string): string {
  if (/HOME|~|USERPROFILE|\/home|\/Users/.test(t)) return 'the home directory';
  if (/INIT_CWD|PWD/.test(t)) return 'the project directory';
  if (t.startsWith('..')) return 'the directories above the package (node_modules or the project)';
  return 'the file system root';
}

/** curl -o f URL && chmod +x f && ./f : a downloaded file that is then made executable or run. */
const DOWNLOAD_TO = /\b(?:curl|wget)\b[^\n;&|]*?\s(?:-o|-O|--output(?:-document)?)[\s=]*["']?([^\s"';&|]+)/g;

function runDownloadedHits(command: string): ShellHit[] {
  const out: ShellHit[] = [];
  for (const m of command.matchAll(DOWNLOAD_TO)) {
    const file = m[1]!;
    if (file === '-' || file === '/dev/null') continue;
    const rest = command.slice(m.index + m[0].length);
    const name = escapeRe(file.replace(/^\.\//, ''));
    const chmod = new RegExp(String.raw`\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rwX]*x|0?[0-7]?[1357][0-7]{0,2}|0?[0-7]*7[0-7]*)\s+["']?(?:\./)?${name}\b`);
    const run = new RegExp(String.raw`(?:^|[\n;&|(]\s*|\s(?:sh|bash|source|start|node|exec|nohup|call)\s+)["']?(?:\./|\.\\)?${name}["']?(?=\s|$|;|&|\|)`, 'm');
    if (chmod.test(rest) || run.test(rest)) out.push({ kind: 'run-downloaded', message: `downloads ${file} and makes it executable or runs it`, index: m.index, match: m[0] });
  }
  return out;
}

/** curl/wget/iwr fetching a URL, when nothing stronger matched at the same place. */
const DOWNLOAD = /\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^\n;&|]*?(?:https?|ftp):\/\/[^\s"'`;&|)]+/gi;

export function classifyShell(command: string): ShellHit[] {
  const text = command.replaceAll('\u0000', '$X');
  const hits: ShellHit[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) {
      hits.push({ kind: p.kind, message: typeof p.message === 'string' ? p.message : p.message(m), index: m.index, match: m[0].trim() });
    }
  }
  hits.push(...rmHits(text), ...runDownloadedHits(text));
  const strong = hits.filter((h) => h.kind === 'remote-exec' || h.kind === 'run-downloaded' || h.kind === 'lolbin-download');
  for (const m of text.matchAll(DOWNLOAD)) {
    if (strong.some((h) => h.index <= m.index && m.index < h.index + Math.max(h.match.length, 1))) continue;
    hits.push({ kind: 'download', message: `downloads ${defang(urlOf(m[0]))}`, index: m.index, match: m[0] });
  }
  return hits.sort((a, b) => a.index - b.index);
}

function urlOf(s: string): string {
  return /(?:https?|ftp):\/\/\S+/i.exec(s)?.[0] ?? s;
}

/** URLs in messages are shown, never linked: `https://x.example` -> `hxxps://x[.]example`. */
export function defang(url: string): string {
  const m = /^([a-z]+):\/\/([^/:?#]+)(.*)$/i.exec(url);
  if (!m) return url;
  return `${m[1]!.replace(/^http/i, 'hxxp')}://${m[2]!.replaceAll('.', '[.]')}${m[3]}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
