import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToolError } from '../core/index.js';
import { extractTarball, type ExtractedTarball } from './tarball.js';

/**
 * Hostile tarballs are written here byte by byte (ustar headers), because `tar.c` and `npm pack`
 * refuse to produce most of them. Every test extracts below its own sandbox and then checks that
 * nothing appeared in the sandbox outside the extraction directory.
 */

type TypeFlag = '0' | '1' | '2' | '3' | '4' | '5' | '6' | 'S';
interface RawEntry {
  path: string;
  type?: TypeFlag;
  body?: Buffer | string;
  linkpath?: string;
  mode?: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(e: RawEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(e.path, 0, 100, 'utf8');
  h.write(octal(e.mode ?? 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(499162500, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(e.type ?? '0', 156, 'ascii');
  if (e.linkpath !== undefined) h.write(e.linkpath, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

function rawTar(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    parts.push(header(e, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const tgz = (entries: RawEntry[]) => gzipSync(rawTar(entries), { level: 9 });
const pkgJson = { path: 'package/package.json', body: '{"name":"x","version":"1.0.0"}\n' };

let sandbox: string;
let tmpRoot: string;
const extracted: ExtractedTarball[] = [];

beforeEach(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'cw-tarball-test-'));
  tmpRoot = join(sandbox, 'extract', 'here');
  mkdirSync(tmpRoot, { recursive: true });
});

afterEach(async () => {
  for (const x of extracted.splice(0)) await x.cleanup();
  rmSync(sandbox, { recursive: true, force: true });
});

async function extract(entries: RawEntry[] | Buffer, opts: Parameters<typeof extractTarball>[1] = {}) {
  const file = join(sandbox, 'pkg.tgz');
  writeFileSync(file, Array.isArray(entries) ? tgz(entries) : entries);
  const x = await extractTarball(file, { tmpRoot, ...opts });
  extracted.push(x);
  return x;
}

/** Every file below the sandbox, except the tarball and what sits inside the extraction dir. */
function strays(x: ExtractedTarball): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (p === x.dir || p === join(sandbox, 'pkg.tgz')) continue;
      if (lstatSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(sandbox);
  return out;
}

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? files(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]))
    .sort();
}

const kinds = (x: ExtractedTarball) => x.problems.map((p) => p.kind);

describe('extractTarball', () => {
  it('extracts a tarball made by npm pack, stripping package/', async () => {
    const src = join(sandbox, 'src');
    mkdirSync(join(src, 'lib'), { recursive: true });
    writeFileSync(join(src, 'package.json'), JSON.stringify({ name: 'demo', version: '1.2.3', main: 'index.js', bin: 'cli.js' }));
    writeFileSync(join(src, 'index.js'), 'module.exports = 1;\n');
    writeFileSync(join(src, 'cli.js'), '#!/usr/bin/env node\n');
    writeFileSync(join(src, 'lib', 'a.js'), 'exports.a = 1;\n');
    const out = join(sandbox, 'packed');
    mkdirSync(out);
    const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', `--pack-destination=${out}`], { cwd: src, encoding: 'utf8' })) as { filename: string }[];

    const x = await extractTarball(join(out, info!.filename), { tmpRoot });
    extracted.push(x);
    expect(x.problems).toEqual([]);
    expect(files(x.dir)).toEqual(['cli.js', 'index.js', 'lib/a.js', 'package.json']);
    expect(JSON.parse(readFileSync(join(x.dir, 'package.json'), 'utf8')).name).toBe('demo');
    // npm packs bin files 0755; nothing extracted is ever executable.
    expect(statSync(join(x.dir, 'cli.js')).mode & 0o777).toBe(0o644);
    expect(x.stats.entries).toBe(4);
    expect(x.dir.startsWith(tmpRoot)).toBe(true);
  });

  it('strips whatever the first folder is called and ignores top-level entries', async () => {
    const x = await extract([
      { path: 'node-old/package.json', body: '{}' },
      { path: 'node-old/lib/', type: '5' },
      { path: 'node-old/lib/x.js', body: 'x' },
      { path: 'stray.js', body: 'not in a folder' },
    ]);
    expect(x.problems).toEqual([]);
    expect(files(x.dir)).toEqual(['lib/x.js', 'package.json']);
  });

  it('accepts a tarball held in memory', async () => {
    const x = await extractTarball({ data: tgz([pkgJson]), label: 'x@1.0.0' }, { tmpRoot });
    extracted.push(x);
    expect(files(x.dir)).toEqual(['package.json']);
  });

  it('skips .. segments, forward and backward slashed', async () => {
    const x = await extract([
      pkgJson,
      { path: 'package/../../evil.js', body: 'evil' },
      { path: 'package/a/../../../../evil2.js', body: 'evil' },
      { path: 'package\\..\\..\\evil3.js', body: 'evil' },
      { path: 'package/ok.js', body: 'ok' },
    ]);
    expect(kinds(x)).toEqual(['traversal', 'traversal', 'traversal']);
    expect(x.problems[0]).toMatchObject({ path: 'package/../../evil.js' });
    expect(files(x.dir)).toEqual(['ok.js', 'package.json']);
    expect(strays(x)).toEqual([]);
  });

  it('skips absolute paths', async () => {
    const target = join(sandbox, 'abs-evil.js');
    const x = await extract([pkgJson, { path: target, body: 'evil' }, { path: 'C:/evil.js', body: 'evil' }, { path: '\\evil.js', body: 'evil' }]);
    expect(kinds(x)).toEqual(['absolute', 'absolute', 'absolute']);
    expect(x.problems[0]!.path).toBe(target);
    expect(existsSync(target)).toBe(false);
    expect(files(x.dir)).toEqual(['package.json']);
    expect(strays(x)).toEqual([]);
  });

  it('never extracts links; those leaving the package are link-outside', async () => {
    const x = await extract([
      pkgJson,
      { path: 'package/up', type: '2', linkpath: '../../outside' },
      { path: 'package/abs', type: '2', linkpath: '/etc/passwd' },
      { path: 'package/hard', type: '1', linkpath: 'package/../../../etc/passwd' },
      { path: 'package/hard-abs', type: '1', linkpath: '/etc/passwd' },
      { path: 'package/inside', type: '2', linkpath: 'package.json' },
      { path: 'package/hard-inside', type: '1', linkpath: 'package/package.json' },
      // The classic two-step: a symlinked folder, then a file written "through" it.
      { path: 'package/dir', type: '2', linkpath: sandbox },
      { path: 'package/dir/evil.js', body: 'evil' },
    ]);
    expect(kinds(x)).toEqual(['link-outside', 'link-outside', 'link-outside', 'link-outside', 'link', 'link', 'link-outside']);
    expect(x.problems[0]!.message).toContain('../../outside');
    // The link was never made, so the file landed in a real folder inside the package.
    expect(lstatSync(join(x.dir, 'dir')).isDirectory()).toBe(true);
    expect(files(x.dir)).toEqual(['dir/evil.js', 'package.json']);
    expect(strays(x)).toEqual([]);
  });

  it('skips device and FIFO entries, and other exotic types as corrupt', async () => {
    const x = await extract([
      pkgJson,
      { path: 'package/tty', type: '3' },
      { path: 'package/disk', type: '4' },
      { path: 'package/pipe', type: '6' },
      { path: 'package/sparse', type: 'S', body: 'x' },
    ]);
    expect(kinds(x)).toEqual(['device', 'device', 'device', 'corrupt']);
    expect(x.problems.map((p) => p.path)).toEqual(['package/tty', 'package/disk', 'package/pipe', 'package/sparse']);
    expect(files(x.dir)).toEqual(['package.json']);
  });

  it('writes files 0644 and folders 0755 whatever the archive says', async () => {
    const x = await extract([
      pkgJson,
      { path: 'package/bin/', type: '5', mode: 0o777 },
      { path: 'package/bin/run', body: '#!/bin/sh\n', mode: 0o6777 },
    ]);
    expect(statSync(join(x.dir, 'bin')).mode & 0o7777).toBe(0o755);
    expect(statSync(join(x.dir, 'bin', 'run')).mode & 0o7777).toBe(0o644);
  });

  describe('decompression bombs', () => {
    it('stops past the byte limit, counting while streaming rather than trusting headers', async () => {
      // Each entry is honest and under the limit on its own; together they pass it.
      const chunk = Buffer.alloc(600 * 1024, 'a');
      const x = await extract(
        [pkgJson, ...[1, 2, 3, 4].map((i) => ({ path: `package/f${i}.bin`, body: chunk }))],
        { maxBytes: 1024 * 1024, maxRatio: Infinity },
      );
      expect(kinds(x)).toEqual(['too-large']);
      expect(x.problems[0]!.message).toMatch(/more than 1048576 decompressed bytes/);
      expect(x.stats.bytes).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
      expect(files(x.dir)).not.toContain('f4.bin');
    });

    it('refuses an entry whose header alone claims more than the limit', async () => {
      const x = await extract([pkgJson, { path: 'package/big.bin', body: Buffer.alloc(2 * 1024 * 1024) }], { maxBytes: 1024 * 1024, maxRatio: Infinity });
      expect(kinds(x)).toEqual(['too-large']);
      expect(x.problems[0]).toMatchObject({ path: 'package/big.bin' });
      expect(files(x.dir)).toEqual(['package.json']);
    });

    it('stops past the compression ratio (default 100x)', async () => {
      const bomb = tgz([pkgJson, { path: 'package/zeros.bin', body: Buffer.alloc(8 * 1024 * 1024) }]);
      const x = await extract(bomb);
      expect(kinds(x)).toEqual(['ratio']);
      expect(x.problems[0]!.message).toMatch(/more than 100x/);
      expect(x.stats.bytes).toBeLessThan(8 * 1024 * 1024);
    });

    it('lets a small archive compress well without calling it a bomb', async () => {
      const x = await extract([pkgJson, { path: 'package/zeros.bin', body: Buffer.alloc(512 * 1024) }]);
      expect(x.problems).toEqual([]);
    });

    it('stops past the entry count', async () => {
      const many = Array.from({ length: 50 }, (_, i) => ({ path: `package/f${i}.js`, body: String(i) }));
      const x = await extract([pkgJson, ...many], { maxEntries: 10 });
      expect(kinds(x)).toEqual(['too-many']);
      expect(x.problems[0]!.message).toMatch(/more than 10 entries/);
      expect(files(x.dir).length).toBeLessThanOrEqual(10);
    });
  });

  describe('corrupt input', () => {
    it('refuses a file that is not gzip, naming it', async () => {
      const file = join(sandbox, 'plain.tgz');
      writeFileSync(file, rawTar([pkgJson]));
      const err = await extractTarball(file, { tmpRoot }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).message).toBe(`${file}: not a gzip-compressed tarball (.tgz)`);
      expect(readdirSync(tmpRoot)).toEqual([]);
    });

    it('refuses truncated gzip data and leaves no directory behind', async () => {
      const whole = tgz([pkgJson, { path: 'package/a.js', body: Buffer.alloc(100_000, 'x') }]);
      const err = await extract(whole.subarray(0, Math.floor(whole.length / 2))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).message).toMatch(/pkg\.tgz: corrupt gzip data/);
      expect(readdirSync(tmpRoot)).toEqual([]);
    });

    it('refuses gzip data that is not a tar archive', async () => {
      const err = await extract(gzipSync(Buffer.alloc(4096, 'not a tar archive '))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).message).toMatch(/pkg\.tgz: gzip data is not a tar archive/);
      expect(readdirSync(tmpRoot)).toEqual([]);
    });

    it('refuses a missing file with an io error', async () => {
      const err = await extractTarball(join(sandbox, 'nope.tgz'), { tmpRoot }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToolError);
      expect((err as ToolError).code).toBe('ERR_IO');
      expect((err as ToolError).message).toContain('nope.tgz: cannot read tarball (ENOENT)');
    });

    it('reports a damaged header in the middle as corrupt and keeps the rest', async () => {
      const tar = rawTar([pkgJson, { path: 'package/bad.js', body: 'b' }, { path: 'package/good.js', body: 'g' }]);
      tar[1024 + 148] = '7'.charCodeAt(0); // break bad.js's checksum
      const x = await extract(gzipSync(tar));
      expect(x.problems[0]).toEqual({ kind: 'corrupt', path: 'package/bad.js', message: 'TAR_ENTRY_INVALID: checksum failure' });
      expect(files(x.dir)).toContain('good.js');
      expect(files(x.dir)).not.toContain('bad.js');
    });
  });

  it('reports an entry tar cannot write, without the temporary path in the message', async () => {
    const x = await extract([pkgJson, { path: 'package/a', body: 'file' }, { path: 'package/a/b.js', body: 'x' }]);
    expect(x.problems).toEqual([{ kind: 'corrupt', path: 'package/a/b.js', message: "TAR_ENTRY_ERROR: EEXIST: file already exists, mkdir 'a'" }]);
  });

  it('cleanup removes the directory and may be called twice', async () => {
    const x = await extract([pkgJson]);
    await x.cleanup();
    await x.cleanup();
    expect(existsSync(x.dir)).toBe(false);
  });
});
