/**
 * The regular time grid the fold windows are laid on: slot = (time - origin) / bar size.
 * Windows count slots, not rows, so a '365d' window is 365 days even where a symbol has gaps
 * (missing bars simply have no rows), and every symbol shares one calendar.
 */
import { formatBarMs } from '../split/windows';
import { DataError } from '../errors';

/** Slot of each bar; throws when a bar is off the grid (resample to the timeframe first). */
export function gridSlots(symbol: string, time: Float64Array, origin: number, barMs: number): Int32Array {
  const out = new Int32Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const q = (time[i] - origin) / barMs;
    if (!Number.isInteger(q) || q < 0) {
      throw new DataError(
        'bad-timestamps',
        `${symbol}: bar ${i} (${new Date(time[i]).toISOString()}) is not on the ${formatBarMs(barMs)} grid; resample the data to one timeframe first.`,
      );
    }
    if (i > 0 && q <= out[i - 1])
      throw new DataError('bad-timestamps', `${symbol}: bar times are not increasing at bar ${i}.`);
    out[i] = q;
  }
  return out;
}

/** Missing bars between the first and the last bar, and the largest gap (in bars). */
export function gridGaps(slot: Int32Array): { missing: number; maxGap: number } {
  if (slot.length === 0) return { missing: 0, maxGap: 0 };
  let maxGap = 0;
  for (let i = 1; i < slot.length; i++) maxGap = Math.max(maxGap, slot[i] - slot[i - 1] - 1);
  return { missing: slot[slot.length - 1] - slot[0] + 1 - slot.length, maxGap };
}

/** First index i in [lo, hi) with key(i) >= target (hi when none); key must be non-decreasing. */
export function lowerBound(key: (i: number) => number, lo: number, hi: number, target: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
