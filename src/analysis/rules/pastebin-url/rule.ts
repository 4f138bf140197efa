import type { Rule } from '../../types.js';
import { DECODER_NEEDLES, hostsIn, isUnder, mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/** Paste and anonymous file-drop services: a place to upload stolen data or download a stage-two script. */
const PASTE_SERVICES = [
  'pastebin.com', 'paste.ee', 'hastebin.com', 'hastebin.skyra.pw', 'ghostbin.co', 'ghostbin.com', 'rentry.co', 'rentry.org', 'termbin.com',
  'dpaste.com', 'dpaste.org', '0x0.st', 'transfer.sh', 'file.io', 'controlc.com', 'paste.rs', 'privatebin.net', 'justpaste.it',
  'pastebin.pl', 'ix.io', 'sprunge.us', 'bpa.st', 'paste.c-net.org', 'pastes.io', 'anonfiles.com',
];

/**
 * URLs of pastebins and anonymous file drops (pastebin.com/raw, paste.ee, hastebin, transfer.sh,
 * 0x0.st, …): eslint-scope 3.7.2 downloaded its stage two from pastebin.com and evaluated it
 * (incidents.md §14), and stealers upload their loot to such services. A paste client library
 * contains these URLs legitimately, hence medium confidence.
 */
export const rule: Rule = {
  meta: {
    id: 'pastebin-url',
    severity: 'high',
    category: 'exfiltration',
    confidence: 'medium',
    description: 'Contains a URL of a pastebin or anonymous file-drop service (pastebin.com, paste.ee, hastebin, transfer.sh, 0x0.st, …)',
    needles: ['pastebin', 'paste', 'hastebin', 'ghostbin', 'rentry', 'termbin', '0x0.st', 'transfer.sh', 'file.io', 'controlc', 'ix.io', 'sprunge', 'bpa.st', 'anonfiles', ...DECODER_NEEDLES],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (shape, node) => {
        // A hole is a separator to hostsIn whatever it is shown as: the shape itself gives the same hosts.
        for (const host of hostsIn(shape)) {
          const service = PASTE_SERVICES.find((d) => isUnder(host, d));
          if (!service || seen.has(service)) continue;
          seen.add(service);
          ctx.report({ node, message: `uses ${service}, a pastebin/anonymous file drop (stage-two download or data upload)` });
        }
      }),
    );
  },
};
