/**
 * The epoch loop shared by the neural models: our own seeded shuffling (model.fit gets
 * shuffle: false), each epoch fed to model.fit in chunks of `chunkBatches` batches so a
 * cancel is noticed within long epochs without a device read per batch, validation loss
 * per epoch, early stopping with patience, best-epoch weights restored, progress per epoch.
 *
 * A warm start (`warm`: the network holds a fitted model's weights) stops early against those
 * weights too: their validation loss is the one to beat (epoch 0), patience is `warmPatience`,
 * and when no epoch beats it the starting weights are kept. Fine-tuning from a neighbouring
 * window either improves within an epoch or two or not at all, so a warm fit costs one or
 * two epochs instead of a cold fit's patience-bound tail.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../util/rng';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../../../util/progress';
import { shuffleInPlace } from '../sgd/math';
import type { NeuralTrainOptions } from './options';
import { InputError } from '../../../errors';

export interface TrainLoopInput {
  model: tf.LayersModel;
  x: tf.Tensor;
  y: tf.Tensor;
  validation?: { x: tf.Tensor; y: tf.Tensor };
  options: NeuralTrainOptions;
  /** the network starts from fitted weights (see above) */
  warm?: boolean;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

export interface TrainLoopResult {
  history: { loss: number[]; valLoss?: number[] };
  epochs: number;
  bestEpoch?: number;
  stoppedEarly: boolean;
}

export async function trainLoop(input: TrainLoopInput): Promise<TrainLoopResult> {
  const { model, x, y, validation, options: o, onProgress, signal } = input;
  const n = x.shape[0];
  const rng = createRng(o.seed ^ 0x5eed5eed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const chunk = o.batchSize * o.chunkBatches;
  const history = { loss: [] as number[], valLoss: validation ? ([] as number[]) : undefined };
  let best = Infinity;
  let bestEpoch: number | undefined;
  let bestWeights: tf.Tensor[] | null = null;
  let wait = 0;
  let epochs = 0;
  let stoppedEarly = false;
  const patience = input.warm ? o.warmPatience : o.patience;
  const validationLoss = async () => {
    const ev = model.evaluate(validation!.x, validation!.y, { batchSize: 1024 }) as tf.Scalar;
    const v = (await ev.data())[0];
    ev.dispose();
    return v;
  };
  try {
    if (input.warm && validation && o.epochs > 0) {
      best = await validationLoss();
      bestEpoch = 0;
      if (o.restoreBest) bestWeights = tf.tidy(() => model.getWeights().map((w) => w.clone()));
    }
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      throwIfCancelled(signal);
      shuffleInPlace(order, rng);
      const orderT = tf.tensor1d(order, 'int32');
      let lossSum = 0;
      try {
        for (let from = 0; from < n; from += chunk) {
          const size = Math.min(chunk, n - from);
          const [xs, ys] = tf.tidy(() => {
            const idx = tf.slice(orderT, [from], [size]);
            return [tf.gather(x, idx), tf.gather(y, idx)];
          });
          try {
            const h = await model.fit(xs, ys, {
              epochs: 1,
              batchSize: o.batchSize,
              shuffle: false,
              verbose: 0,
            });
            lossSum += Number(h.history.loss[0]) * size;
          } finally {
            tf.dispose([xs, ys]);
          }
          throwIfCancelled(signal);
        }
      } finally {
        orderT.dispose();
      }
      epochs = epoch;
      const loss = lossSum / n;
      history.loss.push(loss);
      let valLoss: number | undefined;
      if (validation && history.valLoss) {
        valLoss = await validationLoss();
        history.valLoss.push(valLoss);
      }
      onProgress?.({
        stage: 'training',
        fraction: epoch / o.epochs,
        message: `epoch ${epoch}/${o.epochs}`,
        detail: { epoch, loss, ...(valLoss !== undefined ? { valLoss } : {}) },
      });
      if (!Number.isFinite(loss))
        throw new InputError(
          'params.learning_rate',
          `training diverged at epoch ${epoch} (loss ${loss}); lower learning_rate`,
        );
      if (valLoss !== undefined) {
        if (valLoss < best) {
          best = valLoss;
          bestEpoch = epoch;
          wait = 0;
          if (o.restoreBest) {
            if (bestWeights) tf.dispose(bestWeights);
            bestWeights = tf.tidy(() => model.getWeights().map((w) => w.clone()));
          }
        } else if (++wait >= patience) {
          stoppedEarly = epoch < o.epochs;
          break;
        }
      }
    }
    if (bestWeights && o.restoreBest) model.setWeights(bestWeights);
  } finally {
    if (bestWeights) tf.dispose(bestWeights);
  }
  return { history, epochs, bestEpoch, stoppedEarly };
}
