/**
 * The seed's walk-forward folds, reproduced row for row, so that model tests can compare
 * against scikit-learn on exactly the rows seed_reference.py uses:
 *   seed warm-up (first row where all 19 features are non-NaN: bar 24 on the sample),
 *   binary label, h = 12, fold k trains on bars [s, s + 8760 - 12) and validates on
 *   [s + 8760, s + 8760 + 720), s = 24 + 720 k; StandardScaler fitted on training rows.
 * Golden fingerprints of fold 0 (the seed's first fold) and scikit-learn's
 * GradientBoostingClassifier AUC on it: ../features/golden/seed_fold1_btc.json.
 */
import type { Bars } from '../data/bars';
import type { Matrix } from '../models/types';
import { buildDataset, type Dataset } from './dataset';
import { takeValues } from './rows';
import { fitScaler, transform, type Scaler } from './scaler';
import { splitDataset } from './split-dataset';
import type { TrainValidSplit } from './train-valid';
import { DataError } from '../errors';

export interface SeedFoldOptions {
  /** one symbol's bars, e.g. loadSampleBars('BTC/USDT') in tests */
  bars: Bars;
  /** 0-based fold number (default 0, the seed's first fold) */
  fold?: number;
  horizon?: number;
  trainBars?: number;
  validBars?: number;
  /** reuse a dataset already built with buildSeedDataset(bars, horizon) */
  dataset?: Dataset;
}

export interface SeedFold {
  dataset: Dataset;
  split: TrainValidSplit;
  /** fitted on the training rows only */
  scaler: Scaler;
  /** scaled features, as the seed passes them to scikit-learn */
  Xtrain: Matrix;
  ytrain: Float64Array;
  Xvalid: Matrix;
  yvalid: Float64Array;
}

/** The seed's dataset: its 19 features, its warm-up and its binary label. */
export function buildSeedDataset(bars: Bars, horizon = 12): Dataset {
  return buildDataset({ barsBySymbol: [bars], label: { kind: 'binary', horizon }, warmup: 'seed' });
}

/**
 * Bar indices s at which the seed's walk-forward folds start, as seed_reference.py loops:
 * `range(start, end - train - test + 1, test)` with end = last labelled bar + 1.
 */
export function seedFoldStarts(o: { dataset: Dataset; trainBars?: number; validBars?: number }): number[] {
  const trainBars = o.trainBars ?? 8760;
  const validBars = o.validBars ?? 720;
  const ps = o.dataset.perSymbol[0];
  const start = o.dataset.barIndex[ps.rowStart];
  const end = o.dataset.barIndex[ps.rowEnd - 1] + 1;
  const starts: number[] = [];
  for (let s = start; s < end - trainBars - validBars + 1; s += validBars) starts.push(s);
  return starts;
}

/** Fold `fold` of the seed's walk-forward, scaled as the seed scales it. */
export function seedFold(o: SeedFoldOptions): SeedFold {
  const horizon = o.horizon ?? 12;
  const trainBars = o.trainBars ?? 8760;
  const validBars = o.validBars ?? 720;
  const fold = o.fold ?? 0;
  const dataset = o.dataset ?? buildSeedDataset(o.bars, horizon);
  const first = dataset.perSymbol[0].warmup + fold * validBars;
  if (first >= o.bars.time.length)
    throw new DataError('too-few-rows', `fold ${fold} starts past the end of the series`);
  const split = splitDataset(dataset, {
    trainWindow: trainBars,
    validWindow: validBars,
    align: 'start',
    start: o.bars.time[first],
  });
  if (split.valid.length < validBars)
    throw new DataError('too-few-rows', `fold ${fold} has only ${split.valid.length} validation rows`);
  const scaler = fitScaler(dataset.X, split.train, dataset.featureNames);
  return {
    dataset,
    split,
    scaler,
    Xtrain: transform(dataset.X, scaler, split.train),
    ytrain: takeValues(dataset.y, split.train),
    Xvalid: transform(dataset.X, scaler, split.valid),
    yvalid: takeValues(dataset.y, split.valid),
  };
}
