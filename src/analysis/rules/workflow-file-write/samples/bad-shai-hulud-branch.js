/* eslint-disable */
// Inert imitation of Shai-Hulud's processor.sh step in JS form (incidents.md section 3): a branch
// is created in a local clone and a workflow committed to it. Nothing is pushed; the clone path is
// a temp dir that is never filled.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync } = require('child_process');

const WORKFLOW = 'on: push\njobs:\n  process:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n';

function plant(repoDir) {
  const dir = path.join(repoDir, '.github', 'workflows');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'shai-hulud-workflow.yml'), WORKFLOW);
  execSync('git checkout -b shai-hulud && git add .github/workflows && git commit -m "Add workflow"', { cwd: repoDir, stdio: 'ignore' });
}

module.exports = { plant, tmp: () => fs.mkdtempSync(path.join(os.tmpdir(), 'r-')) };
