// Serializer escaping characters that break inline <script> tags: short, punctuation-only escapes.
const ESCAPED = { '<': '\\u003C', '>': '\\u003E', '/': '\\u002F', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const end = '\x3c/script\x3e';
module.exports = (obj) => JSON.stringify(obj).replace(/[<>/\u2028\u2029]/g, (c) => ESCAPED[c]) + end;
