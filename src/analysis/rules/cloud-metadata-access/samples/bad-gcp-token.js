/* eslint-disable */
// Inert imitation: the default service account's OAuth token is fetched from the GCP metadata server.
fetch('http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token', {
  headers: { 'Metadata-Flavor': 'Google' },
}).then((r) => r.json()).catch(() => null);
