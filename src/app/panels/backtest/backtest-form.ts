/**
 * The Backtest form: the walk-forward request's own fields (one spelling from the form to the
 * simulation), the seed's defaults, kept on this device across reloads; and the request the
 * worker gets. The worker checks the request once (src/core/walkforward/request.ts) and names
 * the field of any mistake.
 */
import { readPersistedOrLegacy, renameKeys, savePersisted } from '../../persisted';
import type { BacktestJobRequest } from '../../../core/jobs/backtest';
import type { Accounting, FillMode } from '../../../core/backtest/types';

export interface BacktestForm {
  model_id: string;
  symbols: string[];
  train_window: string;
  test_window: string;
  fees_bps: number;
  slippage_bps: number;
  online: boolean;
  save_updates: boolean;
  buy_threshold: number;
  sell_threshold: number;
  /** blank: the test window */
  step: string;
  expanding: boolean;
  /** blank: none */
  embargo: string;
  fill: FillMode;
  accounting: Accounting;
  long_short: boolean;
  pooled: boolean;
  initial_capital: number;
}

export const BACKTEST_FORM_DEFAULTS: BacktestForm = {
  model_id: 'latest',
  symbols: [],
  train_window: '365d',
  test_window: '30d',
  fees_bps: 5,
  slippage_bps: 5,
  online: false,
  save_updates: false,
  buy_threshold: 0.6,
  sell_threshold: 0.4,
  step: '',
  expanding: false,
  embargo: '',
  fill: 'next_open',
  accounting: 'fills',
  long_short: false,
  pooled: false,
  initial_capital: 10_000,
};

const KEY = 'candle-lab.backtest-form.v2';
const V1_KEY = 'candle-lab.backtest-form.v1';

/** The v1 form's camelCase names and the request field each one was. */
const V1_NAMES: Record<string, keyof BacktestForm> = {
  modelId: 'model_id',
  trainWindow: 'train_window',
  testWindow: 'test_window',
  feesBps: 'fees_bps',
  slippageBps: 'slippage_bps',
  saveUpdates: 'save_updates',
  buyThreshold: 'buy_threshold',
  sellThreshold: 'sell_threshold',
  longShort: 'long_short',
  initialCapital: 'initial_capital',
};

/** A form saved by an earlier version (camelCase names), in today's spelling. */
export function migrateV1(old: Record<string, unknown>): Partial<BacktestForm> {
  return renameKeys(old, V1_NAMES, BACKTEST_FORM_DEFAULTS);
}

export function readBacktestForm(): BacktestForm {
  return readPersistedOrLegacy(KEY, BACKTEST_FORM_DEFAULTS, { key: V1_KEY, migrate: migrateV1 });
}

export function saveBacktestForm(f: BacktestForm): void {
  savePersisted(KEY, f);
}

/**
 * The request for the worker. `symbols` are the dataset's; none ticked means all of them.
 * Online learning (and saving the updated model) only for models that can learn online.
 */
export function backtestRequest(
  form: BacktestForm,
  o: { handle: string; symbols: readonly string[]; onlineCapable: boolean },
): BacktestJobRequest {
  const chosen = form.symbols.filter((s) => o.symbols.includes(s));
  const online = form.online && o.onlineCapable;
  return {
    handle: o.handle,
    model_id: form.model_id,
    symbols: chosen.length ? chosen : [...o.symbols],
    train_window: form.train_window,
    test_window: form.test_window,
    fees_bps: form.fees_bps,
    slippage_bps: form.slippage_bps,
    online,
    save_updates: online && form.save_updates,
    buy_threshold: form.buy_threshold,
    sell_threshold: form.sell_threshold,
    step: form.step.trim() || undefined,
    expanding: form.expanding,
    embargo: form.embargo.trim() || undefined,
    fill: form.fill,
    accounting: form.accounting,
    long_short: form.long_short,
    pooled: form.pooled,
    initial_capital: form.initial_capital,
  };
}
