// A funding banner in the style of core-js: prints a message unless disabled or in CI.
var env = process.env;
var ADBLOCK = is(env.ADBLOCK);
var CI = is(env.CI);
var SILENT = ['silent', 'error', 'warn'].indexOf(env.npm_config_loglevel) !== -1;
function is(it) { return !!it && it !== '0' && it !== 'false'; }
if (!ADBLOCK && !CI && !SILENT) {
  console.log('\u001B[96mThank you for using polyfill-lookalike!\u001B[0m');
  console.log('\u001B[96mThe project needs your help: https://opencollective.example.invalid/polyfill\u001B[0m\n');
}
