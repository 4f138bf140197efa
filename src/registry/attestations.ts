import { npmFetch } from './npm-fetch.js';
import { flatOptions, type RegistryRequestOptions } from './request.js';
import type { Provenance } from './version-info.js';

/**
 * Where a version's provenance says it was built: the source repository and the workflow (GitHub
 * Actions) or CI job (GitLab). The packument only says that attestations exist; the repository
 * and workflow are in the SLSA statement inside the attestation bundle the registry serves, which
 * npm's own client (pacote) fetches from the configured registry by the path in
 * `dist.attestations.url`, the DSSE envelope's payload being the base64 of the in-toto statement.
 *
 * The statement is read, not verified: the registry checks an attestation when the version is
 * published, and `npm audit signatures` verifies the signatures. What a diff needs is whether two
 * releases name the same source.
 */
export interface ProvenanceSource {
  sourceRepository?: string;
  workflow?: string;
}

/**
 * `provenance` with the repository and workflow its statement names. When the bundle cannot be
 * fetched or read, `provenance` as it was: its source stays unknown, which no judgement rests on.
 */
export async function withProvenanceSource(name: string, provenance: Provenance, opts: RegistryRequestOptions): Promise<Provenance> {
  if (provenance.attestationsUrl === undefined) return provenance;
  try {
    const url = new URL(new URL(provenance.attestationsUrl).pathname, opts.config.registryFor(name)).href;
    // A published version's attestations never change: any cached copy will do.
    const bundle: unknown = await (await npmFetch()).json(url, { ...flatOptions(opts), spec: name, preferOffline: true });
    return { ...provenance, ...sourceOfBundle(bundle) };
  } catch {
    return provenance;
  }
}

/** The source named by the SLSA provenance statement of an attestations document (`{ attestations: [...] }`). */
export function sourceOfBundle(doc: unknown): ProvenanceSource {
  const attestations = (doc as { attestations?: unknown } | null)?.attestations;
  if (!Array.isArray(attestations)) return {};
  for (const a of attestations as { predicateType?: unknown; bundle?: { dsseEnvelope?: { payload?: unknown } } }[]) {
    if (typeof a?.predicateType !== 'string' || !a.predicateType.startsWith('https://slsa.dev/provenance/')) continue;
    const payload = a.bundle?.dsseEnvelope?.payload;
    if (typeof payload !== 'string') continue;
    try {
      return sourceOfStatement(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')));
    } catch {
      return {};
    }
  }
  return {};
}

/**
 * The source in an in-toto statement, in the two shapes npm publishes (libnpmpublish's
 * provenance.js): SLSA v1 from GitHub Actions (`buildDefinition.externalParameters.workflow`
 * with `repository` and `path`) and SLSA v0.2 from GitLab (`invocation.configSource` with
 * `uri` and `entryPoint`). Repositories are compared without `git+` and `.git`.
 */
export function sourceOfStatement(statement: unknown): ProvenanceSource {
  const predicate = (statement as { predicate?: Record<string, unknown> } | null)?.predicate;
  const v1 = (predicate?.['buildDefinition'] as { externalParameters?: { workflow?: { repository?: unknown; path?: unknown } } } | undefined)?.externalParameters?.workflow;
  const v02 = (predicate?.['invocation'] as { configSource?: { uri?: unknown; entryPoint?: unknown } } | undefined)?.configSource;
  const repository = v1?.repository ?? v02?.uri;
  const workflow = v1?.path ?? v02?.entryPoint;
  return {
    ...(typeof repository === 'string' && repository ? { sourceRepository: repository.replace(/^git\+/, '').replace(/\.git$/, '') } : {}),
    ...(typeof workflow === 'string' && workflow ? { workflow } : {}),
  };
}
