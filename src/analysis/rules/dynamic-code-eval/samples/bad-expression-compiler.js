// An expression compiler (the benign kind this rule notes): compiles filter expressions to functions.
'use strict';

const cache = Object.create(null);

function compile(expression) {
  if (cache[expression]) return cache[expression];
  const body = 'with (scope) { return (' + expression + '); }';
  const fn = new Function('scope', body);
  cache[expression] = fn;
  return fn;
}

module.exports = function evaluate(expression, scope) {
  return compile(expression)(scope);
};
