/**
 * Fitting `mlp` and `lstm`: build the seeded network, upload rows (or sequences), run the
 * shared epoch loop, and wrap the result as a NeuralModel. All tensors made here are
 * disposed here; the returned model owns only its network.
 */
import * as tf from '@tensorflow/tfjs';
import type { Labels, Matrix, Task } from '../../types';
import type { CancelSignal, ProgressFn } from '../../../util/progress';
import { checkLabels, checkMatrix, inferClasses, oneHot, packRows } from '../matrix';
import { currentBackend, type TfFitReport } from '../report';
import { buildLstm, buildMlp, type HeadSpec } from './build';
import { NeuralModel, type SequenceContext } from './neural-model';
import { resolveLstmOptions, resolveMlpOptions, type LstmOptions, type MlpOptions } from './options';
import { buildSequences, packSequences } from './sequences';
import { trainLoop } from './train-loop';

interface NeuralFitBase {
  task: Task;
  X: Matrix;
  y: Labels;
  /** classification: default max label + 1 (at least 2) */
  nClasses?: number;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

export interface MlpFitInput extends NeuralFitBase {
  options?: Partial<MlpOptions>;
  /** validation rows: val_loss per epoch and early stopping */
  validation?: { X: Matrix; y: Labels };
}

export interface LstmFitInput extends NeuralFitBase, SequenceContext {
  options?: Partial<LstmOptions>;
  validation?: { X: Matrix; y: Labels } & SequenceContext;
}

export interface NeuralFitResult {
  model: NeuralModel;
  report: TfFitReport;
}

function head(input: NeuralFitBase): HeadSpec {
  const nClasses = input.task === 'classification' ? (input.nClasses ?? inferClasses(input.y)) : 1;
  checkMatrix(input.X);
  checkLabels(input.y, input.X.rows, input.task === 'classification' ? nClasses : null);
  return { task: input.task, nClasses };
}

/** Targets as float32: class index (binary), one-hot (3+ classes) or value. */
function targets(h: HeadSpec, y: ArrayLike<number>): tf.Tensor2D {
  const yy = Float64Array.from(y);
  if (h.task === 'classification' && h.nClasses > 2)
    return tf.tensor2d(oneHot(yy, h.nClasses), [yy.length, h.nClasses]);
  return tf.tensor2d(Float32Array.from(yy), [yy.length, 1]);
}

function pick(y: Labels, idx: Int32Array): Float64Array {
  return Float64Array.from(idx, (i) => y[i]);
}

export async function fitMlp(input: MlpFitInput): Promise<NeuralFitResult> {
  const t0 = performance.now();
  const o = resolveMlpOptions(input.options);
  const h = head(input);
  const d = input.X.cols;
  if (input.validation) checkMatrix(input.validation.X, d);
  const net = buildMlp(d, h, o);
  const tensors: tf.Tensor[] = [];
  try {
    const x = tf.tensor2d(packRows(input.X), [input.X.rows, d]);
    const y = targets(h, input.y);
    tensors.push(x, y);
    let validation: { x: tf.Tensor; y: tf.Tensor } | undefined;
    if (input.validation) {
      const v = input.validation;
      validation = { x: tf.tensor2d(packRows(v.X), [v.X.rows, d]), y: targets(h, v.y) };
      tensors.push(validation.x, validation.y);
    }
    const r = await trainLoop({
      model: net,
      x,
      y,
      validation,
      options: o,
      onProgress: input.onProgress,
      signal: input.signal,
    });
    tf.dispose(tensors);
    tensors.length = 0;
    const backend = currentBackend();
    const model = await NeuralModel.create(
      { kind: 'mlp', task: h.task, nClasses: h.nClasses, nFeatures: d, options: o, trainedOn: { backend } },
      net,
    );
    return {
      model,
      report: {
        fitSeconds: (performance.now() - t0) / 1000,
        iterations: r.epochs,
        history: r.history,
        backend,
        engine: 'tf',
        tfBackend: backend,
        trainRows: input.X.rows,
        stoppedEarly: r.stoppedEarly,
        bestEpoch: r.bestEpoch,
      },
    };
  } catch (e) {
    tf.dispose(tensors);
    net.optimizer?.dispose();
    net.dispose();
    throw e;
  }
}

export async function fitLstm(input: LstmFitInput): Promise<NeuralFitResult> {
  const t0 = performance.now();
  const o = resolveLstmOptions(input.options);
  const h = head(input);
  const d = input.X.cols;
  const L = o.sequenceLength;
  const seqs = buildSequences({
    X: input.X,
    length: L,
    groups: input.groups,
    time: input.time,
    barMs: input.barMs,
  });
  if (seqs.ends.length === 0) throw new Error(`no training row has ${L} unbroken rows of history`);
  const net = buildLstm(d, h, o);
  const tensors: tf.Tensor[] = [];
  try {
    const x = tf.tensor3d(packSequences(input.X, seqs.ends, L), [seqs.ends.length, L, d]);
    const y = targets(h, pick(input.y, seqs.ends));
    tensors.push(x, y);
    let validation: { x: tf.Tensor; y: tf.Tensor } | undefined;
    if (input.validation) {
      const v = input.validation;
      checkMatrix(v.X, d);
      const vs = buildSequences({ X: v.X, length: L, groups: v.groups, time: v.time, barMs: v.barMs });
      if (vs.ends.length > 0) {
        validation = {
          x: tf.tensor3d(packSequences(v.X, vs.ends, L), [vs.ends.length, L, d]),
          y: targets(h, pick(v.y, vs.ends)),
        };
        tensors.push(validation.x, validation.y);
      }
    }
    const r = await trainLoop({
      model: net,
      x,
      y,
      validation,
      options: o,
      onProgress: input.onProgress,
      signal: input.signal,
    });
    tf.dispose(tensors);
    tensors.length = 0;
    const backend = currentBackend();
    const model = await NeuralModel.create(
      { kind: 'lstm', task: h.task, nClasses: h.nClasses, nFeatures: d, options: o, trainedOn: { backend } },
      net,
    );
    return {
      model,
      report: {
        fitSeconds: (performance.now() - t0) / 1000,
        iterations: r.epochs,
        history: r.history,
        backend,
        engine: 'tf',
        tfBackend: backend,
        trainRows: seqs.ends.length,
        stoppedEarly: r.stoppedEarly,
        bestEpoch: r.bestEpoch,
      },
    };
  } catch (e) {
    tf.dispose(tensors);
    net.optimizer?.dispose();
    net.dispose();
    throw e;
  }
}
