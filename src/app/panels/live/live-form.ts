/**
 * The Live panel's start form: fields, defaults, persistence, and the live.start request they
 * make, checked (the source by the job's own checkLiveSource): a mistake is an InputError
 * naming the form field. "Promote to live" on a backtest result fills it with that run's model
 * and settings. Access tokens are not part of the form: the token store holds them per hub.
 */
import type { LiveStartRequest } from '../../../../workers/live-api';
import { InputError } from '../../../core/errors';
import { checkLiveSource, type LiveSourceConfig } from '../../../core/live/source-config';
import { parseWindow } from '../../../core/split/windows';
import type { WalkForwardReport } from '../../../core/walkforward/report-type';
import type { WalkForwardRequest } from '../../../core/walkforward/types';
import { readPersisted, savePersisted } from '../../persisted';

export type LiveSourceKind = LiveSourceConfig['kind'];

export interface LiveForm {
  model_id: string;
  symbol: string;
  source_kind: LiveSourceKind;
  /** kline source */
  base_url: string;
  /** dataset source: owner/name, revision (empty: main), refresh interval, hub (empty: Settings') */
  dataset: string;
  revision: string;
  refresh_s: number;
  hub_url: string;
  interval: string;
  train_window: string;
  test_window: string;
  buy_threshold: number;
  sell_threshold: number;
  fees_bps: number;
  slippage_bps: number;
  online: boolean;
  /** neural kinds learning online: revealed labels per fine-tuning step (a promoted run's; default 32) */
  online_batch?: number;
  /** a promoted run's fold settings the form has no field for, passed on as they are */
  run_settings?: RunSettings;
  long_short: boolean;
  fill: 'next_open' | 'close';
  webhook_url: string;
  poll_every_s: number;
}

/** Fold settings a live session follows like its backtest, carried over from a promoted run. */
export type RunSettings = Pick<
  WalkForwardRequest,
  'step' | 'embargo' | 'expanding' | 'warm_start' | 'fine_tune_epochs' | 'strict_thresholds' | 'warmup'
>;

const RUN_SETTING_KEYS = [
  'step',
  'embargo',
  'expanding',
  'warm_start',
  'fine_tune_epochs',
  'strict_thresholds',
  'warmup',
] as const satisfies readonly (keyof RunSettings)[];

/** The run's settings of `RUN_SETTING_KEYS` that it set (undefined ones take the defaults in both). */
export function runSettingsOf(c: { [K in keyof RunSettings]?: RunSettings[K] | null }): RunSettings {
  const out: Record<string, unknown> = {};
  for (const k of RUN_SETTING_KEYS) if (c[k] !== undefined && c[k] !== null) out[k] = c[k];
  return out as RunSettings;
}

/** "step 15d, warm_start false": the carried settings, for the form's note. */
export function describeRunSettings(r: RunSettings | undefined): string {
  return Object.entries(r ?? {})
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

const KEY = 'candle-lab.live-form.v1';

export const LIVE_DEFAULTS: LiveForm = {
  model_id: '',
  symbol: 'BTC/USDT',
  source_kind: 'kline',
  base_url: 'http://127.0.0.1:5175',
  dataset: '',
  revision: '',
  refresh_s: 300,
  hub_url: '',
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

/** The form field an InputError of the request (or of its source) points at. */
export function formFieldOf(field: string | undefined): keyof LiveForm | undefined {
  if (!field) return undefined;
  const name = field.replace(/^source\./, '');
  if (name === 'source') return 'source_kind';
  return name in LIVE_DEFAULTS ? (name as keyof LiveForm) : undefined;
}

function sourceOf(f: LiveForm, settingsHub: string): LiveSourceConfig {
  const interval = f.interval.trim();
  if (f.source_kind === 'hub') {
    const revision = f.revision.trim();
    return {
      kind: 'hub',
      dataset: f.dataset.trim(),
      ...(revision ? { revision } : {}),
      hub_url: (f.hub_url.trim() || settingsHub).replace(/\/+$/, ''),
      interval,
      refresh_s: f.refresh_s,
    };
  }
  return { kind: f.source_kind, base_url: f.base_url.trim(), interval };
}

const check = (ok: boolean, field: keyof LiveForm, message: string) => {
  if (!ok) throw new InputError(field, message);
};

/**
 * The live.start request of a filled form; throws InputError (field: a LiveForm key, or
 * `source.<key>` from checkLiveSource) for a mistake. An empty hub URL means `settingsHub`.
 */
export function liveRequest(f: LiveForm, settingsHub: string): LiveStartRequest {
  check(f.model_id.trim() !== '', 'model_id', 'Choose a saved model.');
  check(/^\S+$/.test(f.symbol.trim()), 'symbol', 'Enter the symbol, e.g. BTC/USDT.');
  const source = sourceOf(f, settingsHub);
  checkLiveSource(source);
  const barMs = parseWindow(f.interval.trim(), 1, 'interval');
  parseWindow(f.train_window, barMs, 'train_window');
  parseWindow(f.test_window, barMs, 'test_window');
  const unit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  check(unit(f.buy_threshold), 'buy_threshold', 'The buy threshold is a probability between 0 and 1.');
  check(unit(f.sell_threshold), 'sell_threshold', 'The sell threshold is a probability between 0 and 1.');
  check(Number.isFinite(f.fees_bps) && f.fees_bps >= 0, 'fees_bps', 'Fees are 0 or more basis points.');
  check(
    Number.isFinite(f.slippage_bps) && f.slippage_bps >= 0,
    'slippage_bps',
    'Slippage is 0 or more basis points.',
  );
  check(
    Number.isFinite(f.poll_every_s) && f.poll_every_s >= 1,
    'poll_every_s',
    'Poll at most once a second.',
  );
  const webhook = f.webhook_url.trim();
  check(
    !webhook || /^https?:\/\/\S+$/.test(webhook),
    'webhook_url',
    'The webhook URL starts with http(s)://.',
  );
  return {
    ...f.run_settings,
    model_id: f.model_id,
    symbol: f.symbol.trim(),
    source,
    train_window: f.train_window,
    test_window: f.test_window,
    buy_threshold: f.buy_threshold,
    sell_threshold: f.sell_threshold,
    fees_bps: f.fees_bps,
    slippage_bps: f.slippage_bps,
    online: f.online,
    ...(f.online && f.online_batch !== undefined ? { online_batch: f.online_batch } : {}),
    long_short: f.long_short,
    fill: f.fill,
    poll_every_s: f.poll_every_s,
    ...(webhook ? { webhook_url: webhook } : {}),
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
    online_batch: c.online_batch ?? undefined,
    run_settings: runSettingsOf(c),
    long_short: c.long_short,
    fill: c.fill,
  };
}

/** Promote to live: store the run's settings as the live form, then open the Live panel. */
export function promoteToLive(report: WalkForwardReport): void {
  saveLiveForm(formFromRun(report));
}
