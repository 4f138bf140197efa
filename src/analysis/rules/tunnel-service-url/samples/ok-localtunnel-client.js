/* eslint-disable */
// The shape of the localtunnel client: it asks the service's host for a tunnel and gets the
// public URL back at run time. No tunnel is spelled out in the code.
const axios = require('axios');

async function openTunnel({ port, host = 'https://localtunnel.me', subdomain } = {}) {
  const uri = host + '/' + (subdomain || '?new');
  const { data } = await axios.get(uri);
  return { url: data.url, id: data.id, port, maxConnections: data.max_conn_count || 1 };
}

module.exports = { openTunnel };
