/* eslint-disable */
// A CLI that explains how to authenticate: the commands are text for the user, not run.
const HELP = [
  'To publish, authenticate first:',
  '  gh auth login',
  '  export GITHUB_TOKEN=$(gh auth token)',
  'Secrets in your repository can be found with: gitleaks detect',
].join('\n');

function printHelp(out = console) {
  out.log(HELP);
}

module.exports = { printHelp };
