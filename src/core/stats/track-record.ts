/**
 * Probabilistic Sharpe ratio and minimum track record length (Bailey & López de Prado 2012,
 * "The Sharpe ratio efficient frontier"), per bar. PSR comes from the deflated Sharpe module
 * (one implementation); this file adds MinTRL:
 *   MinTRL = 1 + (1 - g3 SR + (g4 - 1) / 4 SR^2) (z_{1-alpha} / (SR - SR*))^2   bars
 * the number of bars needed for PSR(SR*) to reach 1 - alpha; Infinity when SR <= SR*.
 */
import { normInv, probabilisticSharpe, returnMoments } from '../optimize/deflated-sharpe';

export interface TrackRecord {
  bars: number;
  /** per-bar Sharpe */
  sharpe: number;
  skew: number;
  kurtosis: number;
  /** PSR(benchmark): probability that the true per-bar Sharpe exceeds the benchmark */
  psr: number;
  /** bars needed for PSR >= 1 - alpha (Infinity when the Sharpe does not exceed the benchmark) */
  min_track_record: number;
}

export function minTrackRecordLength(o: {
  sharpe: number;
  skew: number;
  kurtosis: number;
  benchmark?: number;
  alpha?: number;
}): number {
  const excess = o.sharpe - (o.benchmark ?? 0);
  if (!(excess > 0)) return Infinity;
  const z = normInv(1 - (o.alpha ?? 0.05));
  const k = 1 - o.skew * o.sharpe + ((o.kurtosis - 1) / 4) * o.sharpe * o.sharpe;
  return 1 + k * (z / excess) ** 2;
}

export function trackRecord(r: ArrayLike<number>, benchmark = 0, alpha = 0.05): TrackRecord {
  const m = returnMoments(r);
  return {
    bars: m.count,
    sharpe: m.sharpe,
    skew: m.skew,
    kurtosis: m.kurtosis,
    psr: probabilisticSharpe({ ...m, benchmark }),
    min_track_record: minTrackRecordLength({ ...m, benchmark, alpha }),
  };
}
