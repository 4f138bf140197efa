/* eslint-disable */
// An HTTP cookie jar (in the style of tough-cookie's file store): it persists the cookies *it*
// received to a JSON file of its own choosing.
const fs = require('fs');

class FileCookieStore {
  constructor(file) {
    this.file = file;
    this.cookies = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  }

  put(domain, name, value) {
    (this.cookies[domain] ||= {})[name] = value;
    fs.writeFileSync(this.file, JSON.stringify(this.cookies));
  }

  header(domain) {
    return Object.entries(this.cookies[domain] || {}).map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

module.exports = FileCookieStore;
