/**
 * What a study maximises, from a walk-forward over the tuning folds:
 *   log_loss       out-of-sample log-loss of the predictions (minimised: the score is -log_loss)
 *   auc            out-of-sample AUC (classification)
 *   ic             out-of-sample information coefficient, Spearman (regression)
 *   sharpe, calmar, total_return   net of fees and slippage, as the optimizer's objectives
 *                  (src/core/optimize/objective.ts: the same definitions, constraints and ranking)
 * Constraints (max drawdown, min win rate, min trades) are the optimizer's; a configuration that
 * misses them scores below every feasible one: score = -1e9 x (1 + violation).
 */
import type { BacktestMetrics } from '../backtest/metrics';
import { InputError } from '../errors';
import { objectiveValue, violation, type Constraints } from '../optimize/objective';
import type { FitnessMetrics } from '../optimize/fitness';
import type { Task } from '../models/types';
import type { FoldModelMetrics, SeedResults, WalkForwardResult } from '../walkforward/types';

export type TuneObjective = 'log_loss' | 'auc' | 'ic' | 'sharpe' | 'calmar' | 'total_return';
export const TUNE_OBJECTIVES: readonly TuneObjective[] = [
  'log_loss',
  'auc',
  'ic',
  'sharpe',
  'calmar',
  'total_return',
];

/** Lower is better for these (the score is their negative). */
export const MINIMISED: readonly TuneObjective[] = ['log_loss'];

export function checkObjective(o: TuneObjective, task: Task): void {
  if (!TUNE_OBJECTIVES.includes(o))
    throw new InputError('objective', `Unknown objective "${String(o)}"; use ${TUNE_OBJECTIVES.join(', ')}.`);
  if (task === 'regression' && (o === 'log_loss' || o === 'auc'))
    throw new InputError(
      'objective',
      `${o} needs a classifier; use ic or a trading objective for regression.`,
    );
  if (task === 'classification' && o === 'ic')
    throw new InputError('objective', 'ic is for regression models; use log_loss or auc for classifiers.');
}

const INFEASIBLE = -1e9;

export function fitnessOf(r: SeedResults, m: BacktestMetrics | null = null): FitnessMetrics {
  return {
    finalEquity: r.final_equity,
    totalReturnPct: r.total_return_pct,
    sharpe: r.sharpe_ratio,
    sharpeRaw: m?.sharpePerBar ?? NaN,
    sortino: r.sortino ?? Infinity,
    calmar: r.calmar ?? NaN,
    cagr: r.cagr_pct ?? NaN,
    maxDrawdownPct: r.max_drawdown_pct,
    trades: r.total_trades,
    winningTrades: Math.round((r.win_rate ?? 0) * r.total_trades),
    winRate: r.win_rate ?? NaN,
    fills: 0,
  };
}

function modelValue(o: TuneObjective, m: FoldModelMetrics): number {
  const v = o === 'log_loss' ? m.log_loss : o === 'auc' ? m.auc : m.ic;
  return v ?? NaN;
}

/** The objective in its own sign (log-loss as log-loss), NaN when undefined. */
export function rawValue(o: TuneObjective, r: SeedResults, m: FoldModelMetrics): number {
  if (o === 'log_loss' || o === 'auc' || o === 'ic') return modelValue(o, m);
  return objectiveValue(o, fitnessOf(r));
}

/** Higher-is-better score of a raw value under the constraints. */
export function scoreOf(o: TuneObjective, raw: number, r: SeedResults, c: Constraints): number {
  const v = violation(c, fitnessOf(r));
  if (v > 0) return INFEASIBLE * (1 + v);
  if (Number.isNaN(raw)) return INFEASIBLE;
  return MINIMISED.includes(o) ? -raw : raw;
}

/** Per fold (fold index order): the fold's value of the objective, higher is better (for PBO). */
export function foldScores(o: TuneObjective, result: WalkForwardResult): number[] {
  const byFold = new Map<number, number[]>();
  for (const f of result.folds) {
    let v: number;
    if (o === 'log_loss' || o === 'auc' || o === 'ic') v = modelValue(o, f.model_metrics);
    else {
      const per = Object.values(f.backtest).map((b) => objectiveValue(o, fitnessOf(b)));
      v = per.length ? per.reduce((a, b) => a + b, 0) / per.length : NaN;
    }
    if (MINIMISED.includes(o)) v = -v;
    byFold.set(f.fold, [...(byFold.get(f.fold) ?? []), Number.isNaN(v) ? 0 : v]);
  }
  return [...byFold.keys()]
    .sort((a, b) => a - b)
    .map((k) => {
      const vs = byFold.get(k)!;
      return vs.reduce((a, b) => a + b, 0) / vs.length;
    });
}
