// Validation metrics of the sequence models (lstm, transformer) on the real sample: every
// validation row is predicted from its own L bars, the bars before the window lending their
// features (never their labels), so the metrics count exactly the rows that have L unbroken
// bars; rows that have no such window (after a gap in the bars) are left out and metrics.json
// says how many.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Bars } from '../data/bars';
import { DEFAULT_FEATURE_SET } from '../features/registry';
import { disposeModel, restoreModel } from '../models/registry';
import { buildSequences } from '../models/tf/neural/sequences';
import { buildDataset, splitDataset } from '../split';
import { loadSampleBars } from '../test-utils/sample';
import type { TrainRequest } from './request';
import { runTraining, type DatasetRef } from './train-job';

const dataset: DatasetRef = { id: 'sample', revision: null, commit: null, hubUrl: null, files: [] };
const H = 12;
const TINY: Record<string, Record<string, unknown>> = {
  lstm: { epochs: 1, sequence_length: 16, lstm_units: [4], dense_units: [], batch_size: 256 },
  transformer: { epochs: 1, sequence_length: 16, model_dim: 8, heads: 2, ff_units: 8, batch_size: 256 },
};

function slice(b: Bars, n: number): Bars {
  const s = (a: Float64Array) => a.slice(b.time.length - n);
  return {
    ...b,
    time: s(b.time),
    open: s(b.open),
    high: s(b.high),
    low: s(b.low),
    close: s(b.close),
    volume: s(b.volume),
  };
}

function dropBars(b: Bars, at: number, n: number): Bars {
  const s = (a: Float64Array) => Float64Array.from([...a.subarray(0, at), ...a.subarray(at + n)]);
  return {
    ...b,
    time: s(b.time),
    open: s(b.open),
    high: s(b.high),
    low: s(b.low),
    close: s(b.close),
    volume: s(b.volume),
  };
}

/** Validation rows with L unbroken bars in the whole dataset, counted independently of the job. */
function rowsWithFullSequence(bars: Bars, req: TrainRequest, L: number) {
  const ds = buildDataset({
    barsBySymbol: [bars],
    featureSet: DEFAULT_FEATURE_SET,
    label: { kind: 'binary', horizon: H },
  });
  const split = splitDataset(ds, { trainWindow: req.train_window, validWindow: req.valid_window });
  const ends = new Set(buildSequences({ X: ds.X, length: L, time: ds.time }).ends);
  return { valid: split.valid.length, full: Array.from(split.valid).filter((r) => ends.has(r)).length };
}

describe('sequence models are validated on rows with a full window', () => {
  for (const kind of ['lstm', 'transformer'] as const)
    it(`${kind}: every validation row with 16 unbroken bars counts; the rows after a gap are left out and counted`, async () => {
      await tf.setBackend('cpu');
      const req: TrainRequest = {
        dataset: 'sample',
        symbols: ['BTC/USDT'],
        task: 'classification',
        target_horizon: H,
        model: kind,
        train_window: '30d',
        valid_window: '7d',
        seed: 1,
        params: TINY[kind],
        permutation_importance: false,
      };
      const bars = slice(loadSampleBars('BTC/USDT'), 2000);
      // three bars missing inside the validation window: the 15 rows after the gap have no 16
      // unbroken bars and are left out, and only they
      const gapped = dropBars(bars, bars.time.length - 100, 3);
      const want = rowsWithFullSequence(gapped, req, 16);
      expect(want.valid - want.full).toBe(15);
      const s = await runTraining({ request: req, bars: [gapped], dataset, appVersion: 't' });
      // every other validation row counts: the bars before the window give them their 16
      expect(s.metrics.validation.rows).toBe(want.full);
      expect(s.metrics.validation.metrics.rows).toBe(want.full);
      expect(Number.isFinite(s.metrics.validation.metrics.rocAuc)).toBe(true);
      expect(s.metrics.validation.excluded_rows).toBe(15);
      expect(s.metrics.validation.excluded_reason).toMatch(/fewer than 16 unbroken bars/);
    }, 60_000);
});

describe('a saved neural model retrained', () => {
  it('continues from its weights', async () => {
    await tf.setBackend('cpu');
    const req: TrainRequest = {
      dataset: 'sample',
      symbols: ['BTC/USDT'],
      task: 'classification',
      target_horizon: H,
      model: 'transformer',
      train_window: '14d',
      valid_window: '3d',
      seed: 1,
      params: { ...TINY.transformer, epochs: 4, learning_rate: 0.01 },
      permutation_importance: false,
    };
    const bars = [slice(loadSampleBars('BTC/USDT'), 2000)];
    const one = { ...req, params: { ...req.params, epochs: 1 } };
    const first = await runTraining({ request: req, bars, dataset, appVersion: 't' });
    const saved = await restoreModel(first.serialized);
    const again = await runTraining({ request: one, bars, dataset, appVersion: 't', init: saved });
    const scratch = await runTraining({ request: one, bars, dataset, appVersion: 't' });
    disposeModel(saved);
    [first, again, scratch].forEach((r) => disposeModel(r.model));
    const loss = (r: typeof first) => r.metrics.history!.loss as number[];
    // an epoch from the saved weights starts below an epoch from scratch and below the saved run's first
    expect(loss(again)[0]).toBeLessThan(loss(scratch)[0]);
    expect(loss(again)[0]).toBeLessThan(loss(first)[0]);
  }, 120_000);
});
