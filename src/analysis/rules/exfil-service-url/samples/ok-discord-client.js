/* eslint-disable */
// A Discord client library: it builds webhook routes from ids and tokens its caller provides and
// parses webhook URLs with a regular expression (not a string of its own).
const API = 'https://discord.com/api/v10';
const WEBHOOK_URL = /^https?:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api(?:\/v\d{1,2})?\/webhooks\/(\d{17,19})\/([\w-]{68})$/i;

function parseWebhookURL(url) {
  const m = WEBHOOK_URL.exec(url);
  return m ? { id: m[1], token: m[2] } : null;
}

async function executeWebhook(id, token, body, fetchImpl = fetch) {
  const res = await fetchImpl(`${API}/webhooks/${id}/${token}?wait=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

module.exports = { parseWebhookURL, executeWebhook };
