/**
 * Validation and defaults of SimulateOptions shared by both accounting modes.
 */
import type { SimulateOptions } from './types';

export const DEFAULT_INITIAL_CAPITAL = 10_000;

/** Resolved options shared by both accounting modes. */
export interface ResolvedRun {
  start: number;
  end: number;
  fee: number;
  slip: number;
  capital: number;
  closeAtEnd: boolean;
}

export function resolveRun(opts: SimulateOptions): ResolvedRun {
  const n = opts.bars.time.length;
  const start = opts.start ?? 0;
  const end = opts.end ?? n;
  if (opts.target.length !== n) throw new RangeError(`target has ${opts.target.length} rows, bars ${n}`);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= n && start < end)) {
    throw new RangeError(`bad range [${start}, ${end}) for ${n} bars`);
  }
  const fee = (opts.feesBps ?? 0) / 1e4;
  const slip = (opts.slippageBps ?? 0) / 1e4;
  if (!(fee >= 0 && slip >= 0 && slip < 1)) throw new RangeError('fees and slippage must be >= 0');
  const capital = opts.initialCapital ?? DEFAULT_INITIAL_CAPITAL;
  if (!(capital > 0)) throw new RangeError('initialCapital must be > 0');
  return { start, end, fee, slip, capital, closeAtEnd: opts.closeAtEnd ?? true };
}
