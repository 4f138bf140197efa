/* eslint-disable */
// A release helper that uses the GitHub CLI for ordinary API calls (gh api, gh release create),
// relying on gh's own login rather than extracting the token.
const { execFileSync } = require('child_process');

function gh(args) {
  return execFileSync('gh', args, { encoding: 'utf8' });
}

function createRelease(tag, notes) {
  return gh(['release', 'create', tag, '--notes', notes]);
}

function latestTag(repo) {
  return JSON.parse(gh(['api', `repos/${repo}/releases/latest`])).tag_name;
}

module.exports = { createRelease, latestTag };
