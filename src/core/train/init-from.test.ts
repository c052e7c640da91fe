// Retraining a saved model from its weights through the training job (Node, tfjs cpu,
// fake-indexeddb, the real sample): 0 epochs reproduces the saved model's predictions exactly,
// one epoch starts where the saved model's training ended (not where a fresh network starts),
// and a saved model of another kind, feature count or width is refused naming the difference.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../errors';
import { runJob, testEnv } from '../jobs/test-utils/env';
import { runTrainJob, type TrainJobRequest } from '../jobs/train';
import { JobRunner } from '../jobs/runner';
import { disposeModel, restoreModel } from '../models/registry';
import { fitMlp } from '../models/tf';
import type { Matrix } from '../models/types';
import { getModelRecord, saveModel, serializedOf } from '../store/models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const request = (handle: string, over: Partial<TrainJobRequest> = {}): TrainJobRequest => ({
  handle,
  dataset: 'sample/binance-ohlcv-1h-btc-eth',
  symbols: ['BTC/USDT'],
  task: 'classification',
  target_horizon: 12,
  model: 'mlp',
  train_window: '60d',
  valid_window: '10d',
  params: { hidden_units: [16], epochs: 8, learning_rate: 0.01, batch_size: 128, patience: 8, dropout: 0 },
  seed: 3,
  permutation_importance: false,
  ...over,
});

function noise(rows: number, cols: number): Matrix {
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return {
    rows,
    cols,
    columns: Array.from({ length: cols }, () => Float64Array.from({ length: rows }, rnd)),
  };
}

describe('retraining a saved model from its weights (init_from_model)', () => {
  const { env, handle } = testEnv();
  const runner = new JobRunner();
  const train = (id: string, req: TrainJobRequest) => runJob(runner, id, (ctx) => runTrainJob(req, env, ctx));

  it('with 0 epochs predicts exactly as the saved model; one epoch starts from its loss', async () => {
    const saved = await train('saved', request(handle));
    const again = await train(
      'zero',
      request(handle, { init_from_model: saved.model_id, params: { epochs: 0 } }),
    );
    expect(again.metrics.parent_model_id).toBe(saved.model_id);
    // the saved model's widths filled the request's blanks
    expect(again.metrics.config.params).toMatchObject({ hidden_units: [16], epochs: 0 });
    const a = await restoreModel(serializedOf(await getModelRecord(env.db, saved.model_id)));
    const b = await restoreModel(serializedOf(await getModelRecord(env.db, again.model_id)));
    const X = noise(50, saved.metrics.features.names.length);
    expect(Array.from(b.predict(X).values)).toEqual(Array.from(a.predict(X).values));
    expect(again.metrics.validation.metrics).toEqual(saved.metrics.validation.metrics);
    [a, b].forEach(disposeModel);

    const one = { epochs: 1, learning_rate: 0.01, batch_size: 128 };
    const warm = await train('warm', request(handle, { init_from_model: saved.model_id, params: one }));
    const fresh = await train(
      'fresh',
      request(handle, { params: { hidden_units: [16], dropout: 0, ...one } }),
    );
    const loss = (r: typeof saved) => r.metrics.history!.loss as number[];
    // the saved weights are those of its best validation epoch
    const valLoss = saved.metrics.history!.valLoss as number[];
    const savedBest = loss(saved)[valLoss.indexOf(Math.min(...valLoss))];
    const fromSaved = Math.abs(loss(warm)[0] - savedBest);
    const fromFresh = Math.abs(loss(fresh)[0] - savedBest);
    expect(fromSaved).toBeLessThan(fromFresh / 2);
    expect(loss(warm)[0]).toBeLessThan(loss(fresh)[0]);
  }, 60_000);

  it('refuses a saved model of another kind, feature count or width, saying what differs', async () => {
    const mlp = await train('m', request(handle, { params: { hidden_units: [8], epochs: 1 } }));
    const refusal = async (req: TrainJobRequest) => {
      const e = await train('r', req).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('init_from_model');
      return (e as InputError).message;
    };
    expect(
      await refusal(request(handle, { model: 'lstm', init_from_model: mlp.model_id, params: { epochs: 1 } })),
    ).toMatch(/is a mlp model and this request trains a lstm/);
    expect(
      await refusal(
        request(handle, { init_from_model: mlp.model_id, params: { hidden_units: [16], epochs: 1 } }),
      ),
    ).toMatch(/hidden_units is \[8\] there and \[16\] here/);
    expect(await refusal(request(handle, { init_from_model: 'no-such-model' }))).toMatch(/no saved model/);
    expect(await refusal(request(handle, { model: 'gbc', init_from_model: mlp.model_id }))).toMatch(
      /gbc models do not continue/,
    );

    // the same kind and widths over 5 features, saved under the mlp's metrics
    const narrow = await fitMlp({
      task: 'classification',
      X: noise(64, 5),
      y: Float64Array.from({ length: 64 }, (_, i) => i % 2),
      options: { hiddenUnits: [8], epochs: 1 },
    });
    await saveModel(env.db, {
      id: 'narrow',
      serialized: narrow.model.serialize(),
      metrics: { ...mlp.metrics, model_id: 'narrow' },
      createdAt: 0,
      dataset: 'sample/binance-ohlcv-1h-btc-eth',
      symbols: ['BTC/USDT'],
    });
    narrow.model.dispose();
    expect(await refusal(request(handle, { init_from_model: 'narrow', params: { epochs: 1 } }))).toMatch(
      /reads 5 features, this dataset's feature set has \d+/,
    );
  }, 60_000);
});
