/* eslint-disable */
// A CI generator (in the style of projen's GitHub workflows): it emits a release workflow that
// uses one named secret, as workflows should.
function releaseWorkflow({ node = '20' } = {}) {
  return [
    'name: release',
    'on:',
    '  push:',
    '    branches: [main]',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    `      - uses: actions/setup-node@v4\n        with:\n          node-version: ${node}`,
    '      - run: npm ci && npm test',
    '      - run: npm publish --provenance',
    '        env:',
    '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
  ].join('\n');
}

module.exports = { releaseWorkflow };
