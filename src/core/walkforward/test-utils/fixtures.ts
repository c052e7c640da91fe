/**
 * Test fixtures of the walk-forward tests: short slices of the real sample and small, fast
 * requests (few folds, few trees) where a rule does not need the full seed scenario.
 */
import { sliceBars, type Bars } from '../../data/bars';
import { loadSampleBars } from '../../test-utils/sample';
import type { WalkForwardRequest } from '../types';

/** The first `n` real hourly bars of a sample symbol. */
export function sampleSlice(symbol: 'BTC/USDT' | 'ETH/USDT', n: number, from = 0): Bars {
  return sliceBars(loadSampleBars(symbol), from, from + n);
}

/** gbc with 10 shallow trees, 2,000-bar training and 500-bar test windows, h = 12. */
export function smallGbcRequest(over: Partial<WalkForwardRequest> = {}): WalkForwardRequest {
  return {
    model: {
      model_id: 'gbc_classification_20250101_000000',
      kind: 'gbc',
      task: 'classification',
      target_horizon: 12,
      params: { n_estimators: 10, max_depth: 2 },
    },
    symbols: ['BTC/USDT'],
    train_window: '2000',
    test_window: '500',
    ...over,
  };
}

/** sgdc (online-capable), few epochs, same windows. */
export function smallSgdcRequest(over: Partial<WalkForwardRequest> = {}): WalkForwardRequest {
  return {
    ...smallGbcRequest(),
    model: {
      model_id: 'sgdc_classification_20250101_000000',
      kind: 'sgdc',
      task: 'classification',
      target_horizon: 12,
      params: { max_iter: 5, tol: null },
    },
    online: true,
    ...over,
  };
}
