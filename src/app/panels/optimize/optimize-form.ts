/**
 * The Optimize form's state (defaults from the seed's optimize_strategy_weights example:
 * four signals, Sharpe, max drawdown 20 %, win rate 50 %), kept on this device across reloads,
 * and its translation into the worker's request. Every field that is a request field has the
 * request's name (one spelling from the form to the optimizer); only the constraints, typed
 * as text in percent, have names of their own and are converted in `constraintsOf`.
 * A mistake throws an InputError naming the request field, so the panel shows it beside
 * that field.
 */
import { readPersistedOrLegacy, renameKeys, savePersisted } from '../../persisted';
import { InputError } from '../../../core/errors';
import type { OptimizeJobRequest } from '../../../core/jobs/optimize';
import type { OptimizeRequest } from '../../../core/optimize/job';
import type { Constraints, Objective } from '../../../core/optimize/objective';
import { parseWindow } from '../../../core/split/windows';

/** The request fields the form edits as they are (max_folds: 0 = all). */
type RequestFields = Required<
  Pick<
    OptimizeRequest,
    | 'symbol'
    | 'signal_names'
    | 'objective'
    | 'population'
    | 'generations'
    | 'seed'
    | 'train_window'
    | 'test_window'
    | 'max_folds'
    | 'fees_bps'
    | 'slippage_bps'
    | 'optimize_thresholds'
    | 'buy_threshold'
    | 'sell_threshold'
    | 'long_short'
  >
>;

export interface OptimizeForm extends RequestFields {
  /** percent, blank = no constraint (request: constraints.max_drawdown, a negative fraction) */
  max_drawdown_pct: string;
  /** percent, blank = no constraint (request: constraints.min_win_rate, a fraction) */
  min_win_rate_pct: string;
  /** blank = no constraint (request: constraints.min_trades) */
  min_trades: string;
  /** blend a saved model's walk-forward prediction as one more signal (request: model_id set) */
  use_model: boolean;
  /** the model of that signal, a saved model's id or 'latest' (request: model_id) */
  model_id: string;
}

export const OPTIMIZE_FORM_DEFAULTS: Readonly<OptimizeForm> = Object.freeze({
  symbol: '',
  signal_names: ['rsi', 'macd', 'ema_cross', 'volume'],
  objective: 'sharpe',
  max_drawdown_pct: '20',
  min_win_rate_pct: '50',
  min_trades: '10',
  population: 50,
  generations: 30,
  seed: 42,
  train_window: '365d',
  test_window: '90d',
  max_folds: 4,
  fees_bps: 10,
  slippage_bps: 5,
  optimize_thresholds: true,
  buy_threshold: 0.05,
  sell_threshold: -0.05,
  long_short: false,
  use_model: false,
  model_id: 'latest',
} satisfies OptimizeForm);

export const OBJECTIVE_LABELS: Record<Objective, string> = {
  sharpe: 'Sharpe ratio',
  sortino: 'Sortino ratio',
  calmar: 'Calmar ratio',
  total_return: 'Total return %',
};

const KEY = 'candle-lab.optimize-form.v2';
const V1_KEY = 'candle-lab.optimize-form.v1';

/** The v1 form's camelCase names and the field each one is now. */
const V1_NAMES: Record<string, keyof OptimizeForm> = {
  signals: 'signal_names',
  maxDrawdownPct: 'max_drawdown_pct',
  minWinRatePct: 'min_win_rate_pct',
  minTrades: 'min_trades',
  trainWindow: 'train_window',
  testWindow: 'test_window',
  maxFolds: 'max_folds',
  feesBps: 'fees_bps',
  slippageBps: 'slippage_bps',
  optimizeThresholds: 'optimize_thresholds',
  buyThreshold: 'buy_threshold',
  sellThreshold: 'sell_threshold',
  longShort: 'long_short',
};

/** A form saved by the earlier version (camelCase names), in today's spelling; unknown keys are dropped. */
export function migrateV1(old: Record<string, unknown>): Partial<OptimizeForm> {
  return renameKeys(old, V1_NAMES, OPTIMIZE_FORM_DEFAULTS);
}

/** The saved form over the defaults; a v1 form is read (and converted) only while no v2 form is saved. */
export function readOptimizeForm(): OptimizeForm {
  return readPersistedOrLegacy<OptimizeForm>(
    KEY,
    { ...OPTIMIZE_FORM_DEFAULTS },
    { key: V1_KEY, migrate: migrateV1 },
  );
}

export function saveOptimizeForm(f: OptimizeForm): void {
  savePersisted(KEY, f);
}

function optionalNumber(
  text: string,
  field: keyof Constraints,
  what: string,
  check: (v: number) => boolean,
  hint: string,
): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v) || !check(v))
    throw new InputError(field, `${what}: ${hint} (or leave it blank for no constraint).`);
  return v;
}

/**
 * The constraints in the seed's form (max_drawdown negative fraction, min_win_rate fraction),
 * from the percentages typed in the form. An InputError names the constraint
 * ('max_drawdown', 'min_win_rate', 'min_trades').
 */
export function constraintsOf(f: OptimizeForm): Constraints {
  const c: Constraints = {};
  const dd = optionalNumber(
    f.max_drawdown_pct,
    'max_drawdown',
    'Max drawdown',
    (v) => v > 0 && v <= 100,
    'a percentage between 0 and 100, e.g. 20',
  );
  const wr = optionalNumber(
    f.min_win_rate_pct,
    'min_win_rate',
    'Min win rate',
    (v) => v > 0 && v <= 100,
    'a percentage between 0 and 100, e.g. 50',
  );
  const mt = optionalNumber(
    f.min_trades,
    'min_trades',
    'Min trades',
    (v) => Number.isInteger(v) && v >= 1,
    'a whole number of trades, e.g. 10',
  );
  if (dd !== undefined) c.max_drawdown = -dd / 100;
  if (wr !== undefined) c.min_win_rate = wr / 100;
  if (mt !== undefined) c.min_trades = mt;
  return c;
}

/**
 * A window as typed, trimmed, if it reads as a length or a bar count. Whether a duration is a
 * whole number of bars depends on the data's bar size: the worker checks that.
 */
function windowOf(text: string, field: 'train_window' | 'test_window', label: string): string {
  const t = text.trim();
  const hint = 'use a length such as 365d, 30d, 12h, 4w, or a number of bars';
  if (t === '') throw new InputError(field, `${label}: ${hint}.`);
  try {
    parseWindow(t, 1_000); // every s/m/h/d/w length is a whole number of one-second bars
  } catch {
    throw new InputError(field, `${label}: cannot read "${t}"; ${hint}.`);
  }
  return t;
}

/** The worker request but the dataset's handle (throws an InputError naming the field on bad input). */
export function requestOf(f: OptimizeForm, symbol: string): Omit<OptimizeJobRequest, 'handle'> {
  if (!f.signal_names.length) throw new InputError('signal_names', 'Choose at least one signal.');
  if (!(Number.isInteger(f.population) && f.population >= 4))
    throw new InputError('population', 'Population must be a whole number of at least 4.');
  if (!(Number.isInteger(f.generations) && f.generations >= 1))
    throw new InputError('generations', 'Generations must be a whole number of at least 1.');
  if (!Number.isInteger(f.seed)) throw new InputError('seed', 'Seed must be a whole number.');
  if (!(f.fees_bps >= 0)) throw new InputError('fees_bps', 'Fees and slippage must be 0 or more.');
  if (!(f.slippage_bps >= 0)) throw new InputError('slippage_bps', 'Fees and slippage must be 0 or more.');
  if (!f.optimize_thresholds) {
    if (!(f.buy_threshold >= -1 && f.buy_threshold <= 1))
      throw new InputError('buy_threshold', 'The buy threshold must be a score between -1 and 1.');
    if (!(f.sell_threshold >= -1 && f.sell_threshold <= 1))
      throw new InputError('sell_threshold', 'The sell threshold must be a score between -1 and 1.');
    if (!(f.buy_threshold >= f.sell_threshold))
      throw new InputError('sell_threshold', 'The buy threshold must be at least the sell threshold.');
  }
  if (!(Number.isInteger(f.max_folds) && f.max_folds >= 0))
    throw new InputError('max_folds', 'Latest folds must be a whole number, 0 for all.');
  return {
    symbol,
    signal_names: f.signal_names,
    objective: f.objective,
    constraints: constraintsOf(f),
    population: f.population,
    generations: f.generations,
    seed: f.seed,
    optimize_thresholds: f.optimize_thresholds,
    buy_threshold: f.optimize_thresholds ? undefined : f.buy_threshold,
    sell_threshold: f.optimize_thresholds ? undefined : f.sell_threshold,
    long_short: f.long_short,
    fees_bps: f.fees_bps,
    slippage_bps: f.slippage_bps,
    train_window: windowOf(f.train_window, 'train_window', 'Train window'),
    test_window: windowOf(f.test_window, 'test_window', 'Test window'),
    max_folds: f.max_folds > 0 ? f.max_folds : undefined,
    ...(f.use_model ? { model_id: f.model_id.trim() || 'latest' } : {}),
  };
}

/** The request field (or constraint) a form field sets: its own name but for the constraints typed in percent. */
export function requestFieldOf(formField: string): string {
  if (formField === 'max_drawdown_pct') return 'max_drawdown';
  if (formField === 'min_win_rate_pct') return 'min_win_rate';
  return formField;
}

/** The fields a check can name that the form shows an input for (an error there stands beside it). */
export const FIELDS_IN_FORM: ReadonlySet<string> = new Set([
  'symbol',
  'signal_names',
  'objective',
  'max_drawdown',
  'min_win_rate',
  'min_trades',
  'population',
  'generations',
  'seed',
  'train_window',
  'test_window',
  'max_folds',
  'fees_bps',
  'slippage_bps',
  'buy_threshold',
  'sell_threshold',
  'model_id',
]);
