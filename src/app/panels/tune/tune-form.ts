/**
 * The Tune form: the tuning request's own fields (src/core/tune/request.ts), kept on this device,
 * and the request the worker gets. The worker checks it once and names the field of a mistake.
 */
import { readPersisted, savePersisted } from '../../persisted';
import type { TuneJobRequest } from '../../../core/jobs/tune';
import type { ModelKind } from '../../../core/models/types';
import type { TuneObjective } from '../../../core/tune/objective';
import type { SamplerName } from '../../../core/tune/sampler';
import { defaultSpace, OPTIONAL_DIMENSIONS, type SearchSpace } from '../../../core/tune/space';

export interface TuneForm {
  model: ModelKind;
  symbols: string[];
  space: SearchSpace;
  tune_horizon: boolean;
  tune_thresholds: boolean;
  sampler: SamplerName;
  pruner: 'asha' | 'none';
  trials: number;
  batch_size: number;
  seed: number;
  objective: TuneObjective;
  train_window: string;
  test_window: string;
  /** blank: every fold that fits */
  max_folds: string;
  /** blank: the first 60% of the folds tune */
  eval_start: string;
  fees_bps: number;
  slippage_bps: number;
  /** blank: no constraint; e.g. -0.2 */
  max_drawdown: string;
  /** blank: no constraint */
  min_trades: string;
}

export const TUNE_FORM_DEFAULTS: TuneForm = {
  model: 'gbc',
  symbols: [],
  space: defaultSpace('gbc'),
  tune_horizon: false,
  tune_thresholds: false,
  sampler: 'tpe',
  pruner: 'asha',
  trials: 30,
  batch_size: 4,
  seed: 42,
  objective: 'log_loss',
  train_window: '365d',
  test_window: '30d',
  max_folds: '',
  eval_start: '',
  fees_bps: 5,
  slippage_bps: 5,
  max_drawdown: '',
  min_trades: '',
};

const KEY = 'candle-lab.tune-form.v1';
export const readTuneForm = () => readPersisted(KEY, TUNE_FORM_DEFAULTS);
export const saveTuneForm = (f: TuneForm) => savePersisted(KEY, f);

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** The space with the optional dimensions the form switched on. */
export function spaceOf(f: TuneForm): SearchSpace {
  const { target_horizon, buy_threshold, sell_threshold } = OPTIONAL_DIMENSIONS;
  return {
    ...f.space,
    ...(f.tune_horizon ? { target_horizon } : {}),
    ...(f.tune_thresholds ? { buy_threshold, sell_threshold } : {}),
  };
}

export function tuneRequest(f: TuneForm, o: { handle: string; symbols: string[] }): TuneJobRequest {
  const chosen = f.symbols.filter((s) => o.symbols.includes(s));
  const constraints = {
    ...(num(f.max_drawdown) !== undefined ? { max_drawdown: num(f.max_drawdown) } : {}),
    ...(num(f.min_trades) !== undefined ? { min_trades: num(f.min_trades) } : {}),
  };
  return {
    handle: o.handle,
    symbols: chosen.length ? chosen : o.symbols.slice(0, 1),
    model: f.model,
    space: spaceOf(f),
    sampler: f.sampler,
    pruner: f.pruner,
    trials: f.trials,
    batch_size: f.batch_size,
    seed: f.seed,
    objective: f.objective,
    constraints,
    train_window: f.train_window,
    test_window: f.test_window,
    ...(num(f.max_folds) !== undefined ? { max_folds: num(f.max_folds) } : {}),
    eval_start: f.eval_start.trim() || null,
    fees_bps: f.fees_bps,
    slippage_bps: f.slippage_bps,
  };
}
