// A tiny template engine (lodash.template-like): compiles templates with new Function, and
// separately decodes base64 data URIs for inline images. Both capabilities, never combined.
'use strict';

const cache = new Map();

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function compile(template) {
  if (cache.has(template)) return cache.get(template);
  let source = "let __p = '';\n";
  let index = 0;
  template.replace(/<%=([\s\S]+?)%>|<%([\s\S]+?)%>|$/g, (match, interpolate, evaluate, offset) => {
    source += "__p += '" + template.slice(index, offset).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "';\n";
    if (interpolate) source += '__p += __e(' + interpolate.trim() + ');\n';
    if (evaluate) source += evaluate + '\n';
    index = offset + match.length;
    return match;
  });
  source += 'return __p;';
  const render = new Function('data', '__e', 'with (data) {\n' + source + '\n}');
  const fn = (data) => render(data, escapeHtml);
  cache.set(template, fn);
  return fn;
}

function imageBytes(dataUri) {
  const comma = dataUri.indexOf(',');
  return Buffer.from(dataUri.slice(comma + 1), 'base64');
}

module.exports = { compile, imageBytes };
