// HTTP basic-auth parsing: decodes request data (not literals), and ships a binary constant.
const EMPTY_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function parse(header) {
  const m = /^Basic (.+)$/.exec(header || '');
  if (!m) return null;
  const [name, pass] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
  return { name, pass };
}

module.exports = { parse, EMPTY_GIF };
