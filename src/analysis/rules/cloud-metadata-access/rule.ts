import type { Rule } from '../../types.js';
import { mergeVisitors, stringVisitor, trackers } from '../_ast/index.js';

/** Instance-metadata endpoints that hand out the machine's cloud credentials. */
const ENDPOINTS: [RegExp, string][] = [
  [/169\.254\.169\.254/, 'the AWS/Azure/GCP instance metadata service (169.254.169.254)'],
  [/metadata\.google\.internal/, 'the GCP metadata server (metadata.google.internal)'],
  [/169\.254\.170\.2/, 'the AWS ECS task credentials endpoint (169.254.170.2)'],
  [/fd00:ec2::254/i, 'the AWS IPv6 metadata service (fd00:ec2::254)'],
  [/100\.100\.100\.200/, 'the Alibaba Cloud metadata service (100.100.100.200)'],
];
/** Paths on those endpoints that return credentials rather than instance facts. */
const CREDENTIAL_PATH = /iam\/security-credentials|service-accounts\/[^/]*\/token|identity\/oauth2\/token|\/v2\/credentials/;

/**
 * Requests to cloud instance-metadata endpoints, which return the machine's cloud credentials to
 * any process that asks. Shai-Hulud collected AWS and GCP credentials (incidents.md §3); a CI
 * runner's metadata service is a prize. The cloud SDKs (AWS credential providers, gcp-metadata)
 * contain these endpoints by design, so this is a capability (low confidence).
 */
export const rule: Rule = {
  meta: {
    id: 'cloud-metadata-access',
    severity: 'medium',
    category: 'credential-harvesting',
    confidence: 'low',
    description: 'Contacts a cloud instance-metadata endpoint (169.254.169.254, metadata.google.internal) that serves cloud credentials',
    needles: ['169.254.169.254', 'metadata.google.internal', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'],
  },
  create(ctx) {
    const t = trackers(ctx);
    const seen = new Set<string>();
    return mergeVisitors(
      t.visitor,
      stringVisitor(t.bindings, (s, node) => {
        for (const [re, what] of ENDPOINTS) {
          if (!re.test(s) || seen.has(what)) continue;
          seen.add(what);
          ctx.report({ node, message: `contacts ${what}${CREDENTIAL_PATH.test(s) ? ', asking for credentials' : ''}` });
        }
      }),
    );
  },
};
