/**
 * Fitting `mlp`, `lstm` and `transformer`: build the seeded network, upload rows (or sequences), run the
 * shared epoch loop, and wrap the result as a NeuralModel. All tensors made here are
 * disposed here; the returned model owns only its network.
 */
import * as tf from '@tensorflow/tfjs';
import type { Labels, Matrix, NeuralModelKind, Task } from '../../types';
import type { CancelSignal, ProgressFn } from '../../../util/progress';
import { checkLabels, checkMatrix, inferClasses, oneHot, packRows } from '../matrix';
import { currentBackend, type TfFitReport } from '../report';
import { buildLstm, buildMlp, buildTransformer, type HeadSpec } from './build';
import { NeuralModel, type SequenceContext } from './neural-model';
import {
  resolveLstmOptions,
  resolveMlpOptions,
  resolveTransformerOptions,
  type LstmOptions,
  type MlpOptions,
  type TransformerOptions,
} from './options';
import { buildSequences, packSequences, targetEnds } from './sequences';
import { trainLoop } from './train-loop';
import { DataError, InputError } from '../../../errors';

interface NeuralFitBase {
  /**
   * warm start: begin from this fitted model's weights (same kind, widths and feature count)
   * instead of the seeded initialisation; the optimizer starts afresh
   */
  init?: NeuralModel;
  /**
   * validation checks per epoch (default 1; see train-loop.ts): above 1 an epoch trains in
   * that many slices with the validation loss checked after each, and the report's iterations
   * and bestEpoch count slices. Not part of the model's options (nothing saved changes).
   */
  checksPerEpoch?: number;
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

export interface TransformerFitInput extends NeuralFitBase, SequenceContext {
  options?: Partial<TransformerOptions>;
  validation?: { X: Matrix; y: Labels } & SequenceContext;
}

export interface NeuralFitResult {
  model: NeuralModel;
  report: TfFitReport;
}

function head(input: NeuralFitBase & { targets?: ArrayLike<number> }): HeadSpec {
  const nClasses = input.task === 'classification' ? (input.nClasses ?? inferClasses(input.y)) : 1;
  checkMatrix(input.X);
  const labelled = input.targets ? input.targets.length : input.X.rows;
  checkLabels(input.y, labelled, input.task === 'classification' ? nClasses : null);
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

/** A fresh network must train at least one epoch; from saved weights 0 epochs keeps them as they are. */
function checkEpochs(o: { epochs: number }, init: NeuralModel | undefined): void {
  if (o.epochs === 0 && !init)
    throw new InputError(
      'params.epochs',
      'epochs must be at least 1 (0 only when continuing from saved weights)',
    );
}

/** The freshly built network with `init`'s weights copied in (shapes must agree). */
function warmStarted(net: tf.LayersModel, init: NeuralModel | undefined): tf.LayersModel {
  if (!init) return net;
  const from = init.layersModel.getWeights();
  const to = net.getWeights();
  const same = from.length === to.length && from.every((w, i) => w.shape.join('x') === to[i].shape.join('x'));
  if (!same) {
    net.optimizer?.dispose();
    net.dispose();
    throw new InputError(
      'warm_start',
      'the previous model has another shape (layers, widths or features): it cannot warm-start this one',
    );
  }
  net.setWeights(from);
  return net;
}

/** Tensors a fit trains on; every one is disposed by fitNetwork. */
interface FitTensors {
  x: tf.Tensor;
  y: tf.Tensor;
  validation?: { x: tf.Tensor; y: tf.Tensor };
  trainRows: number;
}

/**
 * The part both neural fits share: train `net` on the tensors `make` builds, dispose them,
 * wrap the network as a NeuralModel and report; on failure free the network too.
 */
async function fitNetwork(o: {
  kind: NeuralModelKind;
  head: HeadSpec;
  nFeatures: number;
  options: MlpOptions | LstmOptions | TransformerOptions;
  net: tf.LayersModel;
  input: NeuralFitBase;
  t0: number;
  make: (keep: (t: tf.Tensor) => tf.Tensor) => FitTensors;
}): Promise<NeuralFitResult> {
  const tensors: tf.Tensor[] = [];
  const keep = (t: tf.Tensor) => (tensors.push(t), t);
  try {
    const { x, y, validation, trainRows } = o.make(keep);
    const r = await trainLoop({
      model: o.net,
      x,
      y,
      validation,
      options: o.options,
      warm: o.input.init !== undefined,
      checksPerEpoch: o.input.checksPerEpoch,
      onProgress: o.input.onProgress,
      signal: o.input.signal,
    });
    tf.dispose(tensors);
    tensors.length = 0;
    const backend = currentBackend();
    const model = await NeuralModel.create(
      {
        kind: o.kind,
        task: o.head.task,
        nClasses: o.head.nClasses,
        nFeatures: o.nFeatures,
        options: o.options,
        trainedOn: { backend },
      },
      o.net,
    );
    return {
      model,
      report: {
        fitSeconds: (performance.now() - o.t0) / 1000,
        iterations: r.steps,
        history: r.history,
        backend,
        engine: 'tf',
        tfBackend: backend,
        trainRows,
        stoppedEarly: r.stoppedEarly,
        bestEpoch: r.bestStep,
      },
    };
  } catch (e) {
    tf.dispose(tensors);
    o.net.optimizer?.dispose();
    o.net.dispose();
    throw e;
  }
}

export async function fitMlp(input: MlpFitInput): Promise<NeuralFitResult> {
  const t0 = performance.now();
  const o = resolveMlpOptions(input.options);
  checkEpochs(o, input.init);
  const h = head(input);
  const d = input.X.cols;
  if (input.validation) checkMatrix(input.validation.X, d);
  const net = warmStarted(buildMlp(d, h, o), input.init);
  return fitNetwork({
    kind: 'mlp',
    head: h,
    nFeatures: d,
    options: o,
    net,
    input,
    t0,
    make: (keep) => {
      const v = input.validation;
      return {
        x: keep(tf.tensor2d(packRows(input.X), [input.X.rows, d])),
        y: keep(targets(h, input.y)),
        validation: v && { x: keep(tf.tensor2d(packRows(v.X), [v.X.rows, d])), y: keep(targets(h, v.y)) },
        trainRows: input.X.rows,
      };
    },
  });
}

export async function fitLstm(input: LstmFitInput): Promise<NeuralFitResult> {
  const o = resolveLstmOptions(input.options);
  return fitSequenceModel(input, 'lstm', o, (d, h) => buildLstm(d, h, o));
}

export async function fitTransformer(input: TransformerFitInput): Promise<NeuralFitResult> {
  const o = resolveTransformerOptions(input.options);
  return fitSequenceModel(input, 'transformer', o, (d, h) => buildTransformer(d, h, o));
}

/**
 * The sequence models' fit: row i is fed as the rows i-L+1..i (no sequence crosses a symbol or
 * a time gap); only labelled rows (`targets`) with a full sequence are trained and validated on,
 * the rest lend their features as history.
 */
export async function fitSequenceModel(
  input: NeuralFitBase & SequenceContext & { validation?: { X: Matrix; y: Labels } & SequenceContext },
  kind: 'lstm' | 'transformer',
  o: MlpOptions | LstmOptions | TransformerOptions,
  build: (nFeatures: number, h: HeadSpec) => tf.LayersModel,
): Promise<NeuralFitResult> {
  const t0 = performance.now();
  checkEpochs(o, input.init);
  const h = head(input);
  const d = input.X.cols;
  const L = (o as LstmOptions).sequenceLength;
  const all = buildSequences({
    X: input.X,
    length: L,
    groups: input.groups,
    time: input.time,
    barMs: input.barMs,
  });
  const seqs = targetEnds(all.ends, input.X.rows, input.targets);
  if (seqs.ends.length === 0)
    throw new DataError(
      'too-few-rows',
      `no training row has ${L} unbroken rows of history: choose a shorter sequence_length or a longer train_window`,
    );
  const v = input.validation;
  if (v) {
    checkMatrix(v.X, d);
    checkLabels(v.y, v.targets ? v.targets.length : v.X.rows, null);
  }
  const vs =
    v &&
    targetEnds(
      buildSequences({ X: v.X, length: L, groups: v.groups, time: v.time, barMs: v.barMs }).ends,
      v.X.rows,
      v.targets,
    );
  const net = warmStarted(build(d, h), input.init);
  return fitNetwork({
    kind,
    head: h,
    nFeatures: d,
    options: o,
    net,
    input,
    t0,
    make: (keep) => ({
      x: keep(tf.tensor3d(packSequences(input.X, seqs.ends, L), [seqs.ends.length, L, d])),
      y: keep(targets(h, pick(input.y, seqs.labelOf))),
      validation:
        v && vs && vs.ends.length > 0
          ? {
              x: keep(tf.tensor3d(packSequences(v.X, vs.ends, L), [vs.ends.length, L, d])),
              y: keep(targets(h, pick(v.y, vs.labelOf))),
            }
          : undefined,
      trainRows: seqs.ends.length,
    }),
  });
}

/**
 * Online fine-tuning: `epochs` passes (default 1) over labelled rows in batches of `batchSize`
 * (default all rows at once) with the network's own Adam state, then the model's serialization
 * and host weights are refreshed. Sequence models read `context` as in fitting (history rows
 * and `targets`); rows without a full window are skipped. Returns the rows trained on.
 */
export async function fineTuneNeural(
  model: NeuralModel,
  o: { X: Matrix; y: Labels; context?: SequenceContext; epochs?: number; batchSize?: number },
): Promise<number> {
  const d = model.config.nFeatures;
  checkMatrix(o.X, d);
  const h: HeadSpec = { task: model.task, nClasses: model.config.nClasses };
  const L = model.sequenceLength;
  const net = model.layersModel;
  const tensors: tf.Tensor[] = [];
  let rows: number;
  try {
    if (model.kind === 'mlp') {
      rows = o.X.rows;
      tensors.push(tf.tensor2d(packRows(o.X), [rows, d]), targets(h, o.y));
    } else {
      const c = o.context ?? {};
      const all = buildSequences({ X: o.X, length: L, groups: c.groups, time: c.time, barMs: c.barMs });
      const seqs = targetEnds(all.ends, o.X.rows, c.targets);
      rows = seqs.ends.length;
      if (rows === 0) return 0;
      tensors.push(
        tf.tensor3d(packSequences(o.X, seqs.ends, L), [rows, L, d]),
        targets(h, pick(o.y, seqs.labelOf)),
      );
    }
    await net.fit(tensors[0], tensors[1], {
      epochs: o.epochs ?? 1,
      batchSize: o.batchSize ?? rows,
      shuffle: false,
      verbose: 0,
    });
  } finally {
    tf.dispose(tensors);
  }
  await model.refresh();
  return rows;
}
