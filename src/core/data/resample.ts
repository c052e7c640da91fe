/**
 * Resampling to a coarser timeframe on UTC boundaries: open first, high max, low min, close
 * last, volume sum. Buckets start at multiples of the timeframe since the epoch (so 4h buckets
 * start at 00:00, 04:00, ... UTC and 1d at UTC midnight), except weeks, which start on Monday
 * 00:00 UTC. Partial-bucket policy: a first or last bucket whose time span is not fully covered
 * by the data (the data starts after its start or ends before its last bar) is dropped by
 * default (`partial: 'drop'`), because a still-forming last bucket would carry a close that is
 * not final; `partial: 'keep'` keeps them. Interior buckets with missing bars (gaps) are kept and
 * counted. Asking for a finer timeframe than the data, or one that is not a whole multiple of
 * it, is an error.
 */
import type { Bars } from './bars';
import { DataError } from '../errors';
import { formatTimeframe, parseTimeframe } from './timeframe';

export interface ResampleOptions {
  /** target timeframe, '4h', or its length in ms */
  timeframe: string | number;
  /** the data's bar size in ms (from the validation report) */
  sourceBarMs: number;
  partial?: 'drop' | 'keep';
}

export interface ResampleReport {
  from: string;
  to: string;
  buckets: number;
  droppedPartialBuckets: number;
  /** kept buckets that hold fewer source bars than a full bucket */
  incompleteBuckets: number;
}

const WEEK = 7 * 86_400_000;
const MONDAY_OFFSET = 4 * 86_400_000; // 1970-01-01 was a Thursday; 1970-01-05 a Monday

function bucketStart(t: number, tf: number): number {
  const off = tf % WEEK === 0 ? MONDAY_OFFSET : 0;
  return Math.floor((t - off) / tf) * tf + off;
}

export function resampleBars(bars: Bars, opts: ResampleOptions): { bars: Bars; report: ResampleReport } {
  const tf = typeof opts.timeframe === 'number' ? opts.timeframe : parseTimeframe(opts.timeframe);
  const src = opts.sourceBarMs;
  const from = formatTimeframe(src);
  const to = formatTimeframe(tf);
  if (tf < src) {
    throw new DataError(
      'finer-timeframe',
      `Cannot resample ${bars.symbol} to ${to}: the data's bars are ${from}, and bars can only be combined into coarser ones (${from} or more).`,
    );
  }
  if (tf % src !== 0) {
    throw new DataError(
      'bad-timeframe',
      `Cannot resample ${bars.symbol} from ${from} to ${to}: ${to} is not a whole multiple of ${from}.`,
    );
  }
  const n = bars.time.length;
  if (tf === src)
    return { bars, report: { from, to, buckets: n, droppedPartialBuckets: 0, incompleteBuckets: 0 } };

  const perBucket = tf / src;
  const cap = n + 1;
  const out = {
    time: new Float64Array(cap),
    open: new Float64Array(cap),
    high: new Float64Array(cap),
    low: new Float64Array(cap),
    close: new Float64Array(cap),
    volume: new Float64Array(cap),
  };
  const count = new Uint32Array(cap);
  let b = -1;
  let cur = NaN;
  for (let i = 0; i < n; i++) {
    const start = bucketStart(bars.time[i], tf);
    if (start !== cur) {
      b++;
      cur = start;
      out.time[b] = start;
      out.open[b] = bars.open[i];
      out.high[b] = bars.high[i];
      out.low[b] = bars.low[i];
      out.close[b] = bars.close[i];
      out.volume[b] = bars.volume[i];
      count[b] = 1;
    } else {
      if (bars.high[i] > out.high[b]) out.high[b] = bars.high[i];
      if (bars.low[i] < out.low[b]) out.low[b] = bars.low[i];
      out.close[b] = bars.close[i];
      out.volume[b] += bars.volume[i];
      count[b]++;
    }
  }
  let first = 0;
  let last = b;
  let droppedPartialBuckets = 0;
  if ((opts.partial ?? 'drop') === 'drop' && b >= 0) {
    // the edges are partial when the data does not cover the whole bucket span
    if (bars.time[0] > out.time[0]) {
      first = 1;
      droppedPartialBuckets++;
    }
    if (last >= first && bars.time[n - 1] + src < out.time[last] + tf) {
      last--;
      droppedPartialBuckets++;
    }
  }
  let incompleteBuckets = 0;
  for (let j = first; j <= last; j++) if (count[j] < perBucket) incompleteBuckets++;
  const end = last + 1;
  const result: Bars = {
    symbol: bars.symbol,
    time: out.time.slice(first, end),
    open: out.open.slice(first, end),
    high: out.high.slice(first, end),
    low: out.low.slice(first, end),
    close: out.close.slice(first, end),
    volume: out.volume.slice(first, end),
  };
  return {
    bars: result,
    report: { from, to, buckets: Math.max(0, end - first), droppedPartialBuckets, incompleteBuckets },
  };
}
