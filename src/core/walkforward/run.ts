/**
 * runWalkForward: plan + every fold in order + assemble, on one thread (Node tests, and the
 * worker's fallback when there is no pool). Progress per fold; cancel between folds and inside
 * fits and online loops. A worker pool does the same with runFold spread over workers.
 */
import type { Bars } from '../data/bars';
import type { DatasetRef } from '../train/train-job';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import { cancelPoint } from './cancel';
import { assembleBacktest } from './assemble';
import { runFold } from './fold';
import { planWalkForward } from './plan';
import type {
  FoldResult,
  PartialFitEvent,
  WalkForwardPlan,
  WalkForwardRequest,
  WalkForwardResult,
} from './types';

export interface RunWalkForwardOptions {
  request: WalkForwardRequest;
  /** bars of request.symbols, in that order */
  bars: Bars[];
  dataset?: DatasetRef | null;
  appVersion?: string;
  onProgress?: ProgressFn;
  /** each fold's result as soon as it is done */
  onFold?: (result: FoldResult, plan: WalkForwardPlan) => void;
  onPartialFit?: (e: PartialFitEvent) => void;
  signal?: CancelSignal;
  now?: () => number;
}

/** Fraction of the progress bar given to the folds (the plan takes the first 5%, assembly the last 5%). */
const FOLDS_FROM = 0.05;
const FOLDS_TO = 0.95;

export async function runWalkForward(o: RunWalkForwardOptions): Promise<WalkForwardResult> {
  const clock = () => performance.now();
  const t0 = clock();
  const report = (
    stage: string,
    fraction: number,
    message?: string,
    detail?: Record<string, number | string>,
  ) => o.onProgress?.({ stage, fraction, message, detail });
  report('plan', 0, 'features, labels and the fold plan');
  const plan = planWalkForward(o.request, o.bars);
  const t1 = clock();
  const n = plan.tasks.length;
  report('plan', FOLDS_FROM, `${plan.summary.fold_count} fold(s), ${n} model fit(s)`, {
    folds: plan.summary.fold_count,
    tasks: n,
  });
  const results: FoldResult[] = [];
  const checkpoint = cancelPoint(o.signal);
  for (const t of plan.tasks) {
    await checkpoint(); // lets a worker receive the cancel message between folds
    const at = FOLDS_FROM + ((FOLDS_TO - FOLDS_FROM) * t.task) / n;
    const label = `fold ${t.fold + 1}/${plan.summary.fold_count}${plan.request.pooled ? '' : ` ${plan.symbols[t.symbols[0]].symbol}`}`;
    const r = await runFold({
      plan,
      task: t.task,
      onPartialFit: o.onPartialFit,
      signal: o.signal,
      onProgress: (p) =>
        report(
          'fold',
          at + ((FOLDS_TO - FOLDS_FROM) / n) * p.fraction,
          `${label}: ${p.message ?? 'training'}`,
        ),
    });
    results.push(r);
    o.onFold?.(r, plan);
    const m = r.model_metrics;
    report('fold', FOLDS_FROM + ((FOLDS_TO - FOLDS_FROM) * (t.task + 1)) / n, `${label} done`, {
      task: t.task,
      fold: t.fold,
      done: t.task + 1,
      total: n,
      ...(m.auc != null ? { auc: m.auc } : {}),
      ...(m.ic != null ? { ic: m.ic } : {}),
    });
  }
  throwIfCancelled(o.signal);
  const t2 = clock();
  report('assemble', FOLDS_TO, 'signals, simulation and metrics');
  const result = assembleBacktest({
    plan,
    folds: results,
    dataset: o.dataset,
    appVersion: o.appVersion,
    now: o.now,
    timings: { plan_s: (t1 - t0) / 1000, folds_s: (t2 - t1) / 1000 },
  });
  report('done', 1, `${result.results.total_return_pct.toFixed(2)}% total return`);
  return result;
}
