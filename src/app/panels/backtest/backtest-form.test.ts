/** The Backtest form: the request's own field names, the seed's defaults, persisted over those defaults. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BACKTEST_FORM_DEFAULTS,
  backtestRequest,
  migrateV1,
  readBacktestForm,
  saveBacktestForm,
  type BacktestForm,
} from './backtest-form';
import { saveTrainForm, TRAIN_FORM_DEFAULTS } from '../train/train-form';
import { brokenStorage, memoryStorage } from '../../test-utils/memory-storage';

const KEY = 'candle-lab.backtest-form.v2';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the persisted Backtest form', () => {
  it("starts from the seed's defaults: latest model, 365d/30d windows, 5+5 bps, 0.6/0.4 thresholds", () => {
    vi.stubGlobal('localStorage', memoryStorage());
    expect(readBacktestForm()).toEqual({
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
    });
  });

  it('reads back what was saved, under its own key, apart from the other forms', () => {
    const store = memoryStorage();
    vi.stubGlobal('localStorage', store);
    const saved: BacktestForm = {
      ...BACKTEST_FORM_DEFAULTS,
      model_id: 'gbc-2024-04-18',
      symbols: ['BTC/USDT', 'ETH/USDT'],
      online: true,
      fill: 'close',
      accounting: 'seed',
      pooled: true,
      initial_capital: 2_500,
    };
    saveBacktestForm(saved);
    saveTrainForm({ ...TRAIN_FORM_DEFAULTS, symbols: ['ETH/USDT'] });
    expect([...store.data.keys()].sort()).toEqual([KEY, 'candle-lab.train-form.v2']);
    expect(JSON.parse(store.data.get(KEY)!)).toEqual(saved);
    expect(readBacktestForm()).toEqual(saved);
  });

  it('fills fields an older saved form lacks with their defaults, and keeps the rest', () => {
    const older = { model_id: 'rfc-1', train_window: '180d', fees_bps: 10 };
    vi.stubGlobal('localStorage', memoryStorage({ [KEY]: JSON.stringify(older) }));
    expect(readBacktestForm()).toEqual({ ...BACKTEST_FORM_DEFAULTS, ...older });
  });

  it('carries a form saved by the previous version (camelCase names) over to the request spelling', () => {
    const v1 = {
      modelId: 'rfc-1',
      trainWindow: '180d',
      feesBps: 10,
      longShort: true,
      online: true,
      bogus: 1,
    };
    expect(migrateV1(v1)).toEqual({
      model_id: 'rfc-1',
      train_window: '180d',
      fees_bps: 10,
      long_short: true,
      online: true,
    });
    vi.stubGlobal('localStorage', memoryStorage({ 'candle-lab.backtest-form.v1': JSON.stringify(v1) }));
    expect(readBacktestForm()).toEqual({
      ...BACKTEST_FORM_DEFAULTS,
      model_id: 'rfc-1',
      train_window: '180d',
      fees_bps: 10,
      long_short: true,
      online: true,
    });
  });

  it('works without storage, or with an unreadable saved form', () => {
    vi.stubGlobal('localStorage', memoryStorage({ [KEY]: 'undefined' }));
    expect(readBacktestForm()).toEqual(BACKTEST_FORM_DEFAULTS);
    vi.stubGlobal('localStorage', brokenStorage());
    expect(readBacktestForm()).toEqual(BACKTEST_FORM_DEFAULTS);
    expect(() => saveBacktestForm(BACKTEST_FORM_DEFAULTS)).not.toThrow();
  });

  it('hands out the defaults unchanged, so editing a read form cannot alter them', () => {
    vi.stubGlobal('localStorage', memoryStorage());
    const before = JSON.stringify(BACKTEST_FORM_DEFAULTS);
    const f = readBacktestForm();
    const edited = { ...f, fees_bps: 99, symbols: [...f.symbols, 'BTC/USDT'] };
    saveBacktestForm(edited);
    expect(JSON.stringify(BACKTEST_FORM_DEFAULTS)).toBe(before);
    expect(readBacktestForm()).toEqual(edited);
  });
});

describe('the request the form sends', () => {
  const symbols = ['BTC/USDT', 'ETH/USDT'];
  it('is the form under the same names; no symbol ticked means every symbol; blanks are left out', () => {
    const r = backtestRequest(BACKTEST_FORM_DEFAULTS, { handle: 'ds_1', symbols, onlineCapable: false });
    expect(r).toMatchObject({
      handle: 'ds_1',
      model_id: 'latest',
      symbols,
      train_window: '365d',
      test_window: '30d',
      fees_bps: 5,
      buy_threshold: 0.6,
      fill: 'next_open',
      accounting: 'fills',
    });
    expect(r.step).toBeUndefined();
    expect(r.embargo).toBeUndefined();
  });

  it('asks for online learning (and saving the update) only for a model that can learn online', () => {
    const form = {
      ...BACKTEST_FORM_DEFAULTS,
      online: true,
      save_updates: true,
      symbols: ['ETH/USDT', 'XRP/USDT'],
    };
    const trees = backtestRequest(form, { handle: 'h', symbols, onlineCapable: false });
    expect([trees.online, trees.save_updates]).toEqual([false, false]);
    const sgd = backtestRequest(form, { handle: 'h', symbols, onlineCapable: true });
    expect([sgd.online, sgd.save_updates]).toEqual([true, true]);
    expect(sgd.symbols).toEqual(['ETH/USDT']); // a symbol not in the dataset is dropped
  });
});
