// The Live start form's check: a filled form becomes the live.start request (a dataset source
// with the Settings hub when its hub URL is empty, no token anywhere in it); each mistake is an
// InputError whose field the form can point at.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors';
import {
  describeRunSettings,
  formFieldOf,
  LIVE_DEFAULTS,
  liveRequest,
  runSettingsOf,
  type LiveForm,
} from './live-form';

const SETTINGS_HUB = 'https://huggingface.co';
const form = (over: Partial<LiveForm>): LiveForm => ({
  ...LIVE_DEFAULTS,
  model_id: 'gbc_classification_20250101_000000',
  ...over,
});
const hubForm = (over: Partial<LiveForm> = {}) =>
  form({ source_kind: 'hub', dataset: ' lab/binance-ohlcv-1h-btc-eth ', refresh_s: 600, ...over });

function fieldOf(f: LiveForm): keyof LiveForm | undefined {
  try {
    liveRequest(f, SETTINGS_HUB);
  } catch (e) {
    if (e instanceof InputError) return formFieldOf(e.field);
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('liveRequest', () => {
  it('makes a kline source from the kline fields', () => {
    const req = liveRequest(form({ base_url: ' http://127.0.0.1:5175 ' }), SETTINGS_HUB);
    expect(req.source).toEqual({ kind: 'kline', base_url: 'http://127.0.0.1:5175', interval: '1h' });
  });

  it('makes a dataset source: trimmed id, main when no revision, the Settings hub when none is given', () => {
    const req = liveRequest(hubForm(), SETTINGS_HUB);
    expect(req.source).toEqual({
      kind: 'hub',
      dataset: 'lab/binance-ohlcv-1h-btc-eth',
      hub_url: SETTINGS_HUB,
      interval: '1h',
      refresh_s: 600,
    });
    const own = liveRequest(hubForm({ hub_url: 'http://127.0.0.1:5174/', revision: ' v2 ' }), SETTINGS_HUB);
    expect(own.source).toMatchObject({ hub_url: 'http://127.0.0.1:5174', revision: 'v2' });
    expect(JSON.stringify(own)).not.toMatch(/token|hf_/);
  });

  it.each<[string, Partial<LiveForm>, keyof LiveForm]>([
    ['no model', { model_id: '' }, 'model_id'],
    ['no symbol', { symbol: ' ' }, 'symbol'],
    ['a dataset id without owner', { dataset: 'binance' }, 'dataset'],
    ['a hub URL without scheme', { hub_url: 'huggingface.co' }, 'hub_url'],
    ['a revision with a space', { revision: 'my branch' }, 'revision'],
    ['a refresh under a second', { refresh_s: 0 }, 'refresh_s'],
    ['an unreadable interval', { interval: 'hourly' }, 'interval'],
    ['a train window that is no whole number of bars', { train_window: '90m' }, 'train_window'],
    ['a threshold above 1', { buy_threshold: 1.5 }, 'buy_threshold'],
    ['negative fees', { fees_bps: -1 }, 'fees_bps'],
    ['a webhook that is not http(s)', { webhook_url: 'mailto:x' }, 'webhook_url'],
  ])('refuses a dataset source form with %s', (_name, over, field) => {
    expect(fieldOf(hubForm(over))).toBe(field);
  });

  it("passes a promoted run's online batch size only with online learning on", () => {
    expect(liveRequest(form({ online: true, online_batch: 8 }), SETTINGS_HUB).online_batch).toBe(8);
    expect(liveRequest(form({ online: false, online_batch: 8 }), SETTINGS_HUB)).not.toHaveProperty(
      'online_batch',
    );
    expect(liveRequest(form({ online: true }), SETTINGS_HUB)).not.toHaveProperty('online_batch');
  });

  it("passes a promoted run's fold settings the form has no field for, and only those it set", () => {
    const run = {
      symbols: ['BTC/USDT'],
      model: { model_id: 'm', kind: 'mlp' as const, task: 'classification' as const, target_horizon: 12 },
      train_window: '365d',
      test_window: '30d',
      step: '15d',
      embargo: 3,
      warm_start: false,
      fine_tune_epochs: 2,
      expanding: undefined,
      fees_bps: 7,
    };
    const carried = runSettingsOf(run);
    expect(carried).toEqual({ step: '15d', embargo: 3, warm_start: false, fine_tune_epochs: 2 });
    const req = liveRequest(form({ run_settings: carried }), SETTINGS_HUB);
    expect(req).toMatchObject({ step: '15d', embargo: 3, warm_start: false, fine_tune_epochs: 2 });
    expect(req).not.toHaveProperty('expanding');
    expect(describeRunSettings(carried)).toBe('step 15d, embargo 3, warm_start false, fine_tune_epochs 2');
    expect(liveRequest(form({}), SETTINGS_HUB)).not.toHaveProperty('step');
  });

  it('refuses a kline URL that is not http(s)', () => {
    expect(fieldOf(form({ base_url: '127.0.0.1:5175' }))).toBe('base_url');
  });
});
