// Seeded pseudo-random numbers, so that the same seed always yields byte-identical lockfiles
// (benchmarks compare runs over time; the inputs must not drift).

/** mulberry32: tiny, fast, good enough for picking names and shapes (not for cryptography). */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max], both inclusive. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** `count` pseudo-random bytes (used for fake sha512/sha1 digests). */
    bytes(count) {
      const out = Buffer.allocUnsafe(count);
      for (let i = 0; i < count; i += 4) {
        const word = (next() * 4294967296) >>> 0;
        for (let k = 0; k < 4 && i + k < count; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
      }
      return out;
    },
  };
}
