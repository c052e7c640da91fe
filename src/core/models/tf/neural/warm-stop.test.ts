/**
 * Early stopping of a warm-started fit (cpu backend, synthetic data): the starting weights'
 * validation loss is the one to beat, so fine-tuning that only hurts stops after warmPatience
 * epochs and keeps the starting weights, while fine-tuning that helps goes on. With
 * checksPerEpoch the loss is checked after every slice of an epoch and steps count slices.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../util/rng';
import type { Matrix } from '../../types';
import { fitMlp } from './fit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Label = x0 > 0 (flipped: the opposite), two features. */
function task(n: number, seed: number, flip = false) {
  const rng = createRng(seed);
  const a = Float64Array.from({ length: n }, () => rng.normal());
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(a, (v) => (v > 0 !== flip ? 1 : 0));
  const X: Matrix = { rows: n, cols: 2, columns: [a, b] };
  return { X, y };
}

const options = { hiddenUnits: [8], epochs: 12, batchSize: 32, learningRate: 0.02, dropout: 0, seed: 4 };

describe('a warm-started fit stops early against its starting weights', () => {
  it('keeps the starting weights when no epoch beats them, after warmPatience epochs', async () => {
    const train = task(400, 1);
    const valid = task(200, 2);
    const init = (await fitMlp({ task: 'classification', ...train, validation: valid, options })).model;
    // fine-tuning on flipped labels only makes the validation loss worse
    const flipped = task(400, 3, true);
    const warm = await fitMlp({ task: 'classification', ...flipped, validation: valid, options, init });
    expect(warm.report.iterations).toBe(1);
    expect(warm.report.bestEpoch).toBe(0);
    expect(Array.from(warm.model.predict(valid.X).values)).toEqual(Array.from(init.predict(valid.X).values));
    // two epochs of patience: two epochs, still the starting weights
    const patient = await fitMlp({
      task: 'classification',
      ...flipped,
      validation: valid,
      options: { ...options, warmPatience: 2 },
      init,
    });
    expect(patient.report.iterations).toBe(2);
    expect(patient.report.bestEpoch).toBe(0);
    [init, warm.model, patient.model].forEach((m) => m.dispose());
  });

  it('goes on while fine-tuning improves on the starting weights', async () => {
    const train = task(400, 1);
    const valid = task(200, 2);
    const init = (await fitMlp({ task: 'classification', ...train, options: { ...options, epochs: 1 } }))
      .model;
    const warm = await fitMlp({ task: 'classification', ...train, validation: valid, options, init });
    expect(warm.report.bestEpoch).toBeGreaterThan(1);
    expect(warm.report.iterations).toBeGreaterThan(2);
    [init, warm.model].forEach((m) => m.dispose());
  });

  it('checks the validation loss after every slice of an epoch with checksPerEpoch', async () => {
    const train = task(400, 1);
    const valid = task(200, 2);
    const init = (await fitMlp({ task: 'classification', ...train, validation: valid, options })).model;
    // one check an epoch is the plain loop: the same weights as without the setting
    const plain = await fitMlp({ task: 'classification', ...train, validation: valid, options, init });
    const one = await fitMlp({
      task: 'classification',
      ...train,
      validation: valid,
      options,
      init,
      checksPerEpoch: 1,
    });
    expect(one.report.iterations).toBe(plain.report.iterations);
    expect(Array.from(one.model.predict(valid.X).values)).toEqual(
      Array.from(plain.model.predict(valid.X).values),
    );
    // a fine-tune that only hurts gives up after a quarter epoch, keeping the starting weights
    const flipped = task(400, 3, true);
    const progress: number[] = [];
    const quarter = await fitMlp({
      task: 'classification',
      ...flipped,
      validation: valid,
      options,
      init,
      checksPerEpoch: 4,
      onProgress: (p) => progress.push(Number(p.detail?.epoch)),
    });
    expect(progress).toEqual([0.25]);
    expect(quarter.report.iterations).toBe(1);
    expect(quarter.report.bestEpoch).toBe(0);
    expect(quarter.report.history?.loss).toHaveLength(1);
    expect(Array.from(quarter.model.predict(valid.X).values)).toEqual(
      Array.from(init.predict(valid.X).values),
    );
    // 400 rows in batches of 32 = 13 batches: halves of 7 and 6 batches, each checked
    progress.length = 0;
    const halves = await fitMlp({
      task: 'classification',
      ...train,
      validation: valid,
      options: { ...options, epochs: 3, patience: 10 },
      checksPerEpoch: 2,
      onProgress: (p) => progress.push(Number(p.detail?.epoch)),
    });
    expect(progress).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(halves.report.iterations).toBe(6);
    expect(halves.report.history?.loss).toHaveLength(6);
    expect(halves.report.history?.valLoss).toHaveLength(6);
    await expect(fitMlp({ task: 'classification', ...train, options, checksPerEpoch: 0.5 })).rejects.toThrow(
      /checksPerEpoch/,
    );
    [init, plain.model, one.model, quarter.model, halves.model].forEach((m) => m.dispose());
  });
});
