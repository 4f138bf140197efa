/* eslint-disable */
// A dotenv-style loader: it reads the project's .env file and sets missing variables. No
// credential store of the user's home is touched.
const fs = require('fs');
const path = require('path');

function config({ path: file = path.resolve(process.cwd(), '.env'), override = false } = {}) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: e };
  }
  const parsed = {};
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(/^\s*([\w.-]+)\s*=\s*(.*)?\s*$/);
    if (!m) continue;
    parsed[m[1]] = (m[2] || '').replace(/^(['"])(.*)\1$/, '$2');
  }
  for (const [k, v] of Object.entries(parsed)) if (override || process.env[k] === undefined) process.env[k] = v;
  return { parsed };
}

module.exports = { config };
