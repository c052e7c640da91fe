/** The Backtest form: the seed's fields and defaults, kept on this device across reloads. */
import { readPersisted, savePersisted } from '../../persisted';
export interface BacktestForm {
  modelId: string;
  symbols: string[];
  trainWindow: string;
  testWindow: string;
  feesBps: number;
  slippageBps: number;
  online: boolean;
  saveUpdates: boolean;
  buyThreshold: number;
  sellThreshold: number;
  step: string;
  expanding: boolean;
  embargo: string;
  fill: 'next_open' | 'close';
  longShort: boolean;
  pooled: boolean;
  initialCapital: number;
}

export const BACKTEST_FORM_DEFAULTS: BacktestForm = {
  modelId: 'latest',
  symbols: [],
  trainWindow: '365d',
  testWindow: '30d',
  feesBps: 5,
  slippageBps: 5,
  online: false,
  saveUpdates: false,
  buyThreshold: 0.6,
  sellThreshold: 0.4,
  step: '',
  expanding: false,
  embargo: '',
  fill: 'next_open',
  longShort: false,
  pooled: false,
  initialCapital: 10_000,
};

const KEY = 'candle-lab.backtest-form.v1';

export function readBacktestForm(): BacktestForm {
  return readPersisted(KEY, BACKTEST_FORM_DEFAULTS);
}

export function saveBacktestForm(f: BacktestForm): void {
  savePersisted(KEY, f);
}
