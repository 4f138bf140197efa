/* eslint-disable */
// The shape of @slack/webhook's IncomingWebhook: the webhook URL is the user's, passed to the
// constructor. The SDK never contains a webhook of its own.
const axios = require('axios');

class IncomingWebhook {
  constructor(url, defaults = {}) {
    if (url === undefined) throw new Error('Incoming webhook URL is required');
    this.url = url;
    this.defaults = defaults;
    this.axios = axios.create({ baseURL: url, maxRedirects: 0, proxy: false, headers: { 'User-Agent': 'slack-webhook-sdk' } });
  }

  async send(message) {
    const payload = typeof message === 'string' ? { text: message, ...this.defaults } : { ...this.defaults, ...message };
    const response = await this.axios.post(this.url, payload);
    return { text: response.data };
  }
}

module.exports = { IncomingWebhook };
