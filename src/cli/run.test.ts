import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { run } from './run.js';

const demo = resolve(__dirname, '../../examples/demo');

function io(opts: { tty?: boolean; stderrTty?: boolean; env?: Record<string, string>; failWrite?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: {
      isTTY: opts.tty ?? false,
      write: (s: string) => {
        if (opts.failWrite) throw new Error('stdout exploded');
        out.push(s);
      },
    },
    stderr: { isTTY: opts.stderrTty ?? false, write: (s: string) => err.push(s) },
    env: opts.env ?? {},
    cwd: demo,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

describe('run', () => {
  it('colours text on a terminal', async () => {
    const t = io({ tty: true });
    expect(await run(['inventory'], t.value)).toBe(0);
    expect(t.out()).toContain('\u001b[1mpackage-lock.json');
  });

  it('respects NO_COLOR and --no-color on a terminal', async () => {
    const a = io({ tty: true, env: { NO_COLOR: '1' } });
    await run(['inventory'], a.value);
    expect(a.out()).not.toContain('\u001b[');
    const b = io({ tty: true });
    await run(['inventory', '--no-color'], b.value);
    expect(b.out()).not.toContain('\u001b[');
  });

  it('forces colour with --color, even on a pipe', async () => {
    const t = io();
    await run(['inventory', '--color'], t.value);
    expect(t.out()).toContain('\u001b[1mpackage-lock.json');
  });

  it('shows progress on a terminal stderr while reading several projects, then clears it', async () => {
    const t = io({ stderrTty: true });
    expect(await run(['inventory', resolve(__dirname, '../readers/npm-lock/fixtures/generated')], t.value)).toBe(0);
    expect(t.err().startsWith('\r\u001b[2Kreading 1/')).toBe(true);
    expect(t.err().endsWith('\r\u001b[2K')).toBe(true);
    const piped = io();
    await run(['inventory', resolve(__dirname, '../readers/npm-lock/fixtures/generated')], piped.value);
    expect(piped.err()).toBe('');
  });

  it('never colours JSON', async () => {
    const t = io({ tty: true, env: { FORCE_COLOR: '1' } });
    await run(['inventory', '--format', 'json'], t.value);
    expect(() => JSON.parse(t.out())).not.toThrow();
  });

  it('turns an unexpected failure into exit 3 and says it is a bug', async () => {
    const t = io({ failWrite: true });
    expect(await run(['inventory'], t.value)).toBe(3);
    expect(t.err()).toContain('chainwatch: internal error: stdout exploded');
    expect(t.err()).toContain('This is a bug');
    expect(t.err()).not.toMatch(/\n\s+at /);
  });

  it('prints the version', async () => {
    const t = io();
    expect(await run(['--version'], t.value)).toBe(0);
    expect(t.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
