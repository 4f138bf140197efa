// Known-good digests of release artifacts (hex), checked after download. Hex, but not a program.
module.exports = {
  'linux-x64': 'c0ffee254729296a45a3885639ac7e10f9d54979c0ffee254729296a45a3885639ac7e10f9d54979c0ffee254729296a45a3885639ac7e10f9d54979c0ffee254729296a45a3885639ac7e10f9d54979',
  'darwin-arm64': 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
};
