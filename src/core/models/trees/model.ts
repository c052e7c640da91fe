/**
 * TreeModel: the Model implementation shared by gbc, gbr and rfc (prediction on raw float
 * features, gain importance, serialisation). Built by the fit functions or by
 * deserializeTreeModel.
 */
import type { Matrix, Model, Predictions, SerializedModel, Task, TreeModelKind } from '../types';
import type { BoostingParams, ForestParams } from './params';
import { addLeafVectors, addTreeValues, type TreeEnsemble } from './ensemble';
import { serializeTreeModel } from './serialize';
import { InternalError } from '../../errors';

export interface TreeModelState {
  kind: TreeModelKind;
  nClasses: number;
  ensemble: TreeEnsemble;
  /** boosting: initial raw score per tree group (1, or nClasses for softmax); forest: empty */
  initScore: Float64Array;
  /** bin edges per feature the model was trained with (kept for reference / rebinning) */
  binEdges: Float64Array[];
  params: BoostingParams | ForestParams;
  /** gain importance, normalised */
  importance: Float64Array;
}

export class TreeModel implements Model {
  readonly kind: TreeModelKind;
  readonly task: Task;
  readonly nClasses: number;
  readonly state: TreeModelState;

  constructor(state: TreeModelState) {
    this.state = state;
    this.kind = state.kind;
    this.task = state.kind === 'gbr' ? 'regression' : 'classification';
    this.nClasses = state.kind === 'gbr' ? 1 : state.nClasses;
  }

  get nFeatures(): number {
    return this.state.ensemble.nFeatures;
  }

  get nTrees(): number {
    return this.state.ensemble.nTrees;
  }

  /** Boosting raw scores (log-odds / logits / regression value): rows x initScore.length, row-major. */
  predictRaw(X: Matrix): Float64Array {
    const { ensemble: e, initScore } = this.state;
    if (this.kind === 'rfc') throw new InternalError('predictRaw is for boosting models');
    this.checkX(X);
    const k = initScore.length;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) for (let c = 0; c < k; c++) out[i * k + c] = initScore[c];
    for (let t = 0; t < e.nTrees; t++) addTreeValues(e, e.treeStart[t], X, out, k, t % k);
    return out;
  }

  predict(X: Matrix): Predictions {
    this.checkX(X);
    if (this.kind === 'rfc') return this.predictForest(X);
    const raw = this.predictRaw(X);
    if (this.kind === 'gbr') return { rows: X.rows, nClasses: 1, values: raw };
    return { rows: X.rows, nClasses: this.nClasses, values: rawToProba(raw, X.rows, this.nClasses) };
  }

  featureImportance(): Float64Array {
    return this.state.importance.slice();
  }

  serialize(): SerializedModel {
    return serializeTreeModel(this.state);
  }

  private predictForest(X: Matrix): Predictions {
    const e = this.state.ensemble;
    const k = e.valueStride;
    const out = new Float64Array(X.rows * k);
    addLeafVectors(e, X, out);
    const inv = 1 / e.nTrees;
    for (let i = 0; i < out.length; i++) out[i] *= inv;
    return { rows: X.rows, nClasses: k, values: out };
  }

  private checkX(X: Matrix): void {
    if (X.cols !== this.nFeatures)
      throw new InternalError(`model expects ${this.nFeatures} features, got ${X.cols}`);
  }
}

/** Binary: sigmoid of one raw score -> [1 - p, p]; multi-class: softmax over nClasses raw scores. */
export function rawToProba(raw: Float64Array, rows: number, nClasses: number): Float64Array {
  const out = new Float64Array(rows * nClasses);
  if (nClasses === 2 && raw.length === rows) {
    for (let i = 0; i < rows; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  for (let i = 0; i < rows; i++) {
    const o = i * nClasses;
    let max = -Infinity;
    for (let c = 0; c < nClasses; c++) if (raw[o + c] > max) max = raw[o + c];
    let sum = 0;
    for (let c = 0; c < nClasses; c++) {
      const v = Math.exp(raw[o + c] - max);
      out[o + c] = v;
      sum += v;
    }
    for (let c = 0; c < nClasses; c++) out[o + c] /= sum;
  }
  return out;
}
