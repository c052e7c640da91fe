/**
 * Objectives and constraints of the weight optimizer, and the ranking that puts every feasible
 * candidate above every infeasible one.
 *
 * Objectives (maximised), from the backtest metrics of the candidate:
 *   sharpe        sharpePerBar (mean / std of per-bar returns x sqrt(bars per year))
 *   sortino       sortino; a curve with no losing bar and a positive mean ranks as UNBOUNDED
 *   calmar        CAGR / |max drawdown|; no drawdown: UNBOUNDED if it gained, 0 otherwise
 *   total_return  totalReturnPct
 * Constraints (the seed's names and signs):
 *   max_drawdown  e.g. -0.2: the max drawdown (a fraction <= 0) must be >= this
 *   min_win_rate  e.g. 0.5: winning trades / closed trades must be >= this (no trades: misses fully)
 *   min_trades    e.g. 20: at least this many closed trades
 * A candidate's violation is the sum over constraints of how far it misses, each normalised by
 * the limit: (|dd| - |limit|) / |limit|, (limit - win rate) / limit, (limit - trades) / limit.
 * Feasible = violation 0. Ranking: feasible before infeasible; feasible by objective (higher
 * first), infeasible by violation (lower first).
 */
import type { FitnessMetrics } from './fitness';
import { InputError } from '../errors';

export type Objective = 'sharpe' | 'sortino' | 'calmar' | 'total_return';
export const OBJECTIVES: readonly Objective[] = ['sharpe', 'sortino', 'calmar', 'total_return'];

export interface Constraints {
  /** minimum (most negative) allowed max drawdown, a fraction <= 0, e.g. -0.2 */
  max_drawdown?: number;
  /** minimum fraction of winning trades, e.g. 0.5 */
  min_win_rate?: number;
  /** minimum number of closed trades */
  min_trades?: number;
}

/** Value standing in for an unbounded objective (Sortino or Calmar without any loss). */
export const UNBOUNDED = 1e9;

export function checkConstraints(c: Constraints): void {
  if (c.max_drawdown !== undefined && !(c.max_drawdown < 0 && c.max_drawdown >= -1)) {
    throw new RangeError(`max_drawdown must be in [-1, 0), e.g. -0.2; got ${c.max_drawdown}`);
  }
  if (c.min_win_rate !== undefined && !(c.min_win_rate > 0 && c.min_win_rate <= 1)) {
    throw new RangeError(`min_win_rate must be in (0, 1], e.g. 0.5; got ${c.min_win_rate}`);
  }
  if (c.min_trades !== undefined && !(Number.isInteger(c.min_trades) && c.min_trades >= 1)) {
    throw new RangeError(`min_trades must be a positive integer; got ${c.min_trades}`);
  }
}

/** The objective to maximise; always a finite number. */
export function objectiveValue(objective: Objective, m: FitnessMetrics): number {
  let v: number;
  switch (objective) {
    case 'sharpe':
      v = m.sharpe;
      break;
    case 'sortino':
      v = m.sortino;
      break;
    case 'calmar':
      v = Number.isNaN(m.calmar) ? (m.totalReturnPct > 0 ? UNBOUNDED : 0) : m.calmar;
      break;
    case 'total_return':
      v = m.totalReturnPct;
      break;
    default:
      throw new InputError(
        'objective',
        `unknown objective "${objective as string}"; use ${OBJECTIVES.join(', ')}`,
      );
  }
  if (v === Infinity || v > UNBOUNDED) return UNBOUNDED;
  if (Number.isNaN(v)) return -UNBOUNDED;
  return Math.max(v, -UNBOUNDED);
}

/** Sum of normalised constraint misses; 0 when feasible. */
export function violation(c: Constraints, m: FitnessMetrics): number {
  let v = 0;
  if (c.max_drawdown !== undefined) {
    const dd = m.maxDrawdownPct / 100;
    if (dd < c.max_drawdown) v += (c.max_drawdown - dd) / -c.max_drawdown;
  }
  if (c.min_win_rate !== undefined) {
    const wr = Number.isNaN(m.winRate) ? 0 : m.winRate;
    if (wr < c.min_win_rate) v += (c.min_win_rate - wr) / c.min_win_rate;
  }
  if (c.min_trades !== undefined && m.trades < c.min_trades) v += (c.min_trades - m.trades) / c.min_trades;
  return v;
}

/** true when candidate a ranks strictly above b. */
export function ranksAbove(objA: number, violA: number, objB: number, violB: number): boolean {
  if (violA === 0 && violB === 0) return objA > objB;
  if (violA === 0) return true;
  if (violB === 0) return false;
  return violA < violB;
}
