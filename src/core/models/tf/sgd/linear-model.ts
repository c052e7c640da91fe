/**
 * SgdLinearModel: the fitted `sgdc` / `sgdr` model. Predicts and learns online
 * (`partialFit`, scikit-learn's partial_fit) on typed arrays, and serializes as
 * 'sgd-linear/1': a JSON header (config, schedule step, weight specs) plus `weights.bin`
 * laid out like tfjs weights, holding the weights and the adam moments if any.
 */
import type { LinearModelKind, Matrix, Model, Predictions, SerializedModel, Task } from '../../types';
import { decodeFloat32Weights, encodeFloat32Weights, type NamedFloat32 } from '../io/float-weights';
import { checkLabels, checkMatrix } from '../matrix';
import { resolveSgdOptions, type SgdOptions } from './config';
import { createScratch, jsUpdate, jsUpdateSingle, type JsScratch } from './js-engine';
import { sigmoid, type SgdHead } from './math';
import { cloneState, type SgdState } from './state';
import { DataError } from '../../../errors';

export const SGD_FORMAT = 'sgd-linear/1';

export interface SgdModelInit {
  kind: LinearModelKind;
  nClasses: number;
  options: SgdOptions;
  state: SgdState;
  /** weight per class applied to every update (1s when none; classification only) */
  classWeights: Float64Array;
  /** where it was fitted, for the record */
  trainedOn?: { backend: string; engine: string };
}

export function headFor(kind: LinearModelKind, nClasses: number, options: SgdOptions): SgdHead {
  if (kind === 'sgdc') return nClasses > 2 ? 'softmax' : 'sigmoid';
  return options.loss === 'huber' ? 'huber' : 'squared';
}

export class SgdLinearModel implements Model {
  readonly kind: LinearModelKind;
  readonly task: Task;
  readonly nClasses: number;
  readonly options: SgdOptions;
  readonly head: SgdHead;
  readonly classWeights: Float64Array;
  readonly trainedOn: { backend: string; engine: string };
  private readonly s: SgdState;
  private scratch: JsScratch;
  private row: Float64Array;
  private one = new Int32Array(1);

  constructor(init: SgdModelInit) {
    this.kind = init.kind;
    this.task = init.kind === 'sgdc' ? 'classification' : 'regression';
    this.nClasses = init.kind === 'sgdc' ? init.nClasses : 1;
    this.options = init.options;
    this.head = headFor(init.kind, this.nClasses, init.options);
    this.s = init.state;
    this.classWeights = init.classWeights;
    this.trainedOn = init.trainedOn ?? { backend: 'js', engine: 'js' };
    this.scratch = createScratch(this.s);
    this.row = new Float64Array(this.s.nFeatures);
  }

  get nFeatures(): number {
    return this.s.nFeatures;
  }

  /** schedule step (updates done so far) and rows seen: the optimizer state online learning continues */
  get optimizerState(): { step: number; nSeen: number } {
    return { step: this.s.step, nSeen: this.s.nSeen };
  }

  /** copies of the weights (nFeatures x nOut, row-major) and intercepts */
  weights(): { W: Float32Array; b: Float32Array } {
    return { W: this.s.W.slice(), b: this.s.b.slice() };
  }

  predict(X: Matrix): Predictions {
    checkMatrix(X, this.s.nFeatures);
    const n = X.rows;
    const d = this.s.nFeatures;
    const K = this.s.nOut;
    const p = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) p[i * K + k] = this.s.b[k];
    for (let j = 0; j < d; j++) {
      const col = X.columns[j];
      for (let k = 0; k < K; k++) {
        const w = this.s.W[j * K + k];
        for (let i = 0; i < n; i++) p[i * K + k] += col[i] * w;
      }
    }
    if (this.head === 'sigmoid') {
      const values = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const q = sigmoid(p[i]);
        values[2 * i] = 1 - q;
        values[2 * i + 1] = q;
      }
      return { rows: n, nClasses: 2, values };
    }
    if (this.head === 'softmax') {
      for (let i = 0; i < n; i++) {
        let m = -Infinity;
        for (let k = 0; k < K; k++) m = Math.max(m, p[i * K + k]);
        let s = 0;
        for (let k = 0; k < K; k++) s += p[i * K + k] = Math.exp(p[i * K + k] - m);
        for (let k = 0; k < K; k++) p[i * K + k] /= s;
      }
      return { rows: n, nClasses: K, values: p };
    }
    return { rows: n, nClasses: 1, values: p };
  }

  /**
   * One online update with these rows, in the given order (batches of options.batchSize),
   * continuing the learning-rate schedule and optimizer state: sklearn's partial_fit.
   * Returns the summed loss of the rows before their update.
   */
  partialFit(X: Matrix, y: Float64Array): number {
    checkMatrix(X, this.s.nFeatures);
    checkLabels(y, X.rows, this.task === 'classification' ? this.nClasses : null);
    const d = this.s.nFeatures;
    const w = new Float64Array(1);
    const yy = new Float64Array(1);
    let loss = 0;
    const bs = this.options.batchSize;
    if (bs === 1) {
      // the hot path of online backtests: one row at a time, no allocation beyond the two scalars
      for (let i = 0; i < X.rows; i++) {
        for (let j = 0; j < d; j++) this.row[j] = X.columns[j][i];
        yy[0] = y[i];
        w[0] = this.task === 'classification' ? this.classWeights[y[i]] : 1;
        loss +=
          this.options.optimizer === 'sgd' && this.s.nOut === 1
            ? jsUpdateSingle(this.s, this.options, this.head, this.row, 0, yy[0], w[0], this.scratch)
            : jsUpdate(this.s, this.options, this.head, this.row, this.one, 0, 1, yy, w, this.scratch);
      }
      return loss;
    }
    const x = new Float64Array(X.rows * d);
    for (let j = 0; j < d; j++) for (let i = 0; i < X.rows; i++) x[i * d + j] = X.columns[j][i];
    const order = Int32Array.from({ length: X.rows }, (_, i) => i);
    const ws = Float64Array.from(y, (v) => (this.task === 'classification' ? this.classWeights[v] : 1));
    for (let from = 0; from < X.rows; from += bs) {
      loss += jsUpdate(
        this.s,
        this.options,
        this.head,
        x,
        order,
        from,
        Math.min(X.rows, from + bs),
        y,
        ws,
        this.scratch,
      );
    }
    return loss;
  }

  /** An independent copy (same weights and optimizer state), e.g. to keep the pre-online model. */
  clone(): SgdLinearModel {
    return new SgdLinearModel({
      kind: this.kind,
      nClasses: this.nClasses,
      options: { ...this.options },
      state: cloneState(this.s),
      classWeights: this.classWeights.slice(),
      trainedOn: { ...this.trainedOn },
    });
  }

  serialize(): SerializedModel {
    const s = this.s;
    const named: NamedFloat32[] = [
      { name: 'W', shape: [s.nFeatures, s.nOut], data: s.W },
      { name: 'b', shape: [s.nOut], data: s.b },
    ];
    if (s.adam) {
      named.push(
        { name: 'adam/mW', shape: [s.nFeatures, s.nOut], data: s.adam.mW },
        { name: 'adam/vW', shape: [s.nFeatures, s.nOut], data: s.adam.vW },
        { name: 'adam/mb', shape: [s.nOut], data: s.adam.mb },
        { name: 'adam/vb', shape: [s.nOut], data: s.adam.vb },
      );
    }
    const { weightSpecs, weightData } = encodeFloat32Weights(named);
    return {
      kind: this.kind,
      format: SGD_FORMAT,
      header: {
        task: this.task,
        nClasses: this.nClasses,
        nFeatures: s.nFeatures,
        nOut: s.nOut,
        head: this.head,
        options: { ...this.options },
        classWeights: Array.from(this.classWeights),
        step: s.step,
        nSeen: s.nSeen,
        trainedOn: this.trainedOn,
        weightSpecs,
      },
      payload: { 'weights.bin': weightData },
    };
  }
}

/** Restores an `sgdc`/`sgdr` model, weights and optimizer state included, from `serialize()` output. */
export function deserializeSgdModel(m: SerializedModel): SgdLinearModel {
  if (m.format !== SGD_FORMAT)
    throw new DataError('bad-model', `expected format ${SGD_FORMAT}, got ${m.format}`);
  if (m.kind !== 'sgdc' && m.kind !== 'sgdr')
    throw new DataError('bad-model', `not a linear SGD model: ${m.kind}`);
  const h = m.header as {
    nClasses: number;
    nFeatures: number;
    nOut: number;
    options: SgdOptions;
    classWeights: number[];
    step: number;
    nSeen: number;
    trainedOn: { backend: string; engine: string };
    weightSpecs: Parameters<typeof decodeFloat32Weights>[0];
  };
  const bytes = m.payload['weights.bin'];
  if (!bytes) throw new DataError('bad-model', 'sgd model payload lacks weights.bin');
  const w = decodeFloat32Weights(h.weightSpecs, bytes);
  const get = (name: string): Float32Array => {
    const t = w.get(name);
    if (!t) throw new DataError('bad-model', `sgd model lacks weight ${name}`);
    return t.data;
  };
  const options = resolveSgdOptions(m.kind, h.options);
  const state: SgdState = {
    nFeatures: h.nFeatures,
    nOut: h.nOut,
    W: get('W'),
    b: get('b'),
    step: h.step,
    nSeen: h.nSeen,
    adam: w.has('adam/mW')
      ? { mW: get('adam/mW'), vW: get('adam/vW'), mb: get('adam/mb'), vb: get('adam/vb') }
      : null,
  };
  if (state.W.length !== h.nFeatures * h.nOut)
    throw new DataError('bad-model', 'sgd model: W has the wrong size');
  return new SgdLinearModel({
    kind: m.kind,
    nClasses: h.nClasses,
    options,
    state,
    classWeights: Float64Array.from(h.classWeights),
    trainedOn: h.trainedOn,
  });
}
