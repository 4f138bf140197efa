import type { Rule } from '../../types.js';
import { withText } from '../_static/visitors.js';

const PACKED = /\beval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)\s*\{/g;

/**
 * Dean Edwards' packer (`eval(function(p,a,c,k,e,d){…}('…',62,…))`): the whole program is a
 * string table unpacked and evaluated at load. Old jQuery plugins shipped like this, npm packages
 * almost never do, and malware uses it because it hides everything from a text search. Textual by
 * nature, so matched on the text (also in files that do not parse).
 */
export const rule: Rule = {
  meta: {
    id: 'obfuscation-packer',
    severity: 'medium',
    category: 'obfuscation',
    confidence: 'medium',
    description: "Code packed with Dean Edwards' packer: eval(function(p,a,c,k,e,d){…})",
    textOnly: true,
    needles: ['p,a,c,k,e,', 'p, a, c, k, e,'],
  },
  create(ctx) {
    return withText((text) => {
        PACKED.lastIndex = 0;
        const m = PACKED.exec(text);
        if (m) ctx.report({ offset: m.index, message: 'packed with eval(function(p,a,c,k,e,d)…): the code is unpacked and evaluated at load' });
    });
  },
};
