import { spawn } from 'node:child_process';
import type { PackageManager } from '../core/index.js';

/** How a package manager rewrites its lockfile for the changed manifest, with no lifecycle script run. */
export interface RelockCommand {
  file: string;
  args: string[];
  /** Set on top of the environment: the script switch for clients whose flag does not cover everything. */
  env: Record<string, string>;
}

/**
 * npm, pnpm and bun have a lockfile-only mode and `--ignore-scripts`; yarn 2+ has
 * `--mode=update-lockfile` (which fetches and links nothing, so builds nothing) and
 * YARN_ENABLE_SCRIPTS=0 besides. yarn 1 has no lockfile-only mode: it installs, with scripts off.
 * npm's install keeps a locked version that a new override rules out when a workspace brings it
 * in (it re-resolves only edges it sees as changed), so npm then updates the fixed names too.
 * `names`: the packages the fix moved.
 */
export function relockCommands(manager: PackageManager, names: readonly string[]): RelockCommand[] {
  switch (manager) {
    case 'npm': {
      const flags = ['--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'];
      const env = { npm_config_ignore_scripts: 'true' };
      return [
        { file: 'npm', args: ['install', ...flags], env },
        ...(names.length ? [{ file: 'npm', args: ['update', ...names, ...flags], env }] : []),
      ];
    }
    case 'pnpm':
      return [{ file: 'pnpm', args: ['install', '--lockfile-only', '--ignore-scripts'], env: { npm_config_ignore_scripts: 'true' } }];
    case 'yarn-berry':
      return [{ file: 'yarn', args: ['install', '--mode=update-lockfile'], env: { YARN_ENABLE_SCRIPTS: '0', YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } }];
    case 'yarn-classic':
      return [{ file: 'yarn', args: ['install', '--ignore-scripts', '--non-interactive'], env: { YARN_IGNORE_SCRIPTS: 'true' } }];
    case 'bun':
      return [{ file: 'bun', args: ['install', '--lockfile-only', '--ignore-scripts'], env: {} }];
  }
}

export interface CommandRun {
  code: number | null;
  /** stdout and stderr together. */
  output: string;
}

/** Runs the client found on the environment's PATH in the project root, output collected (not shown while it runs). */
export function runRelock(cmd: RelockCommand, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<CommandRun> {
  return new Promise((done) => {
    const child = spawn(cmd.file, cmd.args, { cwd, env: { ...env, ...cmd.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', (e) => done({ code: null, output: `${cmd.file}: ${e.message}` }));
    child.on('close', (code) => done({ code, output }));
  });
}
