/* eslint-disable */
// A browser launcher (in the style of chrome-launcher): it finds the Chrome executable and starts
// it with a fresh profile directory. It never opens the profile's databases.
const fs = require('fs');
const os = require('os');
const path = require('path');

const CANDIDATES = {
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  linux: ['/usr/bin/google-chrome', '/usr/bin/chromium'],
  win32: [path.join(process.env.PROGRAMFILES || 'C:/Program Files', 'Google/Chrome/Application/chrome.exe')],
};

function findChrome() {
  return (CANDIDATES[process.platform] || []).find((p) => fs.existsSync(p));
}

function launchArgs(port) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chrome-profile-'));
  return [`--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, '--no-first-run'];
}

module.exports = { findChrome, launchArgs };
