/**
 * Window strings (`train_window`, `valid_window`, `test_window`) -> bar counts.
 * '365d', '30d', '12h', '4w', '90m' (minutes), '3600s', or a bare count of bars ('8760',
 * or a number). Durations must be a whole number of bars at the given bar size.
 */
import { DataError, InputError, InternalError } from '../errors';

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Number of bars in a window: `barMs` is the bar size in ms (e.g. 3_600_000 for 1h bars).
 * An unreadable window throws an InputError naming `field` (the request field it came from).
 */
export function parseWindow(window: string | number, barMs: number, field?: string): number {
  if (typeof window === 'number') {
    if (!Number.isInteger(window) || window < 1)
      throw new InputError(field, `window must be a positive bar count, got ${window}`);
    return window;
  }
  const m = /^\s*(\d+)\s*([smhdw]?)\s*$/i.exec(window);
  if (!m)
    throw new InputError(field, `cannot read window "${window}": use e.g. 365d, 30d, 12h, 4w or a bar count`);
  const count = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === '') {
    if (count < 1) throw new InputError(field, `window "${window}" must be at least 1 bar`);
    return count;
  }
  if (!(barMs > 0)) throw new InternalError(`window "${window}" needs a positive bar size, got ${barMs}`);
  const bars = (count * UNIT_MS[unit]) / barMs;
  if (!Number.isInteger(bars) || bars < 1) {
    throw new InputError(
      field,
      `window "${window}" is not a whole number of ${formatBarMs(barMs)} bars (${bars})`,
    );
  }
  return bars;
}

/** The bar size of a series: the most common gap between consecutive times (ms). */
export function inferBarMs(time: Float64Array): number {
  if (time.length < 2) throw new DataError('too-few-rows', 'need at least 2 bars to infer the bar size');
  const counts = new Map<number, number>();
  const step = Math.max(1, Math.floor((time.length - 1) / 5000)); // a sample is enough
  for (let i = 1; i < time.length; i += step) {
    const d = time[i] - time[i - 1];
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [d, c] of counts) {
    if (d > 0 && (c > bestCount || (c === bestCount && d < best))) {
      best = d;
      bestCount = c;
    }
  }
  if (!(best > 0))
    throw new DataError('bad-timestamps', 'times are not increasing: cannot infer the bar size');
  return best;
}

/** '1h', '15m', '1d', '1w' or '<n>ms' for a bar size in ms. */
export function formatBarMs(barMs: number): string {
  for (const u of ['w', 'd', 'h', 'm', 's']) {
    const q = barMs / UNIT_MS[u];
    if (Number.isInteger(q) && q >= 1) return `${q}${u}`;
  }
  return `${barMs}ms`;
}
