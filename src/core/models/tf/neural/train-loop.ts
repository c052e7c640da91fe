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
 *
 * `checksPerEpoch` k > 1 trains each epoch in k slices of its shuffled rows (whole batches,
 * the last slice shorter) and checks the validation loss after every slice: patience, best
 * step, history and the step count then count slices. The walk-forward's warm folds use it:
 * a fine-tune that helps mostly helps within a fraction of an epoch, and one that does not is
 * given up after a slice instead of a whole epoch. With k = 1 the loop is the plain one (same
 * shuffles, same chunks, same weights).
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
  /** validation checks per epoch, a positive integer (see above; default 1) */
  checksPerEpoch?: number;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

export interface TrainLoopResult {
  /** per step (an epoch, or a slice of one with checksPerEpoch > 1) */
  history: { loss: number[]; valLoss?: number[] };
  /** steps trained: epochs, or slices with checksPerEpoch > 1 */
  steps: number;
  /** the step whose weights were kept (0: the starting weights of a warm fit) */
  bestStep?: number;
  stoppedEarly: boolean;
}

export async function trainLoop(input: TrainLoopInput): Promise<TrainLoopResult> {
  const { model, x, y, validation, options: o, onProgress, signal } = input;
  const n = x.shape[0];
  const rng = createRng(o.seed ^ 0x5eed5eed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const chunk = o.batchSize * o.chunkBatches;
  const checks = input.checksPerEpoch ?? 1;
  if (!(Number.isInteger(checks) && checks >= 1))
    throw new InputError('checksPerEpoch', 'checksPerEpoch must be a positive integer');
  // rows per step: whole batches, so slicing an epoch does not add short batches
  const sliceRows = Math.max(1, Math.ceil(Math.ceil(n / o.batchSize) / checks)) * o.batchSize;
  const slices = Math.max(1, Math.ceil(n / sliceRows));
  const totalSteps = o.epochs * slices;
  const history = { loss: [] as number[], valLoss: validation ? ([] as number[]) : undefined };
  let best = Infinity;
  let bestStep: number | undefined;
  let bestWeights: tf.Tensor[] | null = null;
  let wait = 0;
  let steps = 0;
  let stoppedEarly = false;
  const patience = input.warm ? o.warmPatience : o.patience;
  const validationLoss = async () => {
    const ev = model.evaluate(validation!.x, validation!.y, { batchSize: 1024 }) as tf.Scalar;
    const v = (await ev.data())[0];
    ev.dispose();
    return v;
  };
  let orderT: tf.Tensor1D | null = null;
  try {
    if (input.warm && validation && o.epochs > 0) {
      best = await validationLoss();
      bestStep = 0;
      if (o.restoreBest) bestWeights = tf.tidy(() => model.getWeights().map((w) => w.clone()));
    }
    for (let step = 1; step <= totalSteps; step++) {
      throwIfCancelled(signal);
      const slice = (step - 1) % slices;
      if (slice === 0) {
        shuffleInPlace(order, rng);
        orderT?.dispose();
        orderT = tf.tensor1d(order, 'int32');
      }
      const idxAll = orderT!;
      const start = slice * sliceRows;
      const end = Math.min(n, start + sliceRows);
      let lossSum = 0;
      for (let from = start; from < end; from += chunk) {
        const size = Math.min(chunk, end - from);
        const [xs, ys] = tf.tidy(() => {
          const idx = tf.slice(idxAll, [from], [size]);
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
      steps = step;
      const loss = lossSum / (end - start);
      history.loss.push(loss);
      let valLoss: number | undefined;
      if (validation && history.valLoss) {
        valLoss = await validationLoss();
        history.valLoss.push(valLoss);
      }
      // whole epochs count as before; slices report the fraction of epochs done
      const epoch = slices === 1 ? step : Number((step / slices).toFixed(3));
      onProgress?.({
        stage: 'training',
        fraction: step / totalSteps,
        message: `epoch ${epoch}/${o.epochs}`,
        detail: { epoch, loss, ...(valLoss !== undefined ? { valLoss } : {}) },
      });
      if (!Number.isFinite(loss))
        throw new InputError(
          'params.learning_rate',
          `training diverged at epoch ${Math.ceil(step / slices)} (loss ${loss}); lower learning_rate`,
        );
      if (valLoss !== undefined) {
        if (valLoss < best) {
          best = valLoss;
          bestStep = step;
          wait = 0;
          if (o.restoreBest) {
            if (bestWeights) tf.dispose(bestWeights);
            bestWeights = tf.tidy(() => model.getWeights().map((w) => w.clone()));
          }
        } else if (++wait >= patience) {
          stoppedEarly = step < totalSteps;
          break;
        }
      }
    }
    if (bestWeights && o.restoreBest) model.setWeights(bestWeights);
  } finally {
    orderT?.dispose();
    if (bestWeights) tf.dispose(bestWeights);
  }
  return { history, steps, bestStep, stoppedEarly };
}
