/* eslint-disable */
// The shape of @npmcli/config's file loading: the user, global and project npmrc files (one kind
// of credential file), parsed as ini.
const { readFile } = require('fs/promises');
const { resolve, join } = require('path');

class Config {
  constructor({ globalPrefix, localPrefix, home }) {
    this.files = {
      user: join(home, '.npmrc'),
      global: resolve(globalPrefix, 'etc/npmrc'),
      project: resolve(localPrefix, '.npmrc'),
    };
  }

  async load() {
    const data = {};
    for (const [where, file] of Object.entries(this.files)) {
      data[where] = await readFile(file, 'utf8').then((text) => this.parse(text), () => ({}));
    }
    return data;
  }

  parse(text) {
    return Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => l.split('=').map((s) => s.trim())));
  }
}

module.exports = Config;
