/**
 * The Optimize form's state (defaults from the seed's optimize_strategy_weights example:
 * four signals, Sharpe, max drawdown 20 %, win rate 50 %), kept on this device across reloads,
 * and its translation into the worker's request.
 */
import { readPersisted, savePersisted } from '../../persisted';
import type { OptimizeRequest } from '../../../core/optimize/job';
import type { Constraints, Objective } from '../../../core/optimize/objective';
import type { BuiltinSignalName } from '../../../core/optimize/signals';

export interface OptimizeForm {
  symbol: string;
  signals: BuiltinSignalName[];
  objective: Objective;
  /** percent, blank = no constraint */
  maxDrawdownPct: string;
  /** percent, blank = no constraint */
  minWinRatePct: string;
  /** blank = no constraint */
  minTrades: string;
  population: number;
  generations: number;
  seed: number;
  trainWindow: string;
  testWindow: string;
  /** latest folds kept; 0 = all */
  maxFolds: number;
  feesBps: number;
  slippageBps: number;
  optimizeThresholds: boolean;
  buyThreshold: number;
  sellThreshold: number;
  longShort: boolean;
}

export const OPTIMIZE_FORM_DEFAULTS: OptimizeForm = {
  symbol: '',
  signals: ['rsi', 'macd', 'ema_cross', 'volume'],
  objective: 'sharpe',
  maxDrawdownPct: '20',
  minWinRatePct: '50',
  minTrades: '10',
  population: 50,
  generations: 30,
  seed: 42,
  trainWindow: '365d',
  testWindow: '90d',
  maxFolds: 4,
  feesBps: 10,
  slippageBps: 5,
  optimizeThresholds: true,
  buyThreshold: 0.05,
  sellThreshold: -0.05,
  longShort: false,
};

export const OBJECTIVE_LABELS: Record<Objective, string> = {
  sharpe: 'Sharpe ratio',
  sortino: 'Sortino ratio',
  calmar: 'Calmar ratio',
  total_return: 'Total return %',
};

const KEY = 'candle-lab.optimize-form.v1';

export function readOptimizeForm(): OptimizeForm {
  return readPersisted(KEY, OPTIMIZE_FORM_DEFAULTS);
}

export function saveOptimizeForm(f: OptimizeForm): void {
  savePersisted(KEY, f);
}

function optionalNumber(
  text: string,
  what: string,
  check: (v: number) => boolean,
  hint: string,
): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  if (!Number.isFinite(v) || !check(v))
    throw new Error(`${what}: ${hint} (or leave it blank for no constraint).`);
  return v;
}

/** The constraints in the seed's form (max_drawdown negative fraction, min_win_rate fraction). */
export function constraintsOf(f: OptimizeForm): Constraints {
  const c: Constraints = {};
  const dd = optionalNumber(
    f.maxDrawdownPct,
    'Max drawdown',
    (v) => v > 0 && v <= 100,
    'a percentage between 0 and 100, e.g. 20',
  );
  const wr = optionalNumber(
    f.minWinRatePct,
    'Min win rate',
    (v) => v > 0 && v <= 100,
    'a percentage between 0 and 100, e.g. 50',
  );
  const mt = optionalNumber(
    f.minTrades,
    'Min trades',
    (v) => Number.isInteger(v) && v >= 1,
    'a whole number of trades, e.g. 10',
  );
  if (dd !== undefined) c.max_drawdown = -dd / 100;
  if (wr !== undefined) c.min_win_rate = wr / 100;
  if (mt !== undefined) c.min_trades = mt;
  return c;
}

/** The worker request (throws with a message for the form on bad input). */
export function requestOf(f: OptimizeForm, symbol: string): OptimizeRequest {
  if (!f.signals.length) throw new Error('Choose at least one signal.');
  if (!(Number.isInteger(f.population) && f.population >= 4))
    throw new Error('Population must be a whole number of at least 4.');
  if (!(Number.isInteger(f.generations) && f.generations >= 1))
    throw new Error('Generations must be a whole number of at least 1.');
  if (!(f.feesBps >= 0 && f.slippageBps >= 0)) throw new Error('Fees and slippage must be 0 or more.');
  if (!f.optimizeThresholds && !(f.buyThreshold >= f.sellThreshold))
    throw new Error('The buy threshold must be at least the sell threshold.');
  return {
    symbol,
    signal_names: f.signals,
    objective: f.objective,
    constraints: constraintsOf(f),
    population: f.population,
    generations: f.generations,
    seed: f.seed,
    optimize_thresholds: f.optimizeThresholds,
    buy_threshold: f.optimizeThresholds ? undefined : f.buyThreshold,
    sell_threshold: f.optimizeThresholds ? undefined : f.sellThreshold,
    long_short: f.longShort,
    fees_bps: f.feesBps,
    slippage_bps: f.slippageBps,
    train_window: f.trainWindow.trim(),
    test_window: f.testWindow.trim(),
    max_folds: f.maxFolds > 0 ? f.maxFolds : undefined,
  };
}
