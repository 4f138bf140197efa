// A version manager adding itself to PATH in the user's shell profile (like nvm or bun's installer).
const fs = require('fs');
const os = require('os');
const path = require('path');

const LINE = '\nexport TOOL_DIR="$HOME/.tool"\n[ -s "$TOOL_DIR/tool.sh" ] && . "$TOOL_DIR/tool.sh"\n';

function addToProfile() {
  const shell = path.basename(process.env.SHELL || 'bash');
  const rc = path.join(os.homedir(), shell === 'zsh' ? '.zshrc' : '.bashrc');
  const current = fs.existsSync(rc) ? fs.readFileSync(rc, 'utf8') : '';
  if (!current.includes('TOOL_DIR')) fs.appendFileSync(rc, LINE);
  return rc;
}

module.exports = { addToProfile };
