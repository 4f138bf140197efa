/* eslint-disable */
// The shape of an ngrok SDK wrapper: it talks to the ngrok API host with the user's token and
// returns the tunnel URL the API assigns.
const API = 'https://api.ngrok.com';

async function listTunnels(token, fetchImpl = fetch) {
  const res = await fetchImpl(API + '/tunnels', { headers: { authorization: 'Bearer ' + token, 'ngrok-version': '2' } });
  const body = await res.json();
  return body.tunnels.map((t) => t.public_url);
}

function describe(url) {
  return new URL(url).hostname.endsWith('.ngrok-free.app') ? 'free tunnel' : 'custom domain';
}

module.exports = { listTunnels, describe };
