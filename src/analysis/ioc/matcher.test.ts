import { describe, expect, it } from 'vitest';
import { iocMatcher } from './loader.js';
import { createIocMatcher } from './matcher.js';
import type { IocFile, IocSignature } from './types.js';

const sig = (id: number, kind: IocSignature['kind'], value: string, extra: Partial<IocSignature> = {}): IocSignature => ({
  id: `demo-${id}`, kind, value, severity: 'high', basis: 'primary', note: `note ${id}`, source: 'test', ...extra,
});
const file: IocFile = {
  incident: 'demo-incident',
  related: ['other-incident'],
  references: ['https://example.test/a'],
  signatures: [
    sig(1, 'string', 'payload-marker'),
    sig(2, 'domain', 'evil-host.example'),
    sig(3, 'ip', '203.0.113.77'),
    sig(4, 'url', 'hook.example/abc-123'),
    sig(5, 'wallet', '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01'),
    sig(6, 'wallet', 'TB9emsCq6fQw6wRk4HBxxNnU6Hwt1DnV67'),
    sig(7, 'regex', 'for\\s*\\(\\s*;;\\s*\\)\\s*leak', { needles: ['leak-loop', ') leak', ')leak'] }),
    sig(8, 'sha256', 'ab'.repeat(32)),
    sig(9, 'filename', 'dao/geo-check.js'),
    sig(10, 'filename', 'compile.bat', { with: ['compile.js'] }),
  ],
};
const m = createIocMatcher([file]);
const ids = (text: string) => m.matchText(text).map((h) => h.signature.id);

describe('createIocMatcher', () => {
  it('finds a string anywhere, with its offset and the matched text', () => {
    expect(m.matchText('xx payload-marker yy')).toEqual([
      { signature: expect.objectContaining({ id: 'demo-1', incident: 'demo-incident', related: ['other-incident'] }), offset: 3, match: 'payload-marker' },
    ]);
    expect(ids('prefix-payload-markers')).toEqual(['demo-1']);
  });

  it('matches a domain as itself or a subdomain, not inside another name', () => {
    expect(ids('https://evil-host.example/x')).toEqual(['demo-2']);
    expect(ids('"cdn.evil-host.example"')).toEqual(['demo-2']);
    expect(ids('see evil-host.example.')).toEqual(['demo-2']);
    expect(ids('notevil-host.example')).toEqual([]);
    expect(ids('evil-host.example.org')).toEqual([]);
    expect(ids('evil-host.examples')).toEqual([]);
  });

  it('matches an IP only as a whole dotted quad', () => {
    expect(ids('http://203.0.113.77:8000/')).toEqual(['demo-3']);
    expect(ids('1203.0.113.77')).toEqual([]);
    expect(ids('203.0.113.771')).toEqual([]);
    expect(ids('203.0.113.77.5')).toEqual([]);
    expect(ids('9.203.0.113.77')).toEqual([]);
  });

  it('matches a URL with either scheme, not a longer path id', () => {
    expect(ids('fetch("https://hook.example/abc-123")')).toEqual(['demo-4']);
    expect(ids('http://hook.example/abc-123?x=1')).toEqual(['demo-4']);
    expect(ids('https://hook.example/abc-1234')).toEqual([]);
  });

  it('matches a wallet as a whole word, 0x addresses in lower case too', () => {
    expect(ids("to: '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01'")).toEqual(['demo-5']);
    expect(ids("to: '0xabcdef0123456789abcdef0123456789abcdef01'")).toEqual(['demo-5']);
    expect(ids('0xAbCdEf0123456789aBcDeF0123456789AbCdEf0199')).toEqual([]);
    expect(ids('["TB9emsCq6fQw6wRk4HBxxNnU6Hwt1DnV67"]')).toEqual(['demo-6']);
    expect(ids('XTB9emsCq6fQw6wRk4HBxxNnU6Hwt1DnV67')).toEqual([]);
  });

  it('runs a regex only where a needle occurs, and reports the regex match', () => {
    const text = 'a(); for (;;) leak(); b();';
    expect(m.matchText(text)).toEqual([{ signature: expect.objectContaining({ id: 'demo-7' }), offset: 5, match: 'for (;;) leak' }]);
    expect(ids('for(;;)leak')).toEqual(['demo-7']);
    expect(ids('for (;;) { leak() }')).toEqual([]); // no needle, no run
  });

  it('returns hits of several signatures by offset', () => {
    expect(ids('203.0.113.77 payload-marker for(;;)leak evil-host.example')).toEqual(['demo-3', 'demo-1', 'demo-7', 'demo-2']);
  });

  it('matches hashes in either case', () => {
    expect(m.matchHash('ab'.repeat(32)).map((s) => s.id)).toEqual(['demo-8']);
    expect(m.matchHash('AB'.repeat(32)).map((s) => s.id)).toEqual(['demo-8']);
    expect(m.matchHash('cd'.repeat(32))).toEqual([]);
  });

  it('matches file names by exact package-relative path, with their company', () => {
    expect(m.matchFile('dao/geo-check.js').map((s) => s.id)).toEqual(['demo-9']);
    expect(m.matchFile('lib/dao/geo-check.js')).toEqual([]);
    expect(m.matchFile('compile.bat')).toEqual([]); // needs compile.js beside it
    expect(m.matchFiles(['compile.bat', 'index.js'])).toEqual([]);
    expect(m.matchFiles(['compile.js', 'compile.bat', 'dao/geo-check.js']).map((h) => [h.signature.id, h.path])).toEqual([
      ['demo-10', 'compile.bat'],
      ['demo-9', 'dao/geo-check.js'],
    ]);
  });

  it('exposes the literals a file must contain to hit anything', () => {
    expect(new Set(m.needles)).toEqual(
      new Set(['payload-marker', 'evil-host.example', '203.0.113.77', 'hook.example/abc-123', '0xAbCdEf0123456789aBcDeF0123456789AbCdEf01',
        '0xabcdef0123456789abcdef0123456789abcdef01', 'TB9emsCq6fQw6wRk4HBxxNnU6Hwt1DnV67', 'leak-loop', ') leak', ')leak']),
    );
  });
});

describe('the shipped signatures', () => {
  const shipped = iocMatcher();

  /** A realistic occurrence of each regex signature (their values are patterns, not text). */
  const regexExamples: Record<string, string> = {
    'sh2-9': 'fs.writeFileSync(".github/workflows/formatter_123456789.yml", body)',
    'prettier-2': 'spawn("rund"+"ll32", [dll + ",main"])',
    'prettier-3': "require('chi'+'ld_pro'+'cess')",
    'nodeipc-4': '"dependencies": { "peacenotwar": "^9.1.3" }',
    'colors-3': 'for (let i = 666; i < Infinity; i++) {}',
    'axios-4': '"dependencies": { "plain-crypto-js": "^4.2.1" }',
  };

  it.each(shipped.signatures.filter((s) => s.kind !== 'sha256' && s.kind !== 'filename').map((s) => [s.id, s] as const))(
    '%s is found in a file that contains it',
    (id, s) => {
      const text = `const x = 1;\nconst y = '${s.kind === 'regex' ? '' : s.value}';\n${s.kind === 'regex' ? regexExamples[id] : ''}\n`;
      expect(shipped.matchText(text).map((h) => h.signature.id)).toContain(id);
    },
  );

  it('finds every filename signature in a package that has its files', () => {
    for (const s of shipped.signatures.filter((x) => x.kind === 'filename')) {
      expect(shipped.matchFiles(['package.json', s.value, ...(s.with ?? [])]).map((h) => h.signature.id)).toContain(s.id);
    }
  });

  it('finds every sha256 signature by hash', () => {
    for (const s of shipped.signatures.filter((x) => x.kind === 'sha256')) expect(shipped.matchHash(s.value.toUpperCase())).toContain(s);
  });

  it('does not fire on the generic strings benign code is full of', () => {
    const benign = [
      "const cp = require('child_process'); cp.spawn('node', ['build.js']);",
      "window.fetch = wrap(window.fetch); XMLHttpRequest.prototype.open = open; window.ethereum.request({ method: 'eth_accounts' });",
      "const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'; const APPROVE = '0x095ea7b3';",
      "exec('rundll32 url.dll,FileProtocolHandler ' + target); // how `open` does it on Windows",
      "for (let i = 0; i < Infinity; i++) if (done()) break;",
      "fetch('https://help.npmjs.com/'); fetch('https://api.ipgeolocation.io/ipgeo?apiKey=' + key);",
      "const ZERO = '0x0000000000000000000000000000000000000000'; const SYSTEM = '11111111111111111111111111111111';",
      "'use strict'; const data = require('./data.json'); module.exports = { bundle: 'bundle.js' };",
    ].join('\n');
    expect(shipped.matchText(benign)).toEqual([]);
  });
});
