/**
 * The Live panel's start form: fields, defaults, persistence, and the live.start request they
 * make. "Promote to live" on a backtest result fills it with that run's model and settings.
 */
import type { LiveStartRequest } from '../../../../workers/live-api';
import type { WalkForwardReport } from '../../../core/walkforward/report-type';
import { readPersisted, savePersisted } from '../../persisted';

export interface LiveForm {
  model_id: string;
  symbol: string;
  base_url: string;
  interval: string;
  train_window: string;
  test_window: string;
  buy_threshold: number;
  sell_threshold: number;
  fees_bps: number;
  slippage_bps: number;
  online: boolean;
  long_short: boolean;
  fill: 'next_open' | 'close';
  webhook_url: string;
  poll_every_s: number;
}

const KEY = 'candle-lab.live-form.v1';

export const LIVE_DEFAULTS: LiveForm = {
  model_id: '',
  symbol: 'BTC/USDT',
  base_url: 'http://127.0.0.1:5175',
  interval: '1h',
  train_window: '365d',
  test_window: '30d',
  buy_threshold: 0.6,
  sell_threshold: 0.4,
  fees_bps: 5,
  slippage_bps: 5,
  online: false,
  long_short: false,
  fill: 'next_open',
  webhook_url: '',
  poll_every_s: 60,
};

export const readLiveForm = () => readPersisted(KEY, LIVE_DEFAULTS);
export const saveLiveForm = (f: LiveForm) => savePersisted(KEY, f);

export function liveRequest(f: LiveForm): LiveStartRequest {
  return {
    model_id: f.model_id,
    symbol: f.symbol.trim(),
    source: { kind: 'kline', base_url: f.base_url.trim(), interval: f.interval },
    train_window: f.train_window,
    test_window: f.test_window,
    buy_threshold: f.buy_threshold,
    sell_threshold: f.sell_threshold,
    fees_bps: f.fees_bps,
    slippage_bps: f.slippage_bps,
    online: f.online,
    long_short: f.long_short,
    fill: f.fill,
    poll_every_s: f.poll_every_s,
    ...(f.webhook_url.trim() ? { webhook_url: f.webhook_url.trim() } : {}),
  };
}

/** A backtest run's model and settings as the live form (the source stays the user's). */
export function formFromRun(report: WalkForwardReport, symbol?: string): LiveForm {
  const c = report.config;
  const saved = readLiveForm();
  return {
    ...saved,
    model_id: c.model.model_id ?? saved.model_id,
    symbol: symbol ?? c.symbols[0] ?? saved.symbol,
    train_window: String(c.train_window),
    test_window: String(c.test_window),
    buy_threshold: c.buy_threshold ?? saved.buy_threshold,
    sell_threshold: c.sell_threshold ?? saved.sell_threshold,
    fees_bps: c.fees_bps ?? saved.fees_bps,
    slippage_bps: c.slippage_bps ?? saved.slippage_bps,
    online: c.online,
    long_short: c.long_short,
    fill: c.fill,
  };
}

/** Promote to live: store the run's settings as the live form, then open the Live panel. */
export function promoteToLive(report: WalkForwardReport): void {
  saveLiveForm(formFromRun(report));
}
