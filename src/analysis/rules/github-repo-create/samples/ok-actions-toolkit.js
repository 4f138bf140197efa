/* eslint-disable */
// A GitHub Action (in the style of @actions/github users): it comments on the pull request with
// the workflow token. It reads repositories; it never creates one.
async function run(github, core, context) {
  const token = process.env.GITHUB_TOKEN || core.getInput('github-token');
  const octokit = github.getOctokit(token);
  const { owner, repo } = context.repo;
  const pr = context.payload.pull_request.number;
  const { data: files } = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: pr });
  await octokit.rest.issues.createComment({ owner, repo, issue_number: pr, body: `${files.length} files changed` });
}

module.exports = { run };
