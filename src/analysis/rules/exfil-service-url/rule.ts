import type { Rule } from '../../types.js';
import { DECODER_NEEDLES, HOLE, hostsIn, isUnder, mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/**
 * Request-capture and out-of-band interaction services: whatever is sent there is readable by
 * whoever holds the URL. Penetration testers and malware use them; libraries have no reason to.
 */
const CAPTURE_SERVICES: [string, string][] = [
  ['webhook.site', 'a public request-capture service'],
  ['requestbin.com', 'a public request-capture service'],
  ['requestbin.net', 'a public request-capture service'],
  ['m.pipedream.net', 'a Pipedream request-capture endpoint'],
  ['requestcatcher.com', 'a public request-capture service'],
  ['beeceptor.com', 'a public request-capture service'],
  ['hookbin.com', 'a public request-capture service'],
  ['postb.in', 'a public request-capture service'],
  ['requestinspector.com', 'a public request-capture service'],
  ['oastify.com', 'Burp Collaborator (out-of-band exfiltration)'],
  ['burpcollaborator.net', 'Burp Collaborator (out-of-band exfiltration)'],
  ['interact.sh', 'interactsh (out-of-band exfiltration)'],
  ['interactsh.com', 'interactsh (out-of-band exfiltration)'],
  ['oast.fun', 'interactsh (out-of-band exfiltration)'],
  ['oast.pro', 'interactsh (out-of-band exfiltration)'],
  ['oast.live', 'interactsh (out-of-band exfiltration)'],
  ['oast.site', 'interactsh (out-of-band exfiltration)'],
  ['oast.online', 'interactsh (out-of-band exfiltration)'],
  ['oast.me', 'interactsh (out-of-band exfiltration)'],
  ['dnslog.cn', 'a DNS-log service (out-of-band exfiltration)'],
  ['ceye.io', 'a DNS/HTTP-log service (out-of-band exfiltration)'],
  ['canarytokens.com', 'a canary-token service'],
];

/** Chat webhooks with their credentials written into the code: anyone with the URL can post, and the package's author reads. */
const CHAT_WEBHOOKS: [RegExp, string][] = [
  [/discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d{5,}\/[\w-]{20,}/i, 'a Discord webhook with its id and token'],
  [/api\.telegram\.org\/bot\d{5,}:[\w-]{20,}/i, 'a Telegram bot API with its token'],
  [/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{8,}/, 'a Slack incoming webhook with its secret path'],
];

/** A word every one of CHAT_WEBHOOKS needs: strings without one skip them. */
const CHAT_HINT = /discord|telegram|hooks\.slack\.com/i;

/**
 * URLs of request-capture/out-of-band services (webhook.site, pipedream, Burp Collaborator,
 * interactsh, dnslog) and chat webhooks whose credentials are written in the code (Discord,
 * Telegram, Slack): where stolen data goes. Shai-Hulud's workflow posted every repository secret
 * to a webhook.site URL (incidents.md §3); dependency-confusion probes call home to OAST hosts.
 * A Slack or Discord SDK takes the webhook URL from its user and never spells one out.
 */
export const rule: Rule = {
  meta: {
    id: 'exfil-service-url',
    severity: 'high',
    category: 'exfiltration',
    confidence: 'high',
    description: 'Contains a URL of a request-capture/OAST service (webhook.site, pipedream, interactsh, Burp) or a chat webhook with embedded credentials',
    // First labels, not whole domains: `'https://webhook' + '.site/'` must still reach the rule.
    needles: ['webhook', 'requestbin', 'pipedream', 'requestcatcher', 'beeceptor', 'hookbin', 'postb', 'requestinspector', 'oastify', 'burpcollaborator', 'interact', 'oast', 'dnslog', 'ceye', 'canarytokens', 'discord', 'telegram', 'slack', ...DECODER_NEEDLES],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (shape, node) => {
        // A hole is a separator to hostsIn whatever it is shown as: the shape itself gives the same hosts.
        for (const host of hostsIn(shape)) {
          const hit = CAPTURE_SERVICES.find(([d]) => isUnder(host, d));
          if (!hit || seen.has(hit[0])) continue;
          seen.add(hit[0]);
          ctx.report({ node, message: `sends to ${host}, ${hit[1]}` });
        }
        if (!CHAT_HINT.test(shape)) return;
        const s = shape.replaceAll(HOLE, '…');
        for (const [re, what] of CHAT_WEBHOOKS) {
          if (!re.test(s) || seen.has(what)) continue;
          seen.add(what);
          ctx.report({ node, message: `posts to ${what}` });
        }
      }),
    );
  },
};
