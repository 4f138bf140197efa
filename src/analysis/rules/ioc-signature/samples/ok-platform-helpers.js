/* eslint-disable */
// Benign code with near misses of IOC strings: the `open` package's Windows launcher uses
// rundll32, build tools spawn child_process, geolocation clients call ipgeolocation.io with
// their own key, docs link to help.npmjs.com, and a retry loop counts towards Infinity.
// ok: ioc-signature
'use strict';

const childProcess = require('child_process');

function openOnWindows(target) {
  return childProcess.spawn('rundll32', ['url.dll,FileProtocolHandler', target], { stdio: 'ignore' });
}

function geolocationUrl(apiKey) {
  return `https://api.ipgeolocation.io/ipgeo?apiKey=${encodeURIComponent(apiKey)}`;
}

const HELP = 'https://help.npmjs.com/creating-a-strong-password';
const RESOLVER = '111.90.151.13';

async function retry(fn) {
  for (let attempt = 1; attempt < Infinity; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt > 5) throw e;
    }
  }
}

module.exports = { openOnWindows, geolocationUrl, retry, HELP, RESOLVER };
