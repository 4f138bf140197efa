/* eslint-disable */
// A CI helper (in the style of actions/setup-node's auth step): it writes an .npmrc that refers
// to ${NODE_AUTH_TOKEN} for npm to expand later; it never reads or sends the token itself.
const fs = require('fs');
const path = require('path');

function configureAuth(registryUrl, dir = process.cwd()) {
  const url = new URL(registryUrl);
  const line = `//${url.host}${url.pathname}:_authToken=\${NODE_AUTH_TOKEN}`;
  fs.writeFileSync(path.join(dir, '.npmrc'), `registry=${url.href}\n${line}\n`);
  return line;
}

module.exports = { configureAuth };
