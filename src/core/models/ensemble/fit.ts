/**
 * Fitting an ensemble: the out-of-fold member fits the combiner needs (oof.ts: none for mean,
 * one inner validation tail for weights, K purged forward-chaining blocks for stacking) and the
 * final member fits on the whole training window go to the MemberRunner as one batch, so a
 * runner on the executor fits all of them in parallel. The combiner is then fitted on the
 * out-of-fold predictions only. Inside a walk-forward fold (the registry's fitModel, no runner)
 * the members fit one after another: the folds themselves already fill the worker pool.
 */
import type { RowContext } from '../registry';
import type { FitReport, Labels, Matrix, Model, Predictions, SerializedModel, Task } from '../types';
import { takeValues } from '../../split/rows';
import type { CancelSignal, ProgressFn } from '../../util/progress';
import { fitMeta, fitWeights, meanState, type CombinerState } from './combine';
import { inProcessMemberRunner, type FitFn, type MemberFit, type MemberRunner } from './members';
import { EnsembleModel } from './model';
import { planOutOfFold, type OutOfFoldPlan } from './oof';
import { resolveEnsembleParams } from './params';

export interface FitEnsembleOptions {
  task: Task;
  X: Matrix;
  y: Labels;
  nClasses: number;
  params?: Record<string, unknown>;
  context?: RowContext;
  runner?: MemberRunner;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
  /** instrumentation: the out-of-fold plan the combiner was fitted on */
  onOutOfFold?: (plan: OutOfFoldPlan, preds: Predictions[]) => void;
}

/** How the ensemble fits and restores its members (the registry's fitModel and restoreModel). */
export interface MemberModels {
  fit: FitFn;
  restore: (s: SerializedModel) => Promise<Model>;
}

export async function fitEnsemble(
  o: FitEnsembleOptions,
  { fit, restore }: MemberModels,
): Promise<{ model: EnsembleModel; report: FitReport }> {
  const t0 = performance.now();
  const p = resolveEnsembleParams(o.params ?? {}, o.task);
  const nClasses = o.task === 'regression' ? 1 : o.nClasses;
  const M = p.members.length;
  const time = o.context?.time ?? Float64Array.from({ length: o.X.rows }, (_, i) => i);
  const barMs = o.context?.barMs ?? 1;
  const plan =
    p.combiner === 'mean'
      ? null
      : planOutOfFold({
          time,
          barMs,
          horizon: p.purge_bars,
          blocks: p.combiner === 'stacking' ? p.stack_folds : 1,
          tail: p.combiner === 'weights' ? p.weights_tail : undefined,
        });
  const fits: MemberFit[] = [];
  if (plan)
    for (const f of plan.fits)
      for (let m = 0; m < M; m++) fits.push({ member: m, train: f.train, predict: f.predict, keep: false });
  for (let m = 0; m < M; m++) fits.push({ member: m, train: null, predict: null, keep: true });
  o.onProgress?.({ stage: 'training', fraction: 0, message: `${fits.length} member fits` });
  const runner = o.runner ?? inProcessMemberRunner(fit);
  const results = await runner(
    { task: o.task, nClasses, X: o.X, y: o.y, members: p.members, horizon: p.purge_bars, fits },
    o.signal,
  );
  let state: CombinerState = meanState(M);
  if (plan) {
    // the out-of-fold predictions of each member, in plan.rows order
    const pos = new Map<number, number>();
    plan.rows.forEach((r, i) => pos.set(r, i));
    const preds: Predictions[] = Array.from({ length: M }, () => ({
      rows: plan.rows.length,
      nClasses,
      values: new Float64Array(plan.rows.length * nClasses),
    }));
    fits.forEach((f, i) => {
      if (!f.predict) return;
      const v = results[i].values;
      f.predict.forEach((r, k) => {
        const at = pos.get(r)! * nClasses;
        for (let c = 0; c < nClasses; c++) preds[f.member].values[at + c] = v[k * nClasses + c];
      });
    });
    const y = takeValues(o.y, plan.rows);
    state = p.combiner === 'stacking' ? fitMeta(preds, y, o.task) : fitWeights(preds, y, o.task);
    o.onOutOfFold?.(plan, preds);
  }
  const members = await Promise.all(results.slice(fits.length - M).map((r) => restore(r.serialized!)));
  o.onProgress?.({ stage: 'training', fraction: 1, message: 'members fitted' });
  return {
    model: new EnsembleModel(o.task, nClasses, members, state, p),
    report: {
      fitSeconds: (performance.now() - t0) / 1000,
      iterations: fits.length,
      backend: 'js',
    },
  };
}
