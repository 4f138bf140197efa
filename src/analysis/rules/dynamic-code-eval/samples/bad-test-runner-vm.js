// A test runner loading test files into a fresh context with the vm module (benign; noted as a capability).
const fs = require('fs');
const vm = require('vm');

function runFile(file, globals) {
  const source = fs.readFileSync(file, 'utf8');
  const context = vm.createContext({ ...globals, console });
  const script = new vm.Script(source, { filename: file });
  return script.runInContext(context, { timeout: 5000 });
}

module.exports = { runFile };
