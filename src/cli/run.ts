import { Command, CommanderError, Option } from 'commander';
import { ErrorCodes, isToolError, ToolError } from '../core/index.js';
import { createContext, FORMATS, type CommandContext, type Format, type GlobalFlags } from './context.js';
import { ExitCode, type CliIo } from './io.js';
import { internalError, writeToolError } from './messages/index.js';
import { VERSION } from './version.js';
import { registerDb } from './commands/db/command.js';
import { registerDiff } from './commands/diff/command.js';
import { registerFix } from './commands/fix/command.js';
import { registerGuard } from './commands/guard/command.js';
import { registerInspect } from './commands/inspect/command.js';
import { registerInventory } from './commands/inventory/command.js';
import { registerPolicy } from './commands/policy/command.js';
import { registerProxy } from './commands/proxy/command.js';
import { registerScan } from './commands/scan/command.js';
import { registerVerify } from './commands/verify/command.js';
import { registerWhy } from './commands/why/command.js';

/** A command's action: does its work, writes its output, returns the exit code. */
export type CommandAction<A extends unknown[]> = (ctx: CommandContext, ...args: A) => Promise<ExitCode>;

/** What each command module gets to register itself. */
export interface CommandHost {
  program: Command;
  /**
   * Wraps an action so flags, config, output format and errors are handled the same everywhere.
   * `formats`: the --format values the command can render (default text and json).
   */
  action<A extends unknown[]>(fn: CommandAction<A>, formats?: readonly Format[]): (...args: unknown[]) => Promise<void>;
}

/**
 * Runs chainwatch with `argv` (without node and script) and returns the exit code. Never calls
 * process.exit and never touches process.stdout: main.ts does, so tests drive this in-process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  // Known from argv before parsing so that even a config error is reported as JSON.
  let jsonErrors = argv.includes('--format=json') || hasFlagValue(argv, '--format', 'json');
  const debug = argv.includes('--debug');

  const program = new Command('chainwatch')
    .description('npm supply-chain defense: know what you install, find what is compromised, stop the next one')
    .version(VERSION, '-V, --version', 'print the chainwatch version')
    .addOption(new Option('--format <format>', 'output format (sarif and markdown: scan only)').choices(FORMATS))
    .option('--color', 'force colour on')
    .option('--no-color', 'never use colour (NO_COLOR is honoured too)')
    .option('--config <file>', 'config file (default: chainwatch.config.json in this or a parent directory)')
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`chainwatch: ${s.replace(/^error: /, 'error: ')}`),
    })
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 findings (why: not found), 2 usage/input/config error, 3 internal error.

Examples:
  $ chainwatch scan                           was this project hit? (curated incidents + OSV database)
  $ chainwatch db update                      download OSV's npm advisories for scan
  $ chainwatch scan ~/src --format sarif      every project under ~/src, for code scanning
  $ chainwatch inventory ~/src --format json  every package of every project, machine-readable
  $ chainwatch why debug@^4 .                 every path that brings debug 4.x in
  $ chainwatch inspect node_modules           look inside every installed package for malicious code
  $ chainwatch fix --relock                   move every compromised package to a safe version, relock
  $ chainwatch diff chalk@5.6.0 chalk@5.6.1   what changed between two releases, and is it safe?
  $ chainwatch verify --lockfile              every release of the last 14 days this project pins
  $ chainwatch guard -- npm install           install with known-bad, too-new and unapproved versions hidden
  $ chainwatch proxy --port 4873              the same gate as a long-running registry proxy for CI
  $ chainwatch policy check                   which pins of this lockfile would the gate block today?`,
    );

  const host: CommandHost = {
    program,
    action:
      <A extends unknown[]>(fn: CommandAction<A>, formats: readonly Format[] = ['text', 'json']) =>
      async (...args: unknown[]) => {
        const cmd = args[args.length - 1] as Command;
        const ctx = await createContext(io, cmd.optsWithGlobals<GlobalFlags>());
        jsonErrors = ctx.format === 'json';
        if (!formats.includes(ctx.format)) {
          throw new ToolError(ErrorCodes.usage, `--format ${ctx.format} is not available for \`${cmd.name()}\``, {
            hint: `use one of: ${formats.join(', ')}`,
          });
        }
        code = await fn(ctx, ...(args.slice(0, -1) as A));
      },
  };
  registerDb(host);
  registerDiff(host);
  registerFix(host);
  registerGuard(host);
  registerInspect(host);
  registerInventory(host);
  registerPolicy(host);
  registerProxy(host);
  registerScan(host);
  registerVerify(host);
  registerWhy(host);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.input;
    }
    if (isToolError(e)) {
      if (jsonErrors) io.stdout.write(JSON.stringify({ error: { code: e.code, message: e.message, hint: e.hint ?? null } }, null, 2) + '\n');
      writeToolError(io, e, debug);
      return ExitCode.input;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr.write(internalError(err.message, VERSION));
    if (debug && err.stack) io.stderr.write(err.stack + '\n');
    return ExitCode.internal;
  }
}

function hasFlagValue(argv: readonly string[], flag: string, value: string): boolean {
  const i = argv.indexOf(flag);
  return i !== -1 && argv[i + 1] === value;
}
