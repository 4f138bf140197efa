module.exports = { fn: (x) => typeof x === 'function' };
