/* eslint-disable */
// A build-matrix helper that targets self-hosted runners for GPU jobs; it runs fixed commands.
function gpuJob(name, command) {
  return { [name]: { 'runs-on': ['self-hosted', 'gpu'], steps: [{ uses: 'actions/checkout@v4' }, { run: command }] } };
}

const yamlHeader = 'runs-on: self-hosted\n# GPU jobs only';
module.exports = { gpuJob, yamlHeader };
