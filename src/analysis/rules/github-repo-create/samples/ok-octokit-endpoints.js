/* eslint-disable */
// The shape of @octokit/plugin-rest-endpoint-methods: a table of routes (creation included) that
// the client turns into methods. Nothing here calls them, and no token is read.
const Endpoints = {
  repos: {
    createForAuthenticatedUser: ['POST /user/repos'],
    createInOrg: ['POST /orgs/{org}/repos'],
    listForAuthenticatedUser: ['GET /user/repos'],
    get: ['GET /repos/{owner}/{repo}'],
  },
};

function endpointsToMethods(octokit) {
  const out = {};
  for (const [scope, methods] of Object.entries(Endpoints)) {
    out[scope] = {};
    for (const [name, [route]] of Object.entries(methods)) out[scope][name] = (params) => octokit.request(route, params);
  }
  return out;
}

module.exports = { endpointsToMethods };
