// A walk-forward backtest of an ensemble (2 folds, tiny members, stacking): every fold refits
// every member on its own training rows, and cutting the data after bar t changes no fold plan,
// signal or fold metric at or before t (the truncation pattern of walkforward/truncation.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../../data/bars';
import { runWalkForward } from '../../walkforward/run';
import { sampleSlice, smallGbcRequest } from '../../walkforward/test-utils/fixtures';
import type { WalkForwardRequest, WalkForwardResult } from '../../walkforward/types';

const N = 3300;
const request = (): WalkForwardRequest =>
  smallGbcRequest({
    model: {
      model_id: 'ensemble_classification_20250101_000000',
      kind: 'ensemble',
      task: 'classification',
      target_horizon: 12,
      params: {
        members: [
          { kind: 'gbc', params: { n_estimators: 5, max_depth: 2 }, seed: 1 },
          { kind: 'rfc', params: { n_estimators: 4, max_depth: 3 }, seed: 2 },
        ],
        combiner: 'stacking',
        stack_folds: 2,
        purge_bars: 12,
      },
    },
  });

describe('walk-forward of an ensemble', () => {
  let bars: Bars;
  let full: WalkForwardResult;
  beforeAll(async () => {
    bars = sampleSlice('BTC/USDT', N);
    full = await runWalkForward({ request: request(), bars: [bars] });
  }, 30_000);

  it('runs its folds with the ensemble refitted in each', () => {
    expect(full.plan.symbols[0].folds).toHaveLength(2);
    expect(full.folds.every((f) => f.model_metrics.rows > 0)).toBe(true);
  });

  it('is blind to the bars after a cut', async () => {
    const cut = 2900;
    const part = await runWalkForward({ request: request(), bars: [sliceBars(bars, 0, cut)] });
    const pf = part.plan.symbols[0].folds;
    expect(pf.length).toBeGreaterThan(0);
    expect(pf).toEqual(full.plan.symbols[0].folds.slice(0, pf.length));
    const end = pf[pf.length - 1].test_bars[1];
    expect(end).toBeLessThanOrEqual(cut - 12);
    const a = part.per_symbol[0];
    const b = full.per_symbol[0];
    expect(Array.from(a.signal.subarray(0, end))).toEqual(Array.from(b.signal.subarray(0, end)));
    expect(Array.from(a.target.subarray(0, end))).toEqual(Array.from(b.target.subarray(0, end)));
    expect(part.folds.map((f) => f.model_metrics)).toEqual(
      full.folds.slice(0, pf.length).map((f) => f.model_metrics),
    );
  }, 30_000);
});
