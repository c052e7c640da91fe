/**
 * The walk-forward request: defaults (the seed's: fees 5 bps, slippage 5 bps, thresholds
 * 0.6 / 0.4, step = test window) and checks that say what to fix, and the window strings
 * converted to bars of the time grid.
 */
import { roundTripCost } from '../backtest/signals';
import { InputError } from '../errors';
import { kindFitsTask, MODEL_INFO } from '../models/catalog';
import { parseWindow } from '../split/windows';
import type { ResolvedWalkForwardRequest, WalkForwardRequest, WindowSpec } from './types';

export const WALKFORWARD_DEFAULTS = {
  fees_bps: 5,
  slippage_bps: 5,
  buy_threshold: 0.6,
  sell_threshold: 0.4,
  initial_capital: 10_000,
  seed: 42,
  fill: 'next_open' as const,
  warmup: 'strict' as const,
};

function bars(
  name: string,
  w: WindowSpec | undefined,
  barMs: number,
  fallback: number,
  allowZero = false,
): number {
  if (w === undefined || w === null || w === '') return fallback;
  if (allowZero && (w === 0 || (typeof w === 'string' && /^\s*0+\s*[smhdw]?\s*$/i.test(w)))) return 0;
  try {
    return parseWindow(w, barMs);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(name, `${name}: ${e.message}`);
  }
}

function finiteAtLeast(name: string, v: number, min: number): number {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= min))
    throw new InputError(name, `${name} must be a number >= ${min}; got ${String(v)}`);
  return v;
}

/** Fill defaults, check, and convert windows to bars of size `barMs`. Throws with a message to show. */
export function resolveRequest(req: WalkForwardRequest, barMs: number): ResolvedWalkForwardRequest {
  if (!req.symbols?.length) throw new InputError('symbols', 'Choose at least one symbol to backtest.');
  if (new Set(req.symbols).size !== req.symbols.length)
    throw new InputError('symbols', 'A symbol is listed twice.');
  const m = req.model;
  const info = MODEL_INFO[m?.kind];
  if (!info) throw new InputError('model', `Unknown model "${String(m?.kind)}".`);
  if (!kindFitsTask(m.kind, m.task))
    throw new InputError('model', `${m.kind} is a ${info.task} model, but the task is ${m.task}.`);
  if (!Number.isInteger(m.target_horizon) || m.target_horizon < 1)
    throw new InputError(
      'target_horizon',
      `Target horizon must be a whole number of bars (1 or more); got ${m.target_horizon}.`,
    );
  const train = bars('train_window', req.train_window, barMs, NaN);
  const test = bars('test_window', req.test_window, barMs, NaN);
  if (!Number.isFinite(train) || !Number.isFinite(test))
    throw new InputError(
      Number.isFinite(train) ? 'test_window' : 'train_window',
      'Set both train_window and test_window.',
    );
  const step = bars('step', req.step, barMs, test);
  const embargo = bars('embargo', req.embargo, barMs, 0, true);
  if (train <= m.target_horizon + embargo)
    throw new InputError(
      'train_window',
      `train_window (${train} bars) must be longer than the horizon (${m.target_horizon}) plus the embargo (${embargo}).`,
    );
  const buy = req.buy_threshold ?? WALKFORWARD_DEFAULTS.buy_threshold;
  const sell = req.sell_threshold ?? WALKFORWARD_DEFAULTS.sell_threshold;
  if (!(buy >= 0 && buy <= 1 && sell >= 0 && sell <= 1 && buy >= sell))
    throw new InputError(
      buy >= 0 && buy <= 1 ? 'sell_threshold' : 'buy_threshold',
      `Thresholds must satisfy 0 <= sell (${sell}) <= buy (${buy}) <= 1.`,
    );
  const fill = req.fill ?? WALKFORWARD_DEFAULTS.fill;
  if (fill !== 'next_open' && fill !== 'close')
    throw new InputError('fill', `fill must be 'next_open' or 'close'; got ${String(fill)}`);
  if (req.max_folds !== undefined && !(Number.isInteger(req.max_folds) && req.max_folds >= 1))
    throw new InputError('max_folds', `max_folds must be a whole number >= 1; got ${req.max_folds}`);
  const accounting = req.accounting ?? 'fills';
  if (accounting !== 'fills' && accounting !== 'seed')
    throw new InputError('accounting', `accounting must be 'fills' or 'seed'; got ${String(accounting)}`);
  if (accounting === 'seed' && fill !== 'close')
    throw new InputError(
      'accounting',
      "The seed's accounting fills at the close: set fill to 'close' (or use accounting 'fills').",
    );
  if (req.online_batch !== undefined && !(Number.isInteger(req.online_batch) && req.online_batch >= 1))
    throw new InputError('online_batch', `online_batch must be a whole number >= 1; got ${req.online_batch}`);
  // a warm-started fold starts from the previous fold's model; with online learning that model has
  // fine-tuned on its whole test window, which overlaps the next fold's when step < test
  if (req.online && info.family === 'neural' && req.warm_start !== false && step < test)
    throw new InputError(
      'step',
      `With overlapping test windows (step ${step} < test ${test} bars), online learning and warm starts, a fold would start from the previous fold fine-tuned on labels after its own start; use a step of at least the test window, turn warm_start off, or turn online learning off.`,
    );
  const fees = finiteAtLeast('fees_bps', req.fees_bps ?? WALKFORWARD_DEFAULTS.fees_bps, 0);
  const slippage = finiteAtLeast('slippage_bps', req.slippage_bps ?? WALKFORWARD_DEFAULTS.slippage_bps, 0);
  return {
    ...req,
    model: {
      ...m,
      seed: m.seed ?? WALKFORWARD_DEFAULTS.seed,
      label_kind: m.label_kind ?? 'binary',
      params: { ...(m.params ?? {}) },
    },
    fees_bps: fees,
    slippage_bps: slippage,
    online: req.online ?? false,
    save_updates: req.save_updates ?? false,
    buy_threshold: buy,
    sell_threshold: sell,
    strict_thresholds: req.strict_thresholds ?? false,
    expanding: req.expanding ?? false,
    fill,
    accounting,
    long_short: req.long_short ?? false,
    pooled: req.pooled ?? false,
    // regression: the effective hurdle (default the round-trip cost), written into report.json
    hurdle: m.task === 'regression' ? (req.hurdle ?? roundTripCost(fees, slippage)) : null,
    initial_capital: finiteAtLeast(
      'initial_capital',
      req.initial_capital ?? WALKFORWARD_DEFAULTS.initial_capital,
      1e-9,
    ),
    warmup: req.warmup ?? m.warmup ?? WALKFORWARD_DEFAULTS.warmup,
    bar_ms: barMs,
    train_bars: train,
    test_bars: test,
    step_bars: step,
    embargo_bars: embargo,
  };
}
