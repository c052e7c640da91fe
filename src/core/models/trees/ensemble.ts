/**
 * The fitted tree ensemble as flat typed arrays (one set for all trees), the growable buffer the
 * learners write nodes into, and traversal on raw float features.
 *
 * Node n of the ensemble: feature[n] (-1 for a leaf), threshold[n] (go left when x <= threshold;
 * NaN goes right), left[n] (the left child; the right child is always left[n] + 1), and
 * valueStride values at value[n * valueStride] (boosting: the leaf's contribution to the raw score,
 * learning rate included; forest: the class frequencies of the node). Tree t owns nodes
 * treeStart[t] .. treeStart[t + 1] - 1, its root first.
 */
import type { Matrix } from '../types';
import { InternalError } from '../../errors';

export interface TreeEnsemble {
  nTrees: number;
  nFeatures: number;
  valueStride: number;
  /** nTrees + 1 offsets into the node arrays */
  treeStart: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  value: Float64Array;
  /** split gain per node (0 at leaves): fit-time only, feeds gain importance, not serialised */
  gain?: Float64Array;
}

/** The node arrays a traversal needs (a TreeEnsemble or a NodeBuffer being grown). */
export interface NodeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  value: Float64Array;
}

/** Growable node storage; nodes of each tree are appended contiguously. */
export class NodeBuffer {
  readonly valueStride: number;
  size = 0;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  value: Float64Array;
  gain: Float64Array;
  private treeStarts: number[] = [];

  constructor(valueStride: number, initialNodes = 1024) {
    this.valueStride = valueStride;
    this.feature = new Int32Array(initialNodes);
    this.threshold = new Float64Array(initialNodes);
    this.left = new Int32Array(initialNodes);
    this.value = new Float64Array(initialNodes * valueStride);
    this.gain = new Float64Array(initialNodes);
  }

  startTree(): void {
    this.treeStarts.push(this.size);
  }

  /** Appends `count` leaf nodes and returns the index of the first. */
  alloc(count: number): number {
    const need = this.size + count;
    if (need > this.feature.length) this.grow(Math.max(need, this.feature.length * 2));
    const first = this.size;
    for (let n = first; n < need; n++) {
      this.feature[n] = -1;
      this.threshold[n] = 0;
      this.left[n] = -1;
      this.gain[n] = 0;
    }
    this.value.fill(0, first * this.valueStride, need * this.valueStride);
    this.size = need;
    return first;
  }

  get nTrees(): number {
    return this.treeStarts.length;
  }

  /** Root node of tree t. */
  rootOf(t: number): number {
    return this.treeStarts[t];
  }

  /** Trimmed copy of the first `nTrees` trees (default all) as a TreeEnsemble. */
  finish(nFeatures: number, nTrees = this.treeStarts.length): TreeEnsemble {
    const n = nTrees < this.treeStarts.length ? this.treeStarts[nTrees] : this.size;
    const treeStart = new Int32Array(nTrees + 1);
    treeStart.set(this.treeStarts.slice(0, nTrees));
    treeStart[nTrees] = n;
    return {
      nTrees,
      nFeatures,
      valueStride: this.valueStride,
      treeStart,
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      value: this.value.slice(0, n * this.valueStride),
      gain: this.gain.slice(0, n),
    };
  }

  private grow(cap: number): void {
    const f = new Int32Array(cap);
    f.set(this.feature);
    this.feature = f;
    const t = new Float64Array(cap);
    t.set(this.threshold);
    this.threshold = t;
    const l = new Int32Array(cap);
    l.set(this.left);
    this.left = l;
    const v = new Float64Array(cap * this.valueStride);
    v.set(this.value);
    this.value = v;
    const g = new Float64Array(cap);
    g.set(this.gain);
    this.gain = g;
  }
}

/** Adds the stride-1 value of the leaf each row of X reaches in the tree at `root` to out[i * stride + offset]. */
export function addTreeValues(
  nodes: NodeArrays,
  root: number,
  X: Matrix,
  out: Float64Array,
  stride: number,
  offset: number,
): void {
  const { feature, threshold, left, value } = nodes;
  const cols = X.columns;
  for (let i = 0; i < X.rows; i++) {
    let n = root;
    let f = feature[n];
    while (f >= 0) {
      n = cols[f][i] <= threshold[n] ? left[n] : left[n] + 1;
      f = feature[n];
    }
    out[i * stride + offset] += value[n];
  }
}

/** Adds the valueStride-long value vector of the leaf each row reaches, for every tree, to out (rows x stride). */
export function addLeafVectors(e: TreeEnsemble, X: Matrix, out: Float64Array): void {
  const { feature, threshold, left, value, treeStart, valueStride: k } = e;
  const cols = X.columns;
  for (let t = 0; t < e.nTrees; t++) {
    const root = treeStart[t];
    for (let i = 0; i < X.rows; i++) {
      let n = root;
      let f = feature[n];
      while (f >= 0) {
        n = cols[f][i] <= threshold[n] ? left[n] : left[n] + 1;
        f = feature[n];
      }
      const o = n * k;
      for (let c = 0; c < k; c++) out[i * k + c] += value[o + c];
    }
  }
}

/** Gain importance: total split gain per feature over all trees, normalised to sum 1 (zeros if no split). */
export function gainImportance(e: TreeEnsemble): Float64Array {
  const imp = new Float64Array(e.nFeatures);
  if (!e.gain) return imp;
  for (let n = 0; n < e.feature.length; n++) if (e.feature[n] >= 0) imp[e.feature[n]] += e.gain[n];
  let total = 0;
  for (const v of imp) total += v;
  if (total > 0) for (let j = 0; j < imp.length; j++) imp[j] /= total;
  return imp;
}

/** Concatenates ensembles (same features and stride) in order. */
export function concatEnsembles(parts: TreeEnsemble[]): TreeEnsemble {
  if (parts.length === 0) throw new InternalError('nothing to concatenate');
  const { nFeatures, valueStride } = parts[0];
  let nodes = 0;
  let trees = 0;
  for (const p of parts) {
    if (p.nFeatures !== nFeatures || p.valueStride !== valueStride)
      throw new InternalError('incompatible ensembles');
    nodes += p.feature.length;
    trees += p.nTrees;
  }
  const out: TreeEnsemble = {
    nTrees: trees,
    nFeatures,
    valueStride,
    treeStart: new Int32Array(trees + 1),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    value: new Float64Array(nodes * valueStride),
    gain: new Float64Array(nodes),
  };
  let nodeOff = 0;
  let treeOff = 0;
  for (const p of parts) {
    for (let t = 0; t < p.nTrees; t++) out.treeStart[treeOff + t] = p.treeStart[t] + nodeOff;
    out.feature.set(p.feature, nodeOff);
    out.threshold.set(p.threshold, nodeOff);
    for (let n = 0; n < p.left.length; n++) out.left[nodeOff + n] = p.left[n] < 0 ? -1 : p.left[n] + nodeOff;
    out.value.set(p.value, nodeOff * valueStride);
    if (p.gain && out.gain) out.gain.set(p.gain, nodeOff);
    else out.gain = undefined;
    nodeOff += p.feature.length;
    treeOff += p.nTrees;
  }
  out.treeStart[trees] = nodes;
  return out;
}
