/** The Optimize form: persisted over its defaults, and translated into the worker's request. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FIELDS_IN_FORM,
  OBJECTIVE_LABELS,
  OPTIMIZE_FORM_DEFAULTS,
  constraintsOf,
  migrateV1,
  readOptimizeForm,
  requestFieldOf,
  requestOf,
  saveOptimizeForm,
  type OptimizeForm,
} from './optimize-form';
import { InputError } from '../../../core/errors';
import { SIGNAL_NAMES } from '../../../core/optimize/signals';
import { brokenStorage, memoryStorage } from '../../test-utils/memory-storage';

const KEY = 'candle-lab.optimize-form.v2';
const V1_KEY = 'candle-lab.optimize-form.v1';
/** what `run` throws, as the InputError's field and message */
function thrown(run: () => unknown): { field: string | undefined; message: string } | null {
  try {
    run();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return { field: (e as InputError).field, message: (e as InputError).message };
  }
}
const form = (patch: Partial<OptimizeForm> = {}): OptimizeForm => ({ ...OPTIMIZE_FORM_DEFAULTS, ...patch });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the persisted Optimize form', () => {
  it("starts from the seed's example: four signals, Sharpe, drawdown 20 %, win rate 50 %", () => {
    vi.stubGlobal('localStorage', memoryStorage());
    const f = readOptimizeForm();
    expect(f).toEqual(OPTIMIZE_FORM_DEFAULTS);
    expect(f.signal_names).toEqual([...SIGNAL_NAMES]);
    expect(f).toMatchObject({ objective: 'sharpe', max_drawdown_pct: '20', min_win_rate_pct: '50' });
  });

  it('reads back what was saved, and fills fields an older version lacks', () => {
    const store = memoryStorage();
    vi.stubGlobal('localStorage', store);
    const saved = form({ symbol: 'ETH/USDT', signal_names: ['rsi'], objective: 'calmar', long_short: true });
    saveOptimizeForm(saved);
    expect([...store.data.keys()]).toEqual([KEY]);
    expect(readOptimizeForm()).toEqual(saved);

    const { long_short: _ls, max_folds: _mf, ...older } = saved;
    store.data.set(KEY, JSON.stringify(older));
    expect(readOptimizeForm()).toEqual({ ...saved, long_short: false, max_folds: 4 });
  });

  it("reads a form saved by v1 (camelCase) once, in today's spelling, until a v2 form is saved", () => {
    const v1 = {
      symbol: 'ETH/USDT',
      signals: ['rsi', 'volume'],
      objective: 'sortino',
      maxDrawdownPct: '35',
      minWinRatePct: '',
      minTrades: '5',
      population: 20,
      generations: 10,
      seed: 7,
      trainWindow: '180d',
      testWindow: '30d',
      maxFolds: 0,
      feesBps: 2,
      slippageBps: 1,
      optimizeThresholds: false,
      buyThreshold: 0.2,
      sellThreshold: -0.1,
      longShort: true,
      bogus: 1,
    };
    const migrated = {
      symbol: 'ETH/USDT',
      signal_names: ['rsi', 'volume'],
      objective: 'sortino',
      max_drawdown_pct: '35',
      min_win_rate_pct: '',
      min_trades: '5',
      population: 20,
      generations: 10,
      seed: 7,
      train_window: '180d',
      test_window: '30d',
      max_folds: 0,
      fees_bps: 2,
      slippage_bps: 1,
      optimize_thresholds: false,
      buy_threshold: 0.2,
      sell_threshold: -0.1,
      long_short: true,
    } satisfies Partial<OptimizeForm>;
    expect(migrateV1(v1)).toEqual(migrated);
    const store = memoryStorage({ [V1_KEY]: JSON.stringify(v1) });
    vi.stubGlobal('localStorage', store);
    // v1 had no model signal: the fields added since come from the defaults
    const read: OptimizeForm = { ...migrated, use_model: false, model_id: 'latest' };
    expect(readOptimizeForm()).toEqual(read);

    // a v1 form lacking later fields gets their defaults
    const { longShort: _ls, maxFolds: _mf, ...olderV1 } = v1;
    store.data.set(V1_KEY, JSON.stringify(olderV1));
    expect(readOptimizeForm()).toEqual({ ...read, long_short: false, max_folds: 4 });

    // once the form is saved under v2, the v1 values are not read again
    saveOptimizeForm(form({ seed: 3 }));
    expect(readOptimizeForm()).toEqual(form({ seed: 3 }));
  });

  it('starts from the defaults when the v1 form cannot be read', () => {
    vi.stubGlobal('localStorage', memoryStorage({ [V1_KEY]: '{not json' }));
    expect(readOptimizeForm()).toEqual(OPTIMIZE_FORM_DEFAULTS);
    vi.stubGlobal('localStorage', memoryStorage({ [V1_KEY]: '"text"' }));
    expect(readOptimizeForm()).toEqual(OPTIMIZE_FORM_DEFAULTS);
  });

  it('works without storage', () => {
    vi.stubGlobal('localStorage', brokenStorage());
    expect(readOptimizeForm()).toEqual(OPTIMIZE_FORM_DEFAULTS);
    expect(() => saveOptimizeForm(form({ seed: 1 }))).not.toThrow();
  });

  it('labels every objective', () => {
    expect(OBJECTIVE_LABELS).toEqual({
      sharpe: 'Sharpe ratio',
      sortino: 'Sortino ratio',
      calmar: 'Calmar ratio',
      total_return: 'Total return %',
    });
  });
});

describe('constraintsOf', () => {
  it("gives the seed's constraint form: drawdown a negative fraction, win rate a fraction", () => {
    expect(constraintsOf(form())).toEqual({ max_drawdown: -0.2, min_win_rate: 0.5, min_trades: 10 });
    expect(
      constraintsOf(form({ max_drawdown_pct: ' 35.5 ', min_win_rate_pct: '100', min_trades: '1' })),
    ).toEqual({
      max_drawdown: -0.355,
      min_win_rate: 1,
      min_trades: 1,
    });
  });

  it('leaves out a blank constraint', () => {
    expect(constraintsOf(form({ max_drawdown_pct: '', min_win_rate_pct: '  ', min_trades: '' }))).toEqual({});
    expect(constraintsOf(form({ max_drawdown_pct: '', min_trades: '' }))).toEqual({ min_win_rate: 0.5 });
  });

  it('says what a bad value should be, naming the constraint', () => {
    const blank = ' (or leave it blank for no constraint).';
    for (const v of ['0', '-20', '101', 'twenty', 'Infinity'])
      expect(
        thrown(() => constraintsOf(form({ max_drawdown_pct: v }))),
        v,
      ).toEqual({
        field: 'max_drawdown',
        message: 'Max drawdown: a percentage between 0 and 100, e.g. 20' + blank,
      });
    expect(thrown(() => constraintsOf(form({ min_win_rate_pct: '0' })))).toEqual({
      field: 'min_win_rate',
      message: 'Min win rate: a percentage between 0 and 100, e.g. 50' + blank,
    });
    for (const v of ['0', '2.5', '-3', 'ten'])
      expect(
        thrown(() => constraintsOf(form({ min_trades: v }))),
        v,
      ).toEqual({
        field: 'min_trades',
        message: 'Min trades: a whole number of trades, e.g. 10' + blank,
      });
  });
});

describe('requestOf', () => {
  it('translates the defaults into the worker request, thresholds left to the optimiser', () => {
    expect(requestOf(form({ train_window: ' 365d ', test_window: '90d ' }), 'BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      signal_names: ['rsi', 'macd', 'ema_cross', 'volume'],
      objective: 'sharpe',
      constraints: { max_drawdown: -0.2, min_win_rate: 0.5, min_trades: 10 },
      population: 50,
      generations: 30,
      seed: 42,
      optimize_thresholds: true,
      buy_threshold: undefined,
      sell_threshold: undefined,
      long_short: false,
      fees_bps: 10,
      slippage_bps: 5,
      train_window: '365d',
      test_window: '90d',
      max_folds: 4,
    });
  });

  it("asks for the model's signal only when the model box is ticked, naming the chosen model", () => {
    expect(requestOf(form({ model_id: 'gbc_1' }), 'BTC/USDT')).not.toHaveProperty('model_id');
    expect(requestOf(form({ use_model: true, model_id: 'gbc_1' }), 'BTC/USDT')).toMatchObject({
      signal_names: ['rsi', 'macd', 'ema_cross', 'volume'],
      model_id: 'gbc_1',
    });
    expect(requestOf(form({ use_model: true, model_id: ' ' }), 'BTC/USDT').model_id).toBe('latest');
    // one built-in signal and the model
    expect(requestOf(form({ use_model: true, signal_names: ['rsi'] }), 'BTC/USDT').model_id).toBe('latest');
    expect(FIELDS_IN_FORM.has('model_id')).toBe(true);
    expect(requestFieldOf('model_id')).toBe('model_id');
  });

  it('passes fixed thresholds when they are not optimised, and all folds for 0', () => {
    const r = requestOf(
      form({
        optimize_thresholds: false,
        buy_threshold: 0.1,
        sell_threshold: -0.2,
        max_folds: 0,
        long_short: true,
      }),
      'ETH/USDT',
    );
    expect(r).toMatchObject({
      optimize_thresholds: false,
      buy_threshold: 0.1,
      sell_threshold: -0.2,
      long_short: true,
      max_folds: undefined,
    });
    // equal thresholds are allowed
    expect(() =>
      requestOf(form({ optimize_thresholds: false, buy_threshold: 0, sell_threshold: 0 }), 'ETH/USDT'),
    ).not.toThrow();
  });

  it('refuses what the optimiser cannot run, with a message for the field it names', () => {
    const bad: [Partial<OptimizeForm>, string, string][] = [
      [{ signal_names: [] }, 'signal_names', 'Choose at least one signal.'],
      [{ population: 3 }, 'population', 'Population must be a whole number of at least 4.'],
      [{ population: 10.5 }, 'population', 'Population must be a whole number of at least 4.'],
      [{ generations: 0 }, 'generations', 'Generations must be a whole number of at least 1.'],
      [{ seed: Number.NaN }, 'seed', 'Seed must be a whole number.'],
      [{ fees_bps: -1 }, 'fees_bps', 'Fees and slippage must be 0 or more.'],
      [{ slippage_bps: Number.NaN }, 'slippage_bps', 'Fees and slippage must be 0 or more.'],
      [
        { optimize_thresholds: false, buy_threshold: -0.1, sell_threshold: 0.1 },
        'sell_threshold',
        'The buy threshold must be at least the sell threshold.',
      ],
      [
        { optimize_thresholds: false, buy_threshold: 1.5 },
        'buy_threshold',
        'The buy threshold must be a score between -1 and 1.',
      ],
      [{ min_trades: 'x' }, 'min_trades', 'Min trades: a whole number of trades, e.g. 10'],
      [{ max_folds: -1 }, 'max_folds', 'Latest folds must be a whole number, 0 for all.'],
      [{ train_window: 'abc' }, 'train_window', 'Train window: cannot read "abc"'],
      [{ train_window: '  ' }, 'train_window', 'Train window: use a length such as 365d'],
      [{ test_window: '30 days' }, 'test_window', 'Test window: cannot read "30 days"'],
      [{ test_window: '0' }, 'test_window', 'Test window: cannot read "0"'],
    ];
    for (const [patch, field, message] of bad) {
      const t = thrown(() => requestOf(form(patch), 'BTC/USDT'));
      expect(t?.field, JSON.stringify(patch)).toBe(field);
      expect(t?.message, JSON.stringify(patch)).toContain(message);
    }
    // optimised thresholds ignore the fixed ones, crossed or not
    expect(() =>
      requestOf(form({ optimize_thresholds: true, buy_threshold: -1, sell_threshold: 1 }), 'BTC/USDT'),
    ).not.toThrow();
  });

  it('accepts every window the worker reads: a duration or a bar count', () => {
    for (const w of ['365d', '12h', '4w', '90m', '3600s', '8760', ' 30D '])
      expect(requestOf(form({ train_window: w }), 'BTC/USDT').train_window, w).toBe(w.trim());
  });
});

describe('requestFieldOf', () => {
  it('names the request field a form field sets: its own name, the constraint for a percentage', () => {
    expect(requestFieldOf('train_window')).toBe('train_window');
    expect(requestFieldOf('min_trades')).toBe('min_trades');
    expect(requestFieldOf('max_drawdown_pct')).toBe('max_drawdown');
    expect(requestFieldOf('min_win_rate_pct')).toBe('min_win_rate');
  });
});
