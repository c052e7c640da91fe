/**
 * One trial, as a unit of work ('tune.trial'): a configuration walked forward over the tuning
 * folds, fold after fold, scored at each ASHA rung (and stopped there when it is not promotable),
 * then scored on all of them. The context holds only the tuning period's bars, so nothing a trial
 * computes can depend on a bar of the evaluation period.
 */
import type { Bars } from '../data/bars';
import type { ModelKind } from '../models/types';
import { returnMoments, type ReturnMoments } from '../optimize/deflated-sharpe';
import type { Constraints } from '../optimize/objective';
import { throwIfCancelled, type CancelSignal } from '../util/progress';
import { assembleBacktest } from '../walkforward/assemble';
import { runFold } from '../walkforward/fold';
import { planWalkForward } from '../walkforward/plan';
import { resolveRequest } from '../walkforward/request';
import type {
  FoldResult,
  WalkForwardPlan,
  WalkForwardRequest,
  WalkForwardResult,
} from '../walkforward/types';
import { isPromotable } from './asha';
import { foldScores, rawValue, scoreOf, type TuneObjective } from './objective';
import { applyParams, type TrialParams } from './space';

export interface TrialSpec {
  number: number;
  params: TrialParams;
  /** per rung: the scores recorded there by earlier batches */
  competitors: number[][];
}

export interface TrialContext {
  kind: ModelKind;
  /** the tuning period's bars, per symbol of base.symbols */
  bars: Bars[];
  /** the walk-forward request every trial starts from (model params and thresholds not tuned) */
  base: WalkForwardRequest;
  objective: TuneObjective;
  constraints: Constraints;
  /** fold counts at which a trial may be pruned (empty: no pruning) */
  rungs: number[];
  eta: number;
  trials: TrialSpec[];
  /**
   * the study's setup (one per setupStudy call): trials of the same setup share their features
   * and labels, so a worker plans them once per label horizon (see trialPlan)
   */
  setup_key?: string;
}

export interface TrialResult {
  number: number;
  params: TrialParams;
  state: 'complete' | 'pruned';
  /** higher is better, constraints applied (see objective.ts) */
  score: number;
  /** the objective in its own sign (log-loss as log-loss) */
  value: number;
  /** tuning folds scored */
  folds: number;
  /** score at each rung reached, in rung order */
  rung_scores: number[];
  /** per tuning fold scored: the fold's objective (higher is better) */
  fold_scores: number[];
  /** per-bar return moments of the walk-forward over the folds scored */
  moments: ReturnMoments;
  results: { sharpe_ratio: number; total_return_pct: number; max_drawdown_pct: number; total_trades: number };
  seconds: number;
}

/** The walk-forward request of a configuration. */
export function trialRequest(
  kind: ModelKind,
  base: WalkForwardRequest,
  values: TrialParams,
): WalkForwardRequest {
  const { params, request } = applyParams(kind, values);
  return {
    ...base,
    ...(request.buy_threshold !== undefined ? { buy_threshold: request.buy_threshold } : {}),
    ...(request.sell_threshold !== undefined ? { sell_threshold: request.sell_threshold } : {}),
    model: {
      ...base.model,
      ...(request.target_horizon !== undefined ? { target_horizon: Math.round(request.target_horizon) } : {}),
      params: { ...(base.model.params ?? {}), ...params },
    },
  };
}

/** Per-bar returns of an equity curve (the first against the initial capital). */
export function barReturns(equity: ArrayLike<number>, initial: number): Float64Array {
  const r = new Float64Array(equity.length);
  let prev = initial;
  for (let i = 0; i < equity.length; i++) {
    r[i] = prev > 0 ? equity[i] / prev - 1 : 0;
    prev = equity[i];
  }
  return r;
}

/**
 * The plans a thread has made for one study setup, per label horizon. Planning a walk-forward
 * computes every feature and label of the bars (hundreds of ms for a year of hourly bars), and
 * none of it depends on a trial's model parameters or thresholds: only on the bars, the windows,
 * the label (horizon) and the warm-up, which a study fixes (the horizon may be tuned, hence the
 * key). One setup is kept: a new study replaces it. Jobs of one study reuse it across contexts.
 */
let planned: { key: string; byHorizon: Map<number, WalkForwardPlan> } | null = null;

/** The trial's plan: the study's shared features, labels and folds with the trial's own request. */
export function trialPlan(ctx: TrialContext, params: TrialParams): WalkForwardPlan {
  const request = trialRequest(ctx.kind, ctx.base, params);
  const fresh = () => planWalkForward(request, ctx.bars, { foldsToLastBar: true });
  if (!ctx.setup_key) return fresh();
  if (planned?.key !== ctx.setup_key) planned = { key: ctx.setup_key, byHorizon: new Map() };
  const h = request.model.target_horizon;
  const shared = planned.byHorizon.get(h);
  if (!shared) {
    // the kept plan outlives this job, whose bars may be views of a buffer the thread hands back
    // when the job ends (a packed context): it is planned on its own copy of the bars
    const plan = planWalkForward(request, structuredClone(ctx.bars), { foldsToLastBar: true });
    planned.byHorizon.set(h, plan);
    return plan;
  }
  return { ...shared, request: resolveRequest(request, shared.request.bar_ms) };
}

/** The plan restricted to its first `folds` folds (tasks are fold-major, so a prefix). */
function firstFolds(plan: WalkForwardPlan, folds: number): WalkForwardPlan {
  return { ...plan, tasks: plan.tasks.filter((t) => t.fold < folds) };
}

function summarize(o: TuneObjective, c: Constraints, r: WalkForwardResult) {
  const value = rawValue(o, r.results, r.model_metrics);
  return { value, score: scoreOf(o, value, r.results, c) };
}

export async function runTrial(
  ctx: TrialContext,
  index: number,
  signal?: CancelSignal,
): Promise<TrialResult> {
  const t0 = performance.now();
  const spec = ctx.trials[index];
  const plan = trialPlan(ctx, spec.params);
  const nFolds = plan.summary.fold_count;
  const done: FoldResult[] = [];
  const rungScores: number[] = [];
  let result: WalkForwardResult | null = null;
  let state: TrialResult['state'] = 'complete';
  let scored = nFolds;
  for (let k = 0; k < nFolds; k++) {
    for (const t of plan.tasks) if (t.fold === k) done.push(await runFold({ plan, task: t.task, signal }));
    throwIfCancelled(signal);
    const r = ctx.rungs.indexOf(k + 1);
    if (r < 0 || k + 1 >= nFolds) continue;
    const partial = assembleBacktest({ plan: firstFolds(plan, k + 1), folds: done, now: () => 0 });
    const { score } = summarize(ctx.objective, ctx.constraints, partial);
    rungScores.push(score);
    if (!isPromotable(score, spec.competitors[r] ?? [], ctx.eta)) {
      state = 'pruned';
      scored = k + 1;
      result = partial;
      break;
    }
  }
  result ??= assembleBacktest({ plan, folds: done, now: () => 0 });
  const { value, score } = summarize(ctx.objective, ctx.constraints, result);
  const curve = result.portfolio.curve;
  return {
    number: spec.number,
    params: spec.params,
    state,
    score,
    value,
    folds: scored,
    rung_scores: rungScores,
    fold_scores: foldScores(ctx.objective, result),
    moments: returnMoments(barReturns(curve.equity, curve.initialCapital)),
    results: {
      sharpe_ratio: result.results.sharpe_ratio,
      total_return_pct: result.results.total_return_pct,
      max_drawdown_pct: result.results.max_drawdown_pct,
      total_trades: result.results.total_trades,
    },
    seconds: (performance.now() - t0) / 1000,
  };
}
