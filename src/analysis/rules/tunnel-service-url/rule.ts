import type { Rule } from '../../types.js';
import { DECODER_NEEDLES, hostsIn, isUnder, mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/** Tunnelling services: `<random>.<domain>` forwards to whatever machine opened the tunnel. */
const TUNNELS = [
  'ngrok.io', 'ngrok.app', 'ngrok-free.app', 'ngrok.dev', 'ngrok-free.dev', 'serveo.net', 'serveousercontent.com', 'loca.lt',
  'localtunnel.me', 'trycloudflare.com', 'lhr.life', 'localhost.run', 'pagekite.me', 'telebit.io', 'pinggy.link', 'pinggy.io',
  'tunnelto.dev', 'loclx.io', 'localxpose.io', 'bore.digital',
];
/** Labels of the services' own infrastructure (`api.trycloudflare.com` hands out quick tunnels). */
const INFRA_LABELS = new Set(['api', 'www', 'dashboard', 'docs', 'status', 'blog', 'connect', 'tunnel', 'update', 'dl', 'bin', 'equinox']);

/**
 * URLs of a specific tunnel (`abcd-1-2-3-4.ngrok-free.app`, `xyz.trycloudflare.com`, `x.loca.lt`,
 * `x.serveo.net`): a throwaway endpoint on someone's own machine, a common exfiltration and C2
 * address in malicious packages. The tunnel clients themselves (ngrok, localtunnel, cloudflared
 * wrappers) talk to the services' API hosts and build tunnel names at run time, so only a
 * spelled-out tunnel host is reported (medium confidence: a test fixture may keep one).
 */
export const rule: Rule = {
  meta: {
    id: 'tunnel-service-url',
    severity: 'medium',
    category: 'exfiltration',
    confidence: 'medium',
    description: 'Contains the URL of a specific tunnel (ngrok, trycloudflare, localtunnel, serveo, …) as a destination',
    needles: ['ngrok', 'serveo', 'loca.lt', 'localtunnel', 'trycloudflare', 'lhr.life', 'localhost.run', 'pagekite', 'telebit', 'pinggy', 'tunnelto', 'loclx', 'localxpose', 'bore.digital', ...DECODER_NEEDLES],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (shape, node) => {
        // A hole is a separator to hostsIn whatever it is shown as: the shape itself gives the same hosts.
        for (const host of hostsIn(shape)) {
          const service = TUNNELS.find((d) => isUnder(host, d));
          if (!service || host === service || seen.has(host)) continue;
          const label = host.slice(0, -service.length - 1).split('.').pop()!;
          if (INFRA_LABELS.has(label)) continue;
          seen.add(host);
          ctx.report({ node, message: `sends to ${host}, a ${service} tunnel to someone's own machine` });
        }
      }),
    );
  },
};
