/**
 * Features of the bars a live session is about to step, computed once for the whole batch (a
 * backfill after a sleep, a replay) instead of once per bar over the held bars. Exact: features
 * are causal (row t depends on bars up to t only: features/compute.ts, checked by
 * features/lookahead.test.ts), so row t of a frame over the held bars followed by later bars
 * equals row t of a frame over the held bars up to t, provided the held bars start at the same
 * bar; after a trim of the buffer the rest of the batch is computed again over the bars held then.
 */
import type { Bars } from '../data/bars';
import type { FeatureFrame } from '../features/compute';
import type { LiveBar } from './types';

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function concat(held: Bars, next: LiveBar[]): Bars {
  const n = held.time.length;
  const out = { symbol: held.symbol } as Bars;
  for (const c of COLUMNS) {
    const col = new Float64Array(n + next.length);
    col.set(held[c]);
    for (let k = 0; k < next.length; k++) col[n + k] = next[k][c];
    out[c] = col;
  }
  return out;
}

const sameBar = (b: LiveBar, view: Bars, t: number) => COLUMNS.every((c) => b[c] === view[c][t]);

export class FeaturesAhead {
  /** the batch: its first bar's index in the session (`start`), the buffer's base its frame was computed at */
  private ahead: { base: number; start: number; bars: LiveBar[]; frame: FeatureFrame } | null = null;

  constructor(private readonly compute: (bars: Bars) => FeatureFrame) {}

  /** `next`: the bars about to be stepped, in order, after `held` (whose first bar is the session's bar `base`). */
  prime(held: Bars, base: number, next: LiveBar[]): void {
    this.ahead =
      next.length > 1
        ? { base, start: base + held.time.length, bars: next, frame: this.compute(concat(held, next)) }
        : null;
  }

  /** The features of the held bars `view` (first bar: the session's bar `base`), read at its last bar t. */
  frameAt(view: Bars, base: number, t: number): FeatureFrame {
    const a = this.ahead;
    this.ahead = null;
    if (a) {
      const k = base + t - a.start;
      if (k >= 0 && k < a.bars.length && sameBar(a.bars[k], view, t)) {
        const rest = a.bars.slice(k + 1);
        if (a.base === base) {
          if (rest.length) this.ahead = a;
          return a.frame;
        }
        // the buffer was trimmed: the rest of the batch over the bars held now
        const frame = this.compute(concat(view, rest));
        if (rest.length) this.ahead = { base, start: base + t + 1, bars: rest, frame };
        return frame;
      }
    }
    return this.compute(view);
  }
}
