import { describe, expect, it } from 'vitest';
import { parseSource } from '../../parse.js';
import type { AstNode } from '../../types.js';
import { walk } from '../../walk.js';
import { HOLE, stringArrayDecoders, stringShape, trackers } from './index.js';

/** The shape of the last expression statement of `code`, after the trackers saw the whole file. */
function shapeOf(code: string): string | undefined {
  const { program } = parseSource(code, 'x.js');
  const t = trackers({ ast: program, file: { text: code } });
  let last: AstNode | undefined;
  const v = t.visitor as Record<string, ((n: AstNode, p: AstNode | null) => void) | undefined>;
  walk(program!, {
    enter: (n, p) => {
      v[n.type]?.(n, p);
      if (n.type === 'ExpressionStatement') last = (n as AstNode & { expression: AstNode }).expression;
    },
  });
  return stringShape(last!, t.bindings);
}

describe('static strings', () => {
  it.each([
    ["'child_' + 'process'", 'child_process'],
    ["['.np', 'mrc'].join('')", '.npmrc'],
    ["'crm.' + 'pn'.split('').reverse().join('')", 'crm.np'],
    ['String.fromCharCode(110, 112, 109)', 'npm'],
    ["atob('d2ViaG9vay5zaXRl')", 'webhook.site'],
    ["Buffer.from('6e706d', 'hex').toString()", 'npm'],
    ["'f'.repeat(3)", 'fff'],
    ["const h = 'a.example'; `https://${h}/x`", 'https://a.example/x'],
    ["path.join(os.homedir(), '.aws', 'credentials')", `${HOLE}/.aws/credentials`],
    ["require('path').join(home, '.npmrc')", `${HOLE}/.npmrc`],
  ])('%s', (code, want) => {
    expect(shapeOf(code)).toBe(want);
  });

  it('forgets a name bound twice', () => {
    expect(shapeOf("let a = 'x'; a = y; a + '!'")).toBe(`${HOLE}!`);
  });
});

describe('string arrays', () => {
  const obfuscated = [
    "const _0xa=_0xd;(function(_0xr,_0xt){const _0xg=_0xd,_0xs=_0xr();while(!![]){try{const _0xv=parseInt(_0xg(0x100))/0x1+parseInt(_0xg(0x101))/0x2;if(_0xv===_0xt)break;else _0xs['push'](_0xs['shift']());}catch(_0xe){_0xs['push'](_0xs['shift']());}}}(_0xarr,0x3));",
    "window[_0xa(0x102)][_0xa(0x103)]=hook;",
    "function _0xd(_0xi,_0xj){const _0xs=_0xarr();return _0xd=function(_0xk,_0xl){_0xk=_0xk-0x100;let _0xm=_0xs[_0xk];return _0xm;},_0xd(_0xi,_0xj);}",
    "function _0xarr(){const _0xq=['ethereum','request','2','2'];_0xarr=function(){return _0xq;};return _0xarr();}",
  ].join('\n');

  it('replays the rotation and decodes lookups', () => {
    const { program } = parseSource(obfuscated, 'x.js');
    const decode = stringArrayDecoders(program, obfuscated).get('_0xd')!;
    // rotated twice: parseInt('2')/1 + parseInt('2')/2 === 3 first holds with ['2','2','ethereum','request']
    expect([0x100, 0x101, 0x102, 0x103].map(decode)).toEqual(['2', '2', 'ethereum', 'request']);
  });

  it('leaves files without a string array alone', () => {
    const { program } = parseSource('const a = [1, 2];', 'x.js');
    expect(stringArrayDecoders(program, 'const a = [1, 2];').size).toBe(0);
  });
});
