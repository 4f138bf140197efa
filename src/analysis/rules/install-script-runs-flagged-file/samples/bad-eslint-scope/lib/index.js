module.exports = { analyze: () => ({ scopes: [] }) };
