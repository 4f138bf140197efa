/* eslint-disable */
// An SDK helper that resolves the cloud region from configuration and environment variables,
// without contacting any metadata endpoint.
function resolveRegion(options = {}) {
  return options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || process.env.GOOGLE_CLOUD_REGION || 'us-east-1';
}

function endpointFor(service, region) {
  return `https://${service}.${region}.cloud.example.invalid`;
}

module.exports = { resolveRegion, endpointFor };
