import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'dapp asks for accounts', code: "const accounts = await window.ethereum.request({ method: 'eth_requestAccounts' });" },
    { name: 'dapp sends a transaction', code: "const eth = window.ethereum;\nawait eth.request({ method: 'eth_sendTransaction', params: [tx] });" },
    { name: 'listens to events', code: "window.ethereum.on('accountsChanged', (a) => setAccount(a[0]));" },
    { name: 'own provider class', code: 'class Provider { constructor() { this.request = this.request.bind(this); } }' },
    { name: 'wallet library keeps its own field', code: 'this.ethereum.request = wrapped;' },
    { name: 'reads the provider', code: "const provider = window.ethereum?.providers?.find((p) => p.isMetaMask) ?? window.ethereum;" },
  ],
  invalid: [
    {
      name: 'assigns over request',
      code: 'const orig = window.ethereum.request;\nwindow.ethereum.request = async (args) => orig(rewrite(args));',
      errors: [{ message: /assigns over window\.ethereum\.request/, line: 2 }],
    },
    {
      name: 'through an alias',
      code: "const eth = window['ethereum'];\nconst send = eth.send;\neth.send = function (p, cb) { return send.call(eth, p, cb); };",
      errors: [{ message: /window\.ethereum\.send/, line: 3 }],
    },
    {
      name: 'defineProperty on sendAsync',
      code: "Object.defineProperty(window.ethereum, 'sendAsync', { value: hooked, writable: true });",
      errors: [{ message: /defineProperty window\.ethereum\.sendAsync/ }],
    },
    {
      name: 'Proxy on the provider',
      code: 'window.ethereum = new Proxy(window.ethereum, { get(t, k) { return k === "request" ? hooked : t[k]; } });',
      errors: [{ message: /Proxy window\.ethereum\b/ }],
    },
    {
      name: 'Proxy on request',
      code: 'globalThis.ethereum.request = new Proxy(globalThis.ethereum.request, { apply: hooked });',
      errors: [{ message: /assigns over window\.ethereum\.request/ }, { message: /Proxy window\.ethereum\.request/ }],
    },
    {
      name: 'defineProperty in a loop over the method names',
      code: "const p = window.ethereum;\nfor (const m of ['request', 'send', 'sendAsync']) {\n  Object.defineProperty(p, m, { value: wrap(p[m]) });\n}",
      errors: [{ message: /redefines with defineProperty window\.ethereum\[…\]/, line: 3 }],
    },
    {
      name: 'obfuscator string array (javascript-obfuscator)',
      code: [
        "const _0xa=_0xd;(function(_0xr,_0xt){const _0xg=_0xd,_0xs=_0xr();while(!![]){try{const _0xv=parseInt(_0xg(0x100))/0x1+parseInt(_0xg(0x101))/0x2;if(_0xv===_0xt)break;else _0xs['push'](_0xs['shift']());}catch(_0xe){_0xs['push'](_0xs['shift']());}}}(_0xarr,0x3));",
        'window[_0xa(0x102)][_0xa(0x103)]=hook;',
        'function _0xd(_0xi,_0xj){const _0xs=_0xarr();return _0xd=function(_0xk,_0xl){_0xk=_0xk-0x100;let _0xm=_0xs[_0xk];return _0xm;},_0xd(_0xi,_0xj);}',
        "function _0xarr(){const _0xq=['ethereum','request','2','2'];_0xarr=function(){return _0xq;};return _0xarr();}",
      ].join('\n'),
      errors: [{ message: /assigns over window\.ethereum\.request/, line: 2 }],
    },
    {
      name: 'Phantom signTransaction',
      code: 'const sign = window.solana.signTransaction;\nwindow.solana.signTransaction = (tx) => sign(swap(tx));',
      errors: [{ message: /window\.solana\.signTransaction/, line: 2 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
