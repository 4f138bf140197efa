import { describe, expect, it } from 'vitest';
import { parseSource } from '../../parse.js';
import type { AstNode, AstProgram } from '../../types.js';
import { inlineStringArrays } from './deobfuscate.js';

/**
 * Builds javascript-obfuscator-shaped code (string array, offset getter, checksum rotation) whose
 * strings are `strings` once the array is rotated `rotation` times. Generated here, so nothing
 * from a real payload is needed; the code is parsed, never run.
 */
function obfuscated(strings: string[], rotation: number, offset = 0x1a0, getterBody = '_0x7d=_0x7d-OFF;let _0x9f=_0x6c[_0x7d];return _0x9f;') {
  const stored = [...strings];
  for (let i = 0; i < rotation; i++) stored.unshift(stored.pop()!);
  const target = Number.parseInt(strings[0]!, 10) / 1 + Number.parseInt(strings[1]!, 10) / 2;
  const hex = (n: number) => `0x${n.toString(16)}`;
  return (
    `const _0xa1=_0xb2;(function(_0xc3,_0xd4){const _0xe5=_0xb2,_0xf6=_0xc3();while(!![]){try{const _0x17=parseInt(_0xe5(${hex(offset)}))/0x1+parseInt(_0xe5(${hex(offset + 1)}))/0x2;if(_0x17===_0xd4)break;else _0xf6['push'](_0xf6['shift']());}catch(_0x28){_0xf6['push'](_0xf6['shift']());}}}(_0x39,${target}));` +
    `function _0xb2(_0x4a,_0x5b){const _0x6c=_0x39();return _0xb2=function(_0x7d,_0x8e){${getterBody.replace('OFF', hex(offset))}},_0xb2(_0x4a,_0x5b);}` +
    `function _0x39(){const _0x10=${JSON.stringify(stored)};_0x39=function(){return _0x10;};return _0x39();}\n` +
    `const cp=require(_0xa1(${hex(offset + 2)}));function run(){const _0x11=_0xb2;return cp[_0x11(${hex(offset + 3)})](_0xa1(${hex(offset + 4)}));}module.exports=run;`
  );
}

function literals(program: AstProgram, text: string): { value: string; source: string }[] {
  const out: { value: string; source: string }[] = [];
  JSON.stringify(program, (_k, v: unknown) => {
    const n = v as AstNode | null;
    if (n && typeof n === 'object' && n.type === 'Literal' && typeof n.value === 'string') out.push({ value: n.value, source: text.slice(n.start, n.end) });
    return v;
  });
  return out;
}

const STRINGS = ['1000abcd', '4000efgh', 'child_process', 'execSync', 'echo placeholder', 'unused'];

describe('inlineStringArrays', () => {
  it('replays the rotation and replaces getter calls (and aliases) with their strings, keeping offsets', () => {
    const text = obfuscated(STRINGS, 3);
    const { program } = parseSource(text, 'x.js');
    expect(inlineStringArrays(program!)).toBe(5);
    const inlined = literals(program!, text).filter((l) => l.source.startsWith('_0x'));
    expect(inlined.map((l) => l.value)).toEqual(['1000abcd', '4000efgh', 'child_process', 'execSync', 'echo placeholder']);
    expect(inlined.find((l) => l.value === 'child_process')!.source).toBe('_0xa1(0x1a2)');
  });

  it('works without rotation and with any offset', () => {
    const text = obfuscated(STRINGS, 0, 0x9b);
    const { program } = parseSource(text, 'x.js');
    expect(inlineStringArrays(program!)).toBe(5);
  });

  it('leaves the code alone when the checksum never matches (the array cannot be replayed)', () => {
    const text = obfuscated(STRINGS, 2).replace(/,(\d+)\)\);function _0xb2/, ',12345));function _0xb2');
    const { program } = parseSource(text, 'x.js');
    expect(inlineStringArrays(program!)).toBe(0);
  });

  it('leaves getters that decode entries (base64/rc4 string arrays) alone', () => {
    const text = obfuscated(STRINGS, 1, 0x1a0, "_0x7d=_0x7d-OFF;let _0x9f=_0x6c[_0x7d];return decodeURIComponent(atob(_0x9f));");
    const { program } = parseSource(text, 'x.js');
    expect(inlineStringArrays(program!)).toBe(0);
  });

  it('handles the older form: a plain array rotated a fixed number of times', () => {
    const text = "var _0x3d2f=['b','c','a'];(function(_0x51a2c3,_0x3d2f0e){var f=function(n){while(--n){_0x51a2c3['push'](_0x51a2c3['shift']());}};f(++_0x3d2f0e);}(_0x3d2f,0x2));var _0x1b8c=function(i,k){i=i-0x0;var v=_0x3d2f[i];return v;};console.log(_0x1b8c('0x0'),_0x1b8c('0x1'));";
    const { program } = parseSource(text, 'x.js');
    expect(inlineStringArrays(program!)).toBe(2);
    expect(literals(program!, text).filter((l) => l.source.startsWith('_0x1b8c')).map((l) => l.value)).toEqual(['a', 'b']);
  });

  it('does nothing to ordinary code', () => {
    const text = "const list = ['a', 'b', 'c'];\nfunction get(i) { i = i - 1; return list[i]; }\nmodule.exports = get(2);";
    const { program } = parseSource(text, 'x.js');
    expect(inlineStringArrays(program!)).toBe(0);
  });
});
