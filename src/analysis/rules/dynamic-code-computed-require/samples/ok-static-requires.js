// A CLI entry with only static requires and one constant built path.
const path = require('path');
const { Command } = require('commander');
const pkg = require('../package.json');
const LOCALE = './locales/' + 'en.json';
const messages = require(LOCALE);

const program = new Command();
program.name(pkg.name).version(pkg.version).description(messages.description);
program.parse(process.argv);
module.exports = { root: path.dirname(__dirname) };
