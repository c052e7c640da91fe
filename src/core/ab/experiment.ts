/**
 * The with/without-ML experiment: one rule-based strategy (the optimizer's weighted blend of
 * signals with its thresholds, weights chosen by the GA on each fold's training bars) run
 * through the same walk-forward folds twice: A on the built-in signals, B with the model's
 * out-of-sample prediction added as one more signal, and optionally C on the model alone.
 *
 * The model's prediction at bar t comes from a walk-forward backtest of the saved model's
 * configuration (a fresh model per fold, trained on bars before the fold's test window with the
 * label overlap purged), so it is out of sample at every bar, never an in-sample fit. The arms'
 * folds start where the model's first prediction is, so every arm trains on the same bars and
 * trades the same test windows, with the same costs and execution.
 */
import type { Bars } from '../data/bars';
import { InputError } from '../errors';
import type { Executor } from '../jobs/executor';
import { buildSignals, type BuiltinSignalName, SIGNAL_NAMES, type SignalSet } from '../optimize/signals';
import { walkForwardOptimize, type WalkForwardResult as OptimizeResult } from '../optimize/walk-forward';
import type { Constraints, Objective } from '../optimize/objective';
import type { CancelSignal, ProgressFn } from '../util/progress';
import { runWalkForward } from '../walkforward/run';
import type { WalkForwardRequest, WalkForwardResult } from '../walkforward/types';
import type { RunSeries } from './series';

/** The strategy's settings (the optimizer's request fields, one symbol). */
export interface AbStrategySettings {
  /** built-in signals of arm A (default all four) */
  signal_names?: BuiltinSignalName[];
  /** the optimizer's folds: GA on train_window bars, traded on test_window bars */
  train_window: string | number;
  test_window: string | number;
  max_folds?: number;
  objective?: Objective;
  constraints?: Constraints;
  population?: number;
  generations?: number;
  seed?: number;
  optimize_thresholds?: boolean;
  fees_bps?: number;
  slippage_bps?: number;
  fill?: 'next_open' | 'close';
  long_short?: boolean;
}

export interface ArmResult {
  name: 'A' | 'B' | 'C';
  description: string;
  signal_names: string[];
  result: OptimizeResult;
}

export interface MlSignalExperiment {
  model: WalkForwardResult;
  /** first bar with an out-of-sample model prediction: every arm's folds start here or later */
  first_prediction: number;
  /** the signals the arms blend, the model's included (aligned with the bars) */
  signals: SignalSet;
  arms: ArmResult[];
}

export interface MlSignalOptions {
  bars: Bars;
  /** the model's walk-forward (one symbol, the bars' symbol) */
  model: WalkForwardRequest;
  strategy: AbStrategySettings;
  include_model_only?: boolean;
  executor?: Executor;
  signal?: CancelSignal;
  onProgress?: ProgressFn;
}

export async function runMlSignalExperiment(o: MlSignalOptions): Promise<MlSignalExperiment> {
  const progress =
    (stage: string, from: number, span: number): ProgressFn =>
    (p) =>
      o.onProgress?.({ ...p, stage, fraction: from + span * p.fraction });
  const model = await runWalkForward({
    request: o.model,
    bars: [o.bars],
    executor: o.executor,
    signal: o.signal,
    onProgress: progress('model', 0, 0.4),
  });
  const sym = model.per_symbol[0];
  const values = sym.signal;
  let first = 0;
  while (first < values.length && !Number.isFinite(values[first])) first++;
  if (first === values.length)
    throw new InputError(
      'model_id',
      'the model made no out-of-sample prediction on these bars: shorten its windows',
    );
  const s = o.strategy;
  const builtins = [...(s.signal_names ?? SIGNAL_NAMES)];
  const signals = buildSignals({
    bars: o.bars,
    names: builtins,
    model: { values, kind: o.model.model.task === 'regression' ? 'return' : 'probability' },
  });
  const arms: Omit<ArmResult, 'result'>[] = [
    { name: 'A', description: `the strategy on ${builtins.join(', ')}`, signal_names: builtins },
    {
      name: 'B',
      description: `the same strategy with the model's signal added`,
      signal_names: [...builtins, 'model'],
    },
    ...(o.include_model_only
      ? [{ name: 'C' as const, description: "the model's signal alone", signal_names: ['model'] }]
      : []),
  ];
  const out: ArmResult[] = [];
  for (const [i, arm] of arms.entries()) {
    const result = await walkForwardOptimize({
      bars: o.bars,
      signals,
      signalNames: arm.signal_names,
      trainWindow: s.train_window,
      testWindow: s.test_window,
      maxFolds: s.max_folds,
      minFirstRow: first,
      objective: s.objective,
      constraints: s.constraints,
      population: s.population,
      generations: s.generations,
      seed: s.seed,
      optimizeThresholds: s.optimize_thresholds ?? true,
      feesBps: s.fees_bps,
      slippageBps: s.slippage_bps,
      fill: s.fill,
      longShort: s.long_short,
      signal: o.signal,
      onProgress: progress(`arm ${arm.name}`, 0.4 + (0.55 * i) / arms.length, 0.55 / arms.length),
    });
    out.push({ ...arm, result });
  }
  return { model, first_prediction: first, signals, arms: out };
}

/** An arm's out-of-sample run as a comparison series (no model of its own to test). */
export function armSeries(arm: ArmResult, symbol: string): RunSeries {
  const sim = arm.result.simulation;
  const ret = (v: Float64Array) =>
    Float64Array.from({ length: Math.max(0, v.length - 1) }, (_, i) => v[i + 1] / v[i] - 1);
  return {
    run_id: arm.name,
    kind: 'optimize',
    label: arm.description,
    symbols: [symbol],
    time: sim.time.slice(1),
    returns: ret(sim.equity),
    buyAndHold: ret(arm.result.buyAndHold),
    model: null,
    predictions: null,
  };
}
