import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const bin = join(resolve(__dirname, '../../..'), 'dist/bundle/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built CLI as a user runs it, with a private HOME (and cache) in `home` and only PATH of the
 * test process's environment. Asynchronous, so a registry server in the test process can answer
 * while it runs. `until` is asked after every stderr chunk; the first time it says yes the process
 * gets SIGTERM (for long-running commands).
 */
export function runCli(args: string[], opts: { cwd: string; home: string; env?: Record<string, string>; until?: (stderr: string) => boolean }): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: opts.home, XDG_CACHE_HOME: join(opts.home, 'cache'), ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (!stopped && opts.until?.(stderr)) {
        stopped = true;
        child.kill('SIGTERM');
      }
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
