import { describe, expect, it } from 'vitest';
import { sourceOfBundle, sourceOfStatement } from './attestations.js';

const envelope = (statement: unknown) => ({ dsseEnvelope: { payload: Buffer.from(JSON.stringify(statement)).toString('base64'), payloadType: 'application/vnd.in-toto+json', signatures: [] } });

// The shapes libnpmpublish's provenance.js writes (npm 11): SLSA v1 on GitHub Actions, v0.2 on GitLab.
const github = {
  _type: 'https://in-toto.io/Statement/v1',
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: {
    buildDefinition: {
      buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
      externalParameters: { workflow: { ref: 'refs/tags/v1.0.1', repository: 'https://git.example.test/acme/widget', path: '.github/workflows/release.yml' } },
    },
  },
};
const gitlab = {
  _type: 'https://in-toto.io/Statement/v0.1',
  predicateType: 'https://slsa.dev/provenance/v0.2',
  predicate: {
    buildType: 'https://github.com/npm/cli/gitlab/v0alpha1',
    invocation: { configSource: { uri: 'git+https://gitlab.example.test/acme/widget.git', digest: { sha1: 'abc' }, entryPoint: 'publish' } },
  },
};

describe('sourceOfStatement', () => {
  it('reads the repository and workflow of a GitHub Actions (SLSA v1) statement', () => {
    expect(sourceOfStatement(github)).toEqual({ sourceRepository: 'https://git.example.test/acme/widget', workflow: '.github/workflows/release.yml' });
  });

  it('reads the repository and CI job of a GitLab (SLSA v0.2) statement, without git+ and .git', () => {
    expect(sourceOfStatement(gitlab)).toEqual({ sourceRepository: 'https://gitlab.example.test/acme/widget', workflow: 'publish' });
  });

  it('says nothing of a statement of another shape', () => {
    expect(sourceOfStatement({ predicate: { builder: { id: 'x' } } })).toEqual({});
    expect(sourceOfStatement(null)).toEqual({});
  });
});

describe('sourceOfBundle', () => {
  it('takes the SLSA provenance statement, not the publish attestation', () => {
    const doc = {
      attestations: [
        { predicateType: 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1', bundle: envelope({ predicate: { name: 'widget', version: '1.0.1' } }) },
        { predicateType: 'https://slsa.dev/provenance/v1', bundle: envelope(github) },
      ],
    };
    expect(sourceOfBundle(doc)).toEqual({ sourceRepository: 'https://git.example.test/acme/widget', workflow: '.github/workflows/release.yml' });
  });

  it('says nothing of a malformed document or payload', () => {
    expect(sourceOfBundle({ attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle: { dsseEnvelope: { payload: 'not base64 json' } } }] })).toEqual({});
    expect(sourceOfBundle({ attestations: 'x' })).toEqual({});
    expect(sourceOfBundle('<html>')).toEqual({});
  });
});
