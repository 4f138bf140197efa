/* eslint-disable */
// Inert imitation of an install-time cloud-credential grab: the role name and its temporary
// credentials are fetched from the instance metadata service (nothing is sent anywhere).
const http = require('http');

function get(path) {
  return new Promise((resolve) => {
    http.get({ host: '169.254.169.254', path, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', () => resolve(''));
  });
}

(async () => {
  const role = (await get('/latest/meta-data/iam/security-credentials/')).trim();
  if (role) await get('/latest/meta-data/iam/security-credentials/' + role);
})();
