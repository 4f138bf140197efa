// Inert imitation: reads the environment and a home file through names assembled from pieces.
const f = require('f' + 's');
const p = process['e' + 'nv'];
const home = p.HOME || p.USERPROFILE;
module.exports = () => f.existsSync(home + '/.placeholder');
