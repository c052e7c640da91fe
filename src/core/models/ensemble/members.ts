/**
 * Member fits of an ensemble as independent units: fit member `m` (kind, params, seed) on a set
 * of training rows and predict another set, returning the predictions (and, for a final fit,
 * the serialized member). `MemberRunner` is the seam: `runMembersInProcess` fits them one after
 * another on the calling thread (walk-forward folds, Node tests); the training job passes one
 * that maps them over the executor's 'ensemble.member' units, so the members' fits run in
 * parallel. Both give the same numbers (each fit is a pure function of its job).
 */
import type { FitModelOptions } from '../registry';
import { purgeValidationTail } from '../trees/params';
import type { FitReport, Labels, Matrix, Model, SerializedModel, Task } from '../types';
import { takeRows, takeValues } from '../../split/rows';
import { throwIfCancelled, type CancelSignal } from '../../util/progress';
import type { MemberSpec } from './params';

export type FitFn = (o: FitModelOptions) => Promise<{ model: Model; report: FitReport }>;

export interface MemberFit {
  member: number;
  /** training rows; null: all rows */
  train: Int32Array | null;
  /** rows to predict; null: none */
  predict: Int32Array | null;
  /** keep the fitted model (the final fits) */
  keep: boolean;
}

/** What every member fit of one ensemble shares (structured-cloneable: sent once per worker). */
export interface MemberJob {
  task: Task;
  nClasses: number;
  X: Matrix;
  y: Labels;
  members: MemberSpec[];
  /** label horizon in bars: purged from a gbc/gbr member's early-stopping tail */
  horizon: number;
  fits: MemberFit[];
}

export interface MemberFitResult {
  /** predictions of `predict` rows (row-major, nClasses per row) */
  values: Float64Array;
  nClasses: number;
  serialized: SerializedModel | null;
  fitSeconds: number;
}

export type MemberRunner = (job: MemberJob, signal?: CancelSignal) => Promise<MemberFitResult[]>;

/** Fits unit `index` of the job. */
export async function runMemberFit(job: MemberJob, index: number, fit: FitFn): Promise<MemberFitResult> {
  const f = job.fits[index];
  const spec = job.members[f.member];
  const X = f.train ? takeRows(job.X, f.train) : job.X;
  const y = f.train ? takeValues(job.y, f.train) : job.y;
  const { model, report } = await fit({
    kind: spec.kind,
    task: job.task,
    X,
    y,
    nClasses: job.nClasses,
    params: purgeValidationTail(spec.kind, { ...spec.params, seed: spec.seed }, job.horizon),
  });
  let values: Float64Array = new Float64Array(0);
  if (f.predict) values = model.predict(takeRows(job.X, f.predict)).values;
  const serialized = f.keep ? model.serialize() : null;
  (model as { dispose?: () => void }).dispose?.();
  return {
    values,
    nClasses: job.task === 'regression' ? 1 : job.nClasses,
    serialized,
    fitSeconds: report.fitSeconds,
  };
}

export function inProcessMemberRunner(fit: FitFn): MemberRunner {
  return async (job, signal) => {
    const out: MemberFitResult[] = [];
    for (let i = 0; i < job.fits.length; i++) {
      throwIfCancelled(signal);
      out.push(await runMemberFit(job, i, fit));
    }
    return out;
  };
}
