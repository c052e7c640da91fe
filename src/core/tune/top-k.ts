/**
 * "Build an ensemble from the top k": the k best complete trials of a study, ranked by their
 * score on the tuning folds (the only score a trial has: trials never see the evaluation
 * period), become the members of an ensemble (`ensemble.build`), and the stored ensemble is then
 * walked forward by `backtest.run` on the study's own fold plan (same windows, step, folds,
 * costs and thresholds) so its metrics sit beside the best single trial's.
 */
import { InputError } from '../errors';
import type { BacktestJobRequest } from '../jobs/backtest';
import type { EnsembleBuildRequest } from '../jobs/ensemble';
import { COMBINERS, type Combiner } from '../models/ensemble/combine';
import { MAX_MEMBERS, MEMBER_KINDS, type MemberKind, type MemberSpec } from '../models/ensemble/params';
import type { Task } from '../models/types';
import type { StudyReport } from './report';
import { applyParams } from './space';
import type { TrialResult } from './trial';

export const TOP_K_DEFAULT = 3;

/** The study settings the ensemble and its backtest reuse (report.config). */
interface StudyConfig {
  symbols: string[];
  train_window: string | number;
  test_window: string | number;
  step?: string | number;
  max_folds?: number;
  fees_bps?: number;
  slippage_bps?: number;
  buy_threshold?: number;
  sell_threshold?: number;
  params: Record<string, unknown>;
  target_horizon: number;
}

type Ranked = Pick<TrialResult, 'number' | 'params' | 'state' | 'score'>;

/**
 * The k complete trials with the highest tuning score (ties: the earlier trial first, as
 * `bestTrial` chooses); pruned trials never count. Refuses k below 2, above the ensemble's
 * member limit, or above the number of complete trials.
 */
export function topTrials<T extends Ranked>(trials: readonly T[], k: number): T[] {
  if (!Number.isInteger(k) || k < 2 || k > MAX_MEMBERS)
    throw new InputError('k', `k must be a whole number from 2 to ${MAX_MEMBERS} (got ${String(k)}).`);
  const complete = trials.filter((t) => t.state === 'complete' && Number.isFinite(t.score));
  if (complete.length < k)
    throw new InputError(
      'k',
      `The study has ${complete.length} complete trial(s) (pruned ones do not count); an ensemble of the top ${k} needs ${k}.`,
    );
  return [...complete].sort((a, b) => b.score - a.score || a.number - b.number).slice(0, k);
}

/** The ensemble.build request whose members are the top k trials' configurations. */
export function topKEnsembleRequest(
  report: StudyReport,
  trials: readonly Ranked[],
  o: { k: number; combiner: Combiner; handle: string },
): { request: EnsembleBuildRequest; trial_numbers: number[] } {
  const kind = report.model as MemberKind;
  if (!MEMBER_KINDS.includes(kind))
    throw new InputError(
      'model',
      `${report.model} models cannot be ensemble members; an ensemble holds ${MEMBER_KINDS.join(', ')}.`,
    );
  if (!COMBINERS.includes(o.combiner))
    throw new InputError('combiner', `Combiner must be one of ${COMBINERS.join(', ')}.`);
  const c = report.config as unknown as StudyConfig;
  const top = topTrials(trials, o.k);
  const horizons = top.map((t) => {
    const h = applyParams(kind, t.params).request.target_horizon;
    return h === undefined ? c.target_horizon : Math.round(h);
  });
  if (new Set(horizons).size > 1)
    throw new InputError(
      'k',
      `The top ${o.k} trials label ${horizons.join(', ')} bars ahead; ensemble members share one horizon. Choose a smaller k or fix target_horizon.`,
    );
  const members: MemberSpec[] = top.map((t) => ({
    kind,
    params: { ...c.params, ...applyParams(kind, t.params).params },
    seed: report.seed,
  }));
  const request: EnsembleBuildRequest = {
    handle: o.handle,
    symbols: c.symbols,
    members,
    combiner: o.combiner,
    task: report.task as Task,
    target_horizon: horizons[0],
    train_window: String(c.train_window),
    valid_window: String(c.test_window),
    seed: report.seed,
  };
  return { request, trial_numbers: top.map((t) => t.number) };
}

/**
 * The backtest.run request of a stored top-k ensemble: the study's walk-forward (every planned
 * fold, tuning and evaluation), its costs, and the thresholds of the best member when the study
 * tuned them (else the study's own).
 */
export function topKBacktestRequest(
  report: StudyReport,
  best: Pick<TrialResult, 'params'>,
  o: { handle: string; model_id: string },
): BacktestJobRequest {
  const c = report.config as unknown as StudyConfig;
  const tuned = applyParams(report.model as MemberKind, best.params).request;
  const buy = tuned.buy_threshold ?? c.buy_threshold;
  const sell = tuned.sell_threshold ?? c.sell_threshold;
  return {
    handle: o.handle,
    model_id: o.model_id,
    symbols: c.symbols,
    train_window: c.train_window,
    test_window: c.test_window,
    warm_start: false,
    ...(c.step !== undefined ? { step: c.step } : {}),
    ...(c.max_folds !== undefined ? { max_folds: c.max_folds } : {}),
    ...(c.fees_bps !== undefined ? { fees_bps: c.fees_bps } : {}),
    ...(c.slippage_bps !== undefined ? { slippage_bps: c.slippage_bps } : {}),
    ...(buy !== undefined ? { buy_threshold: buy } : {}),
    ...(sell !== undefined ? { sell_threshold: sell } : {}),
  };
}
