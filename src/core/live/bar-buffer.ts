/**
 * BarBuffer: the live session's closed bars of one symbol, in growable typed columns, with a
 * `Bars` view over them (no copy) for the feature code and the fold fit. Old bars are dropped
 * in chunks once more than `retention` are held, so memory stays flat however long a session
 * runs; `base` counts the bars dropped so indices can be told apart from positions.
 */
import type { Bars } from '../data/bars';
import type { LiveBar } from './types';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Bar i of columnar bars as one LiveBar. */
export function liveBarAt(bars: Bars, i: number): LiveBar {
  return {
    time: bars.time[i],
    open: bars.open[i],
    high: bars.high[i],
    low: bars.low[i],
    close: bars.close[i],
    volume: bars.volume[i],
  };
}

export class BarBuffer {
  private cols: Record<(typeof COLUMNS)[number], Float64Array>;
  length = 0;
  /** bars dropped from the front since the session began */
  base = 0;

  constructor(
    readonly symbol: string,
    /** bars kept at least; the buffer trims to this when it holds `retention + chunk` */
    readonly retention = Infinity,
    private readonly chunk = 1000,
  ) {
    const cap = 1024;
    this.cols = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(cap)])) as BarBuffer['cols'];
  }

  static from(bars: Bars, retention = Infinity): BarBuffer {
    const b = new BarBuffer(bars.symbol, retention);
    for (let i = 0; i < bars.time.length; i++) b.push(liveBarAt(bars, i));
    return b;
  }

  get lastTime(): number {
    return this.length ? this.cols.time[this.length - 1] : -Infinity;
  }

  push(bar: LiveBar): void {
    if (this.length === this.cols.time.length) {
      for (const c of COLUMNS) {
        const grown = new Float64Array(this.cols[c].length * 2);
        grown.set(this.cols[c]);
        this.cols[c] = grown;
      }
    }
    const i = this.length++;
    for (const c of COLUMNS) this.cols[c][i] = bar[c];
    if (this.length >= this.retention + this.chunk) this.trim();
  }

  private trim(): void {
    const drop = this.length - this.retention;
    for (const c of COLUMNS) this.cols[c].copyWithin(0, drop, this.length);
    this.length -= drop;
    this.base += drop;
  }

  /** The held bars as `Bars` (views: valid until the next push). */
  view(): Bars {
    const n = this.length;
    return {
      symbol: this.symbol,
      time: this.cols.time.subarray(0, n),
      open: this.cols.open.subarray(0, n),
      high: this.cols.high.subarray(0, n),
      low: this.cols.low.subarray(0, n),
      close: this.cols.close.subarray(0, n),
      volume: this.cols.volume.subarray(0, n),
    };
  }

  bar(i: number): LiveBar {
    return {
      time: this.cols.time[i],
      open: this.cols.open[i],
      high: this.cols.high[i],
      low: this.cols.low[i],
      close: this.cols.close[i],
      volume: this.cols.volume[i],
    };
  }
}
