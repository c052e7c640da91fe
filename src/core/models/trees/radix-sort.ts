/**
 * Stable ascending sort of one Float64 column together with its row indices, for the binning of
 * every feature of every tree fit.
 *
 * Why hand-written: binning needs the sorting permutation (to give each row its bin in the same
 * pass over the sorted values), which `Float64Array.prototype.sort` does not return, and an index
 * sort with a comparator is several times slower than that native sort. An LSD radix sort on the
 * high 32 bits of the IEEE-754 doubles (three 11-bit digits, digits shared by every value skipped)
 * then an insertion sort of the short runs sharing those bits returns both and, measured in V8 on
 * 8,748-row feature columns, takes well under the native value sort's time.
 *
 * The order is exactly `Float64Array.prototype.sort`'s: numeric, -Infinity first, -0 before +0,
 * +Infinity last; NaN values are left out (binning gives them the missing bin).
 */

const DIGIT_BITS = 11;
const RADIX = 1 << DIGIT_BITS;
const MASK = RADIX - 1;
const SHIFTS = [0, 11, 22];

/** Reusable buffers for sorting columns of up to `capacity` rows. */
export class ColumnSorter {
  /** row indices of the sorted values: order[0..m) after sort() returned m */
  order: Uint32Array;
  /** the sorted values: values[0..m) after sort() returned m */
  readonly values: Float64Array;
  private readonly bits: Uint32Array;
  private orderB: Uint32Array;
  private hi: Uint32Array;
  private hiB: Uint32Array;
  private readonly counts = new Int32Array(3 * RADIX);

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    // the doubles' bit patterns (little-endian: high word second), read through the same buffer
    this.bits = new Uint32Array(this.values.buffer);
    this.order = new Uint32Array(capacity);
    this.orderB = new Uint32Array(capacity);
    this.hi = new Uint32Array(capacity);
    this.hiB = new Uint32Array(capacity);
  }

  /** Sorts the non-NaN values of col[0..n) (n <= capacity); returns their number m. */
  sort(col: Float64Array, n: number): number {
    const { values, bits, counts } = this;
    let order = this.order;
    let hi = this.hi;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === v) {
        values[m] = v;
        order[m++] = i;
      }
    }
    if (m === 0) return 0;
    counts.fill(0);
    for (let k = 0; k < m; k++) {
      const h = bits[2 * k + 1];
      // the high word as an unsigned key in numeric order: negatives get every bit flipped, the
      // rest the sign bit
      const kh = (h ^ ((h >> 31) | 0x80000000)) >>> 0;
      hi[k] = kh;
      counts[kh & MASK]++;
      counts[RADIX + ((kh >>> 11) & MASK)]++;
      counts[2 * RADIX + (kh >>> 22)]++;
    }
    let orderB = this.orderB;
    let hiB = this.hiB;
    for (let p = 0; p < 3; p++) {
      const base = p * RADIX;
      const shift = SHIFTS[p];
      // a digit every key shares would not move anything
      if (counts[base + ((hi[0] >>> shift) & MASK)] === m) continue;
      // exclusive prefix sums: the first slot of each digit
      let sum = 0;
      for (let d = 0; d < RADIX; d++) {
        const c = counts[base + d];
        counts[base + d] = sum;
        sum += c;
      }
      for (let k = 0; k < m; k++) {
        const h = hi[k];
        const pos = counts[base + ((h >>> shift) & MASK)]++;
        orderB[pos] = order[k];
        hiB[pos] = h;
      }
      [order, orderB] = [orderB, order];
      [hi, hiB] = [hiB, hi];
    }
    this.order = order;
    this.orderB = orderB;
    this.hi = hi;
    this.hiB = hiB;
    // sorted by the high words (sign, exponent, 20 mantissa bits); each run of values sharing one is
    // sorted by value. Within a run the numeric order is the bit order (one sign, no -0/+0 pair),
    // and equal values keep their order: the sort stays stable.
    for (let k = 0; k < m; k++) values[k] = col[order[k]];
    let a = 0;
    while (a < m) {
      const h = hi[a];
      let b = a + 1;
      while (b < m && hi[b] === h) b++;
      if (b - a > 1) sortRun(values, order, a, b);
      a = b;
    }
    return m;
  }
}

/** Stable sort of values[a..b) (and order alongside): insertion sort, or the library sort for long runs. */
function sortRun(values: Float64Array, order: Uint32Array, a: number, b: number): void {
  if (b - a > 32) {
    // a long run is mostly one repeated value (already in order); otherwise values equal in their
    // top 32 bits, rare: the stable Array.prototype.sort of the positions
    let sorted = true;
    for (let k = a + 1; k < b && sorted; k++) sorted = !(values[k] < values[k - 1]);
    if (sorted) return;
    const pos = Array.from({ length: b - a }, (_, q) => a + q);
    pos.sort((p, q) => (values[p] < values[q] ? -1 : values[p] > values[q] ? 1 : 0));
    const v = pos.map((p) => values[p]);
    const o = pos.map((p) => order[p]);
    values.set(v, a);
    order.set(o, a);
    return;
  }
  for (let k = a + 1; k < b; k++) {
    const v = values[k];
    if (!(v < values[k - 1])) continue;
    const r = order[k];
    let q = k - 1;
    while (q >= a && values[q] > v) {
      values[q + 1] = values[q];
      order[q + 1] = order[q];
      q--;
    }
    values[q + 1] = v;
    order[q + 1] = r;
  }
}
