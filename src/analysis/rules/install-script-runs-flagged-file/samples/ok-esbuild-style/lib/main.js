module.exports = { build: () => {} };
