import { describe, expect, it } from 'vitest';
import { OPTIONAL_DIMENSIONS } from '../../../core/tune/space';
import { spaceOf, TUNE_FORM_DEFAULTS, tuneRequest } from './tune-form';

describe('the Tune form', () => {
  it('builds the request with its own field names; blanks are left out', () => {
    const r = tuneRequest(
      { ...TUNE_FORM_DEFAULTS, symbols: ['ETH/USDT', 'GONE/USDT'] },
      { handle: 'h1', symbols: ['BTC/USDT', 'ETH/USDT'] },
    );
    expect(r).toMatchObject({
      handle: 'h1',
      symbols: ['ETH/USDT'],
      model: 'gbc',
      sampler: 'tpe',
      pruner: 'asha',
      trials: 30,
      eval_start: null,
      constraints: {},
    });
    expect('max_folds' in r).toBe(false);
    const withLimits = tuneRequest(
      {
        ...TUNE_FORM_DEFAULTS,
        max_folds: '8',
        eval_start: '2023-01-01',
        max_drawdown: '-0.2',
        min_trades: '10',
      },
      { handle: 'h', symbols: ['BTC/USDT'] },
    );
    expect(withLimits).toMatchObject({
      symbols: ['BTC/USDT'],
      max_folds: 8,
      eval_start: '2023-01-01',
      constraints: { max_drawdown: -0.2, min_trades: 10 },
    });
  });
  it('adds the label horizon and thresholds to the space only when asked', () => {
    expect(Object.keys(spaceOf(TUNE_FORM_DEFAULTS))).not.toContain('target_horizon');
    const s = spaceOf({ ...TUNE_FORM_DEFAULTS, tune_horizon: true, tune_thresholds: true });
    expect(s.target_horizon).toEqual(OPTIONAL_DIMENSIONS.target_horizon);
    expect(Object.keys(s)).toEqual([
      ...Object.keys(TUNE_FORM_DEFAULTS.space),
      'target_horizon',
      'buy_threshold',
      'sell_threshold',
    ]);
  });
});
