/**
 * Stationary bootstrap indices (Politis & Romano 1994): blocks of geometric length with mean b,
 * each starting at a uniform position, wrapping around the end (circular). Seeded with the
 * project's mulberry32 stream, so a seed gives the same resamples in Node and every browser.
 */
import { createRng } from '../util/rng';

export interface IndexStream {
  /** fills `out` with one resample's indices */
  next(out: Int32Array): void;
}

/**
 * A block length drawn from the geometric law on {1, 2, ...} with mean b, from a uniform u in
 * [0, 1): 1 + floor(log(1 - u) / log(1 - 1/b)); `logq` = log(1 - 1/b) (-Infinity for b = 1).
 * Drawing whole blocks is the same law as "start a new block with probability 1/b at each bar".
 */
export function geometricLength(u: number, logq: number): number {
  if (logq === -Infinity) return 1;
  return 1 + Math.floor(Math.log(1 - u) / logq);
}

export function stationaryIndices(n: number, blockLength: number, seed: number): IndexStream {
  const rng = createRng(seed);
  const logq = Math.log1p(-1 / Math.max(1, blockLength));
  return {
    next(out) {
      let t = 0;
      while (t < out.length) {
        let j = Math.floor(rng.next() * n);
        const stop = Math.min(out.length, t + geometricLength(rng.next(), logq));
        for (; t < stop; t++) {
          out[t] = j;
          if (++j === n) j = 0;
        }
      }
    },
  };
}

/** Percentile (linear interpolation between order statistics, numpy's default) of sorted values. */
export function quantileSorted(s: ArrayLike<number>, q: number): number {
  const n = s.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}
