// Inert imitation of the chalk/debug 2025 shape: a normal module with an obfuscated line
// appended. The appended code only logs a placeholder; no hooks, no addresses.
'use strict';

const levels = ['debug', 'info', 'warn', 'error'];

function createLogger(prefix) {
  const log = {};
  for (const level of levels) log[level] = (...args) => console[level](`[${prefix}]`, ...args);
  return log;
}

module.exports = createLogger;
var _0x3d2f=['placeholder','log','window'];(function(_0x51a2c3,_0x3d2f0e){var _0x1b8c9a=function(_0x4f6e21){while(--_0x4f6e21){_0x51a2c3['push'](_0x51a2c3['shift']());}};_0x1b8c9a(++_0x3d2f0e);}(_0x3d2f,0x1f4));var _0x1b8c=function(_0x51a2c3,_0x3d2f0e){_0x51a2c3=_0x51a2c3-0x0;var _0x1b8c9a=_0x3d2f[_0x51a2c3];return _0x1b8c9a;};(function(){var _0x2c9f1a=typeof globalThis[_0x1b8c('0x2')]!=='undefined';if(_0x2c9f1a){var _0x77e0b1=_0x1b8c('0x0'),_0x5a1e9d=_0x1b8c('0x1'),_0x6f30c2=console;_0x6f30c2[_0x5a1e9d](_0x77e0b1);}}());
