// Unicode tables and header validation in the style of slugify/http libraries.
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const TOKEN = /^[\x21\x23-\x27\x2a\x2b\x2d\x2e\x30-\x39\x41-\x5a\x5e-\x7a\x7c\x7e]+$/;
const CTL = /[\x00-\x1f\x7f]/;
const charMap = { '\u00e4': 'ae', '\u00f6': 'oe', '\u00fc': 'ue', '\u00df': 'ss', '\u0142': 'l' };
module.exports = {
  slug: (s) => s.normalize('NFD').replace(COMBINING, '').replace(/./g, (c) => charMap[c] || c),
  isToken: (s) => TOKEN.test(s) && !CTL.test(s),
};
