/**
 * The resampling plan of the stationary bootstrap, one resample at a time, as contiguous
 * segments of the original bars: block starts uniform, lengths geometric with mean b (see
 * `geometricLength`), each block cut at the end of the series and continued from bar 0. With
 * cumulative sums a statistic's sum over a segment costs O(1), so a resample costs
 * O(blocks), not O(bars). The arrays are allocated once and refilled by `next()`.
 *
 * Draw order (start, then length, per block) is that of `stationaryIndices`, so a seed gives
 * the same resampled bars as the index stream.
 */
import { createRng } from '../util/rng';
import { geometricLength } from './stationary';

const TWO32 = 4294967296;
const BUCKETS = 1024;

/**
 * `geometricLength` without a logarithm per draw: the rng's uniforms are k / 2^32, so for each
 * length L the smallest k whose formula gives more than L is found once by bisection on the
 * formula itself; a draw then reads its bucket's first length and steps over the thresholds
 * inside the bucket (about one). Lengths are the formula's, bit for bit (the formula is monotone
 * in u on the 2^-32 grid: one step moves log(1 - u) / log(1 - 1/b) by far more than its
 * rounding); past the table (chance (1 - 1/b)^L) the formula itself is used.
 */
export class GeometricLengths {
  private readonly logq: number;
  private readonly max: number;
  /** above[L]: the smallest u with a length > L (2 when none), L = 1 .. max - 1 */
  private readonly above: Float64Array;
  private readonly start: Int32Array;

  constructor(blockLength: number) {
    this.logq = Math.log1p(-1 / Math.max(1, blockLength));
    this.max = Math.min(8192, Math.ceil(12 * Math.max(1, blockLength)) + 8);
    this.above = new Float64Array(this.max).fill(2);
    const f = (k: number) => geometricLength(k / TWO32, this.logq);
    for (let L = 1; L < this.max; L++) {
      if (f(TWO32 - 1) <= L) break;
      let lo = 0; // f(lo) may be <= L
      let hi = TWO32 - 1; // f(hi) > L
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (f(mid) > L) hi = mid;
        else lo = mid;
      }
      this.above[L] = f(lo) > L ? lo / TWO32 : hi / TWO32;
    }
    this.start = Int32Array.from({ length: BUCKETS }, (_, j) => Math.min(this.max, f(j * (TWO32 / BUCKETS))));
  }

  /** the length for a uniform u = k / 2^32 of the project's rng */
  of(u: number): number {
    if (this.logq === -Infinity) return 1;
    let len = this.start[Math.floor(u * BUCKETS)];
    const { above, max } = this;
    while (len < max && u >= above[len]) len++;
    return len < max ? len : geometricLength(u, this.logq);
  }
}

export class StationaryBlocks {
  /** segment k covers bars starts[k] .. ends[k] - 1 (ends[k] <= n), in resample order */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** segments of the last resample */
  count = 0;
  private readonly rng;
  private readonly lengths: GeometricLengths;

  constructor(
    readonly n: number,
    readonly blockLength: number,
    seed: number,
  ) {
    this.rng = createRng(seed);
    this.lengths = new GeometricLengths(blockLength);
    // n blocks at most, each cut once at most
    this.starts = new Int32Array(2 * n);
    this.ends = new Int32Array(2 * n);
  }

  /** draws the next resample; returns its number of segments */
  next(): number {
    const { n, rng, lengths, starts, ends } = this;
    let c = 0;
    let t = 0;
    while (t < n) {
      const j = Math.floor(rng.next() * n);
      let len = lengths.of(rng.next());
      if (len > n - t) len = n - t;
      t += len;
      if (j + len <= n) {
        starts[c] = j;
        ends[c++] = j + len;
      } else {
        starts[c] = j;
        ends[c++] = n;
        starts[c] = 0;
        ends[c++] = j + len - n;
      }
    }
    this.count = c;
    return c;
  }
}

/**
 * Means of K series over B stationary-bootstrap resamples (the same resampled bars for all),
 * from cumulative sums: out[r * K + k] is series k's mean in resample r.
 */
export function resampledMeans(
  series: readonly Float64Array[],
  o: { resamples: number; blockLength: number; seed: number },
): Float64Array {
  const K = series.length;
  const n = K ? series[0].length : 0;
  const P = new Float64Array((n + 1) * K); // time-major cumulative sums
  for (let k = 0; k < K; k++) {
    const s = series[k];
    let acc = 0;
    for (let t = 0; t < n; t++) {
      acc += s[t];
      P[(t + 1) * K + k] = acc;
    }
  }
  const B = o.resamples;
  const out = new Float64Array(B * K);
  const blocks = new StationaryBlocks(n, o.blockLength, o.seed);
  const { starts, ends } = blocks;
  for (let r = 0; r < B; r++) {
    const c = blocks.next();
    const row = r * K;
    for (let s = 0; s < c; s++) {
      const e = ends[s] * K;
      const j = starts[s] * K;
      for (let k = 0; k < K; k++) out[row + k] += P[e + k] - P[j + k];
    }
    for (let k = 0; k < K; k++) out[row + k] /= n;
  }
  return out;
}
