/** The training request that turns a study's best configuration into a saved model (train.start). */
import { InputError } from '../errors';
import type { ModelKind, Task } from '../models/types';
import type { TrainRequest } from '../train/request';
import type { StudyReport } from './report';
import { applyParams } from './space';

export function bestTrainRequest(report: StudyReport, dataset: string): TrainRequest {
  if (!report.best) throw new InputError(undefined, 'The study has no complete trial to save.');
  const c = report.config as {
    symbols: string[];
    train_window: string | number;
    test_window: string | number;
    params: Record<string, unknown>;
    target_horizon: number;
  };
  const kind = report.model as ModelKind;
  const { params, request } = applyParams(kind, report.best.params);
  return {
    dataset,
    symbols: c.symbols,
    task: report.task as Task,
    model: kind,
    target_horizon: Math.round(request.target_horizon ?? c.target_horizon),
    train_window: String(c.train_window),
    valid_window: String(c.test_window),
    params: { ...c.params, ...params },
    seed: report.seed,
  };
}
