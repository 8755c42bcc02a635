/**
 * Mulberry32: a tiny seeded PRNG giving floats in [0, 1), so generated data
 * (tests, benchmarks, the example's demo) is the same on every run and on
 * every platform, and a failure can be replayed by its seed.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
