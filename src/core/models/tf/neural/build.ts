/**
 * Layer stacks of the neural models, every initialiser seeded (glorotUniform kernels,
 * orthogonal recurrent kernels, zero biases) so the same seed builds the same network.
 * The transformer: a per-bar projection to modelDim, sinusoidal positions, `blocks` encoder
 * blocks (attention.ts), mean pooling over the window, dense layers, head.
 * The output head follows the task: sigmoid (binary), softmax (3+ classes) or linear.
 */
import * as tf from '@tensorflow/tfjs';
import type { Task } from '../../types';
import { PositionalEncoding, TransformerEncoder } from './attention';
import type { LstmOptions, MlpOptions, TransformerOptions } from './options';
import { SeededDropout } from './seeded-dropout';

export interface HeadSpec {
  task: Task;
  nClasses: number;
}

function outputUnits(h: HeadSpec): number {
  return h.task === 'classification' && h.nClasses > 2 ? h.nClasses : 1;
}

export function lossFor(h: HeadSpec): string {
  if (h.task === 'regression') return 'meanSquaredError';
  return h.nClasses > 2 ? 'categoricalCrossentropy' : 'binaryCrossentropy';
}

function outputActivation(h: HeadSpec): 'sigmoid' | 'softmax' | 'linear' {
  if (h.task === 'regression') return 'linear';
  return h.nClasses > 2 ? 'softmax' : 'sigmoid';
}

/** A seeded stream of initialiser seeds: layer k gets seed*1000 + k. */
function seeds(seed: number): () => number {
  let k = 0;
  return () => seed * 1000 + k++;
}

function addDenseStack(
  model: tf.Sequential,
  units: number[],
  o: { activation: MlpOptions['activation']; dropout: number; l2: number },
  next: () => number,
  inputShape?: number[],
): void {
  units.forEach((u, i) => {
    model.add(
      tf.layers.dense({
        units: u,
        activation: o.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
        biasInitializer: 'zeros',
        kernelRegularizer: o.l2 > 0 ? tf.regularizers.l2({ l2: o.l2 }) : undefined,
        ...(i === 0 && inputShape ? { inputShape } : {}),
      }),
    );
    if (o.dropout > 0) model.add(new SeededDropout({ rate: o.dropout, seed: next() }));
  });
}

function addHead(model: tf.Sequential, h: HeadSpec, next: () => number, inputShape?: number[]): void {
  model.add(
    tf.layers.dense({
      units: outputUnits(h),
      activation: outputActivation(h),
      kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
      biasInitializer: 'zeros',
      ...(inputShape ? { inputShape } : {}),
    }),
  );
}

function compile(model: tf.Sequential, h: HeadSpec, learningRate: number): void {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: lossFor(h) });
}

export function buildMlp(nFeatures: number, h: HeadSpec, o: MlpOptions): tf.Sequential {
  const next = seeds(o.seed);
  const model = tf.sequential();
  addDenseStack(model, o.hiddenUnits, o, next, [nFeatures]);
  addHead(model, h, next, o.hiddenUnits.length === 0 ? [nFeatures] : undefined);
  compile(model, h, o.learningRate);
  return model;
}

/**
 * Forget-gate bias 1 (Jozefowicz et al. 2015), set by hand: tfjs' own `unitForgetBias: true`
 * leaks four tensors per LSTM layer built (its bias initializer is not tidied, tfjs 4.22).
 * The bias is laid out [input, forget, cell, output] gates, `units` each.
 */
function setUnitForgetBias(layer: tf.layers.Layer, units: number): void {
  tf.tidy(() => {
    const [kernel, recurrent] = layer.getWeights();
    const bias = tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]);
    layer.setWeights([kernel, recurrent, bias]);
  });
}

export function buildLstm(nFeatures: number, h: HeadSpec, o: LstmOptions): tf.Sequential {
  const next = seeds(o.seed);
  const model = tf.sequential();
  o.lstmUnits.forEach((u, i) => {
    const lstm = tf.layers.lstm({
      units: u,
      returnSequences: i < o.lstmUnits.length - 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: next() }),
      biasInitializer: 'zeros',
      ...(i === 0 ? { inputShape: [o.sequenceLength, nFeatures] } : {}),
    });
    model.add(lstm);
    setUnitForgetBias(lstm, u);
  });
  addDenseStack(model, o.denseUnits, o, next);
  addHead(model, h, next);
  compile(model, h, o.learningRate);
  return model;
}

export function buildTransformer(nFeatures: number, h: HeadSpec, o: TransformerOptions): tf.Sequential {
  const next = seeds(o.seed);
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: o.modelDim,
      kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
      biasInitializer: 'zeros',
      inputShape: [o.sequenceLength, nFeatures],
    }),
  );
  model.add(new PositionalEncoding({}));
  for (let b = 0; b < o.blocks; b++) {
    model.add(
      new TransformerEncoder({ heads: o.heads, ffUnits: o.ffUnits, activation: o.activation, seed: next() }),
    );
    if (o.dropout > 0) model.add(new SeededDropout({ rate: o.dropout, seed: next() }));
  }
  model.add(tf.layers.globalAveragePooling1d({}));
  addDenseStack(model, o.denseUnits, o, next);
  addHead(model, h, next);
  compile(model, h, o.learningRate);
  return model;
}
