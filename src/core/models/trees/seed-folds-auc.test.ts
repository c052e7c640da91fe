// gbc's out-of-sample AUC on several of the seed's walk-forward folds of the real sample
// (BTC/USDT hourly, horizon 12, the seed's 19 features, default params), pinned to the values the
// learner gave before its hot loops were reworked for speed. A faster histogram kernel, bin layout
// or walk-forward path must leave each within 0.002 (the float summation order may change, the
// trees may not).
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../../test-utils/sample';
import { seedFold, type SeedFold } from '../../split';
import { rocAuc } from '../metrics';
import { fitGbc } from './index';

/** fold -> validation AUC of fitGbc({ X: Xtrain, y: ytrain }) with default params */
const PINNED_AUC: Record<number, number> = {
  0: 0.547135,
  1: 0.590777,
  5: 0.481966,
  10: 0.496296,
  20: 0.593936,
  39: 0.605011,
};

describe('gbc AUC on the seed folds stays where it was', () => {
  const bars = loadSampleBars('BTC/USDT');
  let dataset: SeedFold['dataset'] | undefined;
  for (const [f, pinned] of Object.entries(PINNED_AUC)) {
    it(`fold ${f}: AUC ${pinned} +- 0.002`, async () => {
      const fold = seedFold({ bars, fold: Number(f), dataset });
      dataset = fold.dataset;
      expect(fold.Xtrain.rows).toBe(8748);
      const { model } = await fitGbc({ X: fold.Xtrain, y: fold.ytrain });
      const auc = rocAuc(fold.yvalid, model.predict(fold.Xvalid));
      expect(Math.abs(auc - pinned)).toBeLessThanOrEqual(0.002);
    });
  }
});
