/**
 * The tuning request (tune.start): one spelling, checked once at the door; every mistake is an
 * InputError naming its field.
 */
import { InputError } from '../errors';
import { MODEL_INFO } from '../models/catalog';
import type { ModelKind, Task } from '../models/types';
import { checkConstraints, type Constraints } from '../optimize/objective';
import type { WindowSpec } from '../walkforward/types';
import { checkObjective, type TuneObjective } from './objective';
import { SAMPLERS, type SamplerName } from './sampler';
import { checkSpace, defaultSpace, type SearchSpace } from './space';

export interface TuneRequest {
  symbols: string[];
  /** the model kind whose hyperparameters are tuned */
  model: ModelKind;
  /** neural models: classification (default) or regression; others: the kind's task */
  task?: Task;
  /** label horizon in bars when not tuned (default 12) */
  target_horizon?: number;
  /** default: defaultSpace(model) */
  space?: SearchSpace;
  /** model parameters held fixed (not tuned) */
  params?: Record<string, unknown>;
  /** default 'tpe' */
  sampler?: SamplerName;
  /** 'asha' (default): successive halving on the tuning folds; 'none' */
  pruner?: 'asha' | 'none';
  /** ASHA's reduction factor (default 3) */
  eta?: number;
  /** trials to run (default 30) */
  trials?: number;
  /** trials sampled together and run side by side (default 4); the study depends on it, not on the worker count */
  batch_size?: number;
  /** default 42 */
  seed?: number;
  /** default log_loss (classification) / ic (regression) */
  objective?: TuneObjective;
  constraints?: Constraints;
  train_window: WindowSpec;
  test_window: WindowSpec;
  step?: WindowSpec;
  /** at most this many walk-forward folds in all (tuning + evaluation) */
  max_folds?: number;
  fees_bps?: number;
  slippage_bps?: number;
  buy_threshold?: number;
  sell_threshold?: number;
  /** first instant of the evaluation period (ISO date); default: the test start of the fold at tune_fraction */
  eval_start?: string | null;
  /** share of the folds that tune when eval_start is not given (default 0.6) */
  tune_fraction?: number;
}

export type ResolvedTuneRequest = Required<
  Omit<
    TuneRequest,
    'eval_start' | 'step' | 'max_folds' | 'buy_threshold' | 'sell_threshold' | 'fees_bps' | 'slippage_bps'
  >
> &
  Pick<
    TuneRequest,
    'eval_start' | 'step' | 'max_folds' | 'buy_threshold' | 'sell_threshold' | 'fees_bps' | 'slippage_bps'
  >;

export const TUNE_DEFAULTS = {
  sampler: 'tpe' as SamplerName,
  pruner: 'asha' as const,
  eta: 3,
  trials: 30,
  batch_size: 4,
  seed: 42,
  target_horizon: 12,
  tune_fraction: 0.6,
};

const int = (v: unknown, field: string, min: number, max: number) => {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max))
    throw new InputError(field, `${field} must be a whole number from ${min} to ${max} (got ${String(v)}).`);
};

export function resolveTuneRequest(r: TuneRequest): ResolvedTuneRequest {
  if (!r.symbols?.length) throw new InputError('symbols', 'Choose at least one symbol.');
  const info = MODEL_INFO[r.model];
  if (!info) throw new InputError('model', `Unknown model "${String(r.model)}".`);
  const task: Task = info.family === 'neural' ? (r.task ?? 'classification') : info.task;
  const space = r.space ?? defaultSpace(r.model);
  checkSpace(space, r.model);
  const objective = r.objective ?? (task === 'regression' ? 'ic' : 'log_loss');
  checkObjective(objective, task);
  try {
    checkConstraints(r.constraints ?? {});
  } catch (e) {
    const name = /^(\w+)/.exec((e as Error).message)?.[1];
    throw new InputError(`constraints${name ? '.' + name : ''}`, (e as Error).message);
  }
  const out: ResolvedTuneRequest = {
    ...TUNE_DEFAULTS,
    ...r,
    task,
    space,
    objective,
    params: r.params ?? {},
    constraints: r.constraints ?? {},
    eval_start: r.eval_start ?? null,
  } as ResolvedTuneRequest;
  if (!SAMPLERS.includes(out.sampler))
    throw new InputError('sampler', `sampler must be ${SAMPLERS.join(' or ')} (got ${String(out.sampler)}).`);
  if (out.pruner !== 'asha' && out.pruner !== 'none')
    throw new InputError('pruner', `pruner must be asha or none (got ${String(out.pruner)}).`);
  int(out.trials, 'trials', 1, 10_000);
  int(out.batch_size, 'batch_size', 1, 64);
  int(out.seed, 'seed', 0, 2 ** 32 - 1);
  int(out.target_horizon, 'target_horizon', 1, 10_000);
  if (!(out.eta >= 2)) throw new InputError('eta', 'eta must be at least 2.');
  if (!(out.tune_fraction > 0 && out.tune_fraction < 1))
    throw new InputError('tune_fraction', 'tune_fraction must be between 0 and 1.');
  if (out.eval_start != null && !Number.isFinite(Date.parse(out.eval_start)))
    throw new InputError('eval_start', `eval_start must be a date, e.g. 2024-06-01 (got ${out.eval_start}).`);
  return out;
}
