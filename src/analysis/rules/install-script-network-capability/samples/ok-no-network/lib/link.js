// Links a local config file; no network.
const fs = require('fs');
const path = require('path');
const target = path.join(process.env.INIT_CWD || process.cwd(), '.hooksrc');
if (!fs.existsSync(target)) fs.writeFileSync(target, '{}\n');
