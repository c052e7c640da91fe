/**
 * runWalkForward: plan -> every fold through an executor -> assemble. The one place that
 * orchestrates a walk-forward: the backtest job calls it with the worker pool's executor (tree
 * and SGD folds on every core) or the in-process one (neural folds next to the TensorFlow.js
 * backend; Node tests). Progress per fold (and inside folds on the calling thread); cancel
 * between folds and inside fits and online loops.
 */
import type { Bars } from '../data/bars';
import type { DatasetRef } from '../train/train-job';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import type { Executor } from '../jobs/executor';
import { inProcessExecutor } from '../jobs/in-process';
import { assembleBacktest } from './assemble';
import { foldChains, warmStartOn } from './fold';
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
  /** where the folds run (default: in process, one after another) */
  executor?: Executor;
}

/**
 * Warm-started folds: one unit per chain (a symbol's folds in order), the results put back in
 * task order. Progress per chain; the folds of a chain report as they finish.
 */
async function runChains(
  plan: WalkForwardPlan,
  executor: Executor,
  o: RunWalkForwardOptions,
  report: (
    stage: string,
    fraction: number,
    message?: string,
    detail?: Record<string, number | string>,
  ) => void,
): Promise<FoldResult[]> {
  const chains = foldChains(plan);
  const span = FOLDS_TO - FOLDS_FROM;
  const done = await executor.map('walkforward.chain', plan, chains.length, {
    signal: o.signal,
    instrument: o.onPartialFit ? { onPartialFit: o.onPartialFit } : undefined,
    onUnitProgress: (c, p) =>
      report(
        'fold',
        FOLDS_FROM + (span * (c + p.fraction)) / chains.length,
        `warm-started folds ${c + 1}/${chains.length}: ${p.message ?? 'training'}`,
      ),
    onDone: (rs, c, finished) => {
      for (const r of rs) o.onFold?.(r, plan);
      report(
        'fold',
        FOLDS_FROM + (span * finished) / chains.length,
        `chain ${c + 1} done (${finished}/${chains.length})`,
        {
          done: finished,
          total: chains.length,
        },
      );
    },
  });
  const out: FoldResult[] = new Array(plan.tasks.length);
  chains.forEach((chain, c) => chain.forEach((task, i) => (out[task] = done[c][i])));
  return out;
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
  const executor = o.executor ?? inProcessExecutor();
  // threads start while the features are computed (the fold count is not known yet)
  executor.prepare?.(Infinity);
  const plan = planWalkForward(o.request, o.bars);
  const t1 = clock();
  const n = plan.tasks.length;
  const labelOf = (task: number) => {
    const t = plan.tasks[task];
    return `fold ${t.fold + 1}/${plan.summary.fold_count}${plan.request.pooled ? '' : ` ${plan.symbols[t.symbols[0]].symbol}`}`;
  };
  const span = FOLDS_TO - FOLDS_FROM;
  report(
    'plan',
    FOLDS_FROM,
    `${plan.summary.fold_count} fold(s), ${n} model fit(s) on ${executor.concurrency(n) > 1 ? `${executor.concurrency(n)} workers` : 'one thread'}`,
    { folds: plan.summary.fold_count, tasks: n },
  );
  const results = warmStartOn(plan.request)
    ? await runChains(plan, executor, o, report)
    : await executor.map('walkforward.fold', plan, n, {
        signal: o.signal,
        instrument: o.onPartialFit ? { onPartialFit: o.onPartialFit } : undefined,
        onUnitProgress: (task, p) =>
          report(
            'fold',
            FOLDS_FROM + (span * (task + p.fraction)) / n,
            `${labelOf(task)}: ${p.message ?? 'training'}`,
          ),
        onDone: (r, task, done) => {
          o.onFold?.(r, plan);
          const m = r.model_metrics;
          report('fold', FOLDS_FROM + (span * done) / n, `${labelOf(task)} done (${done}/${n})`, {
            task,
            fold: r.fold,
            done,
            total: n,
            fit_s: r.fit_seconds,
            predict_s: r.predict_seconds,
            ...(m.auc != null ? { auc: m.auc } : {}),
            ...(m.ic != null ? { ic: m.ic } : {}),
          });
        },
      });
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
