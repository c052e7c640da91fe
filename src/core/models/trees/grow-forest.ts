/**
 * Grows one random-forest classification tree on binned data (the inner loop of rfc): bootstrap
 * counts as row weights, 'sqrt' (or other) feature subsampling at every split, Gini impurity.
 *
 * Unlike boosting, a forest node tries only a few features, so each node builds the weighted
 * class histograms of just the features it samples (no subtraction: that would need all features).
 * Deep trees have many small nodes, so a histogram touches only the bins its rows occupy: the bins
 * seen are marked in a 256-bit bitmap (branch-free), visited in order by walking the set bits,
 * and zeroed again the same way, making a node cost O(rows + bins touched) rather than O(256).
 *
 * Like scikit-learn, features that are constant in the node do not count toward max_features, and
 * the split with the best Gini proxy sum_c L_c^2/W_L + sum_c R_c^2/W_R is taken.
 */
import { thresholdOf, type BinnedData } from './binning';
import type { NodeBuffer } from './ensemble';
import type { Rng } from '../../util/rng';

export interface ForestGrowParams {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** features tried per split (resolved count) */
  maxFeatures: number;
  bootstrap: boolean;
}

export interface ForestWorkspace {
  data: BinnedData;
  y: Int32Array;
  nClasses: number;
  idx: Uint32Array;
  scratch: Uint32Array;
  /** bootstrap count per row (0 = out of bag) */
  weight: Float64Array;
  hist: Float64Array;
  cnt: Int32Array;
  /** bitmap of the touched bins: bit b & 31 of word b >> 5 */
  bits: Int32Array;
  featPerm: Int32Array;
  tot: Float64Array;
  left: Float64Array;
  bestLeft: Float64Array;
  stackNode: number[];
  stackStart: number[];
  stackEnd: number[];
  stackDepth: number[];
}

export function createForestWorkspace(data: BinnedData, y: Int32Array, nClasses: number): ForestWorkspace {
  return {
    data,
    y,
    nClasses,
    idx: new Uint32Array(data.rows),
    scratch: new Uint32Array(data.rows),
    weight: new Float64Array(data.rows),
    hist: new Float64Array(256 * nClasses),
    cnt: new Int32Array(256),
    bits: new Int32Array(8),
    featPerm: new Int32Array(data.cols),
    tot: new Float64Array(nClasses),
    left: new Float64Array(nClasses),
    bestLeft: new Float64Array(nClasses),
    stackNode: [],
    stackStart: [],
    stackEnd: [],
    stackDepth: [],
  };
}

export function growForestTree(
  ws: ForestWorkspace,
  rng: Rng,
  params: ForestGrowParams,
  nodes: NodeBuffer,
): void {
  const { data, nClasses: K, idx, weight } = ws;
  const n = data.rows;
  // bootstrap: n draws with replacement as integer weights; rows in the tree = rows drawn at least once
  weight.fill(0);
  if (params.bootstrap) {
    for (let d = 0; d < n; d++) weight[rng.int(n)] += 1;
  } else {
    weight.fill(1);
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (weight[i] > 0) idx[m++] = i;
  for (let j = 0; j < data.cols; j++) ws.featPerm[j] = j;

  nodes.startTree();
  const root = nodes.alloc(1);
  nodeTotals(ws, 0, m);
  writeDistribution(nodes, root, ws.tot, K);
  const { stackNode, stackStart, stackEnd, stackDepth } = ws;
  stackNode.length = stackStart.length = stackEnd.length = stackDepth.length = 0;
  stackNode.push(root);
  stackStart.push(0);
  stackEnd.push(m);
  stackDepth.push(0);
  while (stackNode.length > 0) {
    const node = stackNode.pop() as number;
    const start = stackStart.pop() as number;
    const end = stackEnd.pop() as number;
    const depth = stackDepth.pop() as number;
    const rows = end - start;
    if (depth >= params.maxDepth || rows < params.minSamplesSplit || rows < 2 * params.minSamplesLeaf)
      continue;
    const W = nodeTotals(ws, start, end);
    if (isPure(ws.tot, K)) continue;
    const split = findForestSplit(ws, rng, params, start, end, W);
    if (split.feature < 0) continue;
    const mid = partition(ws, start, end, split.feature, split.bin);
    const first = nodes.alloc(2);
    nodes.feature[node] = split.feature;
    nodes.threshold[node] = thresholdOf(data, split.feature, split.bin);
    nodes.left[node] = first;
    nodes.gain[node] = split.improvement;
    // children's class weights: left from the split scan, right = node total - left
    writeDistribution(nodes, first, ws.bestLeft, K);
    for (let c = 0; c < K; c++) ws.left[c] = ws.tot[c] - ws.bestLeft[c];
    writeDistribution(nodes, first + 1, ws.left, K);
    // right pushed first so the left subtree is grown first (any fixed order is deterministic)
    stackNode.push(first + 1, first);
    stackStart.push(mid, start);
    stackEnd.push(end, mid);
    stackDepth.push(depth + 1, depth + 1);
  }
}

function writeDistribution(nodes: NodeBuffer, node: number, sums: Float64Array, K: number): void {
  let W = 0;
  for (let c = 0; c < K; c++) W += sums[c];
  const o = node * K;
  for (let c = 0; c < K; c++) nodes.value[o + c] = W > 0 ? sums[c] / W : 0;
}

/** Weighted class totals of rows idx[start..end) into ws.tot; returns their sum. */
function nodeTotals(ws: ForestWorkspace, start: number, end: number): number {
  const { tot, idx, y, weight } = ws;
  tot.fill(0);
  let W = 0;
  for (let k = start; k < end; k++) {
    const r = idx[k];
    tot[y[r]] += weight[r];
    W += weight[r];
  }
  return W;
}

function isPure(tot: Float64Array, K: number): boolean {
  let nonZero = 0;
  for (let c = 0; c < K; c++) if (tot[c] > 0) nonZero++;
  return nonZero <= 1;
}

interface ForestSplit {
  feature: number;
  bin: number;
  improvement: number;
}

const splitOut: ForestSplit = { feature: -1, bin: 0, improvement: 0 };

function findForestSplit(
  ws: ForestWorkspace,
  rng: Rng,
  params: ForestGrowParams,
  start: number,
  end: number,
  W: number,
): ForestSplit {
  const { data, y, weight, idx, hist, cnt, bits, featPerm, tot, left, bestLeft, nClasses: K } = ws;
  const { codes, rows: n } = data;
  const msl = params.minSamplesLeaf;
  const m = end - start;
  let parentProxy = 0;
  for (let c = 0; c < K; c++) parentProxy += tot[c] * tot[c];
  parentProxy /= W;
  let bestProxy = -Infinity;
  let bestFeature = -1;
  let bestBin = 0;
  let visited = 0;
  let remaining = data.cols;
  while (remaining > 0 && visited < params.maxFeatures) {
    // draw a feature without replacement (partial Fisher-Yates over featPerm)
    const pick = rng.int(remaining);
    remaining--;
    const j = featPerm[pick];
    featPerm[pick] = featPerm[remaining];
    featPerm[remaining] = j;

    const off = j * n;
    for (let k = start; k < end; k++) {
      const r = idx[k];
      const b = codes[off + r];
      cnt[b]++;
      hist[b * K + y[r]] += weight[r];
      bits[b >> 5] |= 1 << (b & 31);
    }
    let CL = 0;
    let WL = 0;
    let first = true;
    left.fill(0);
    scan: for (let w = 0; w < 8; w++) {
      let v = bits[w];
      while (v !== 0) {
        const low = v & -v;
        v ^= low;
        const bin = (w << 5) | (31 - Math.clz32(low));
        const ho = bin * K;
        for (let c = 0; c < K; c++) {
          left[c] += hist[ho + c];
          WL += hist[ho + c];
        }
        CL += cnt[bin];
        if (first) {
          first = false;
          // a feature constant in the node does not count toward max_features
          if (CL < m) visited++;
        }
        if (CL >= m || m - CL < msl) break scan;
        if (CL < msl) continue;
        const WR = W - WL;
        let sl = 0;
        let sr = 0;
        for (let c = 0; c < K; c++) {
          const r = tot[c] - left[c];
          sl += left[c] * left[c];
          sr += r * r;
        }
        const proxy = sl / WL + sr / WR;
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = j;
          bestBin = bin;
          bestLeft.set(left);
        }
      }
    }
    // zero the bins this feature touched, walking the bitmap again
    for (let w = 0; w < 8; w++) {
      let v = bits[w];
      bits[w] = 0;
      while (v !== 0) {
        const low = v & -v;
        v ^= low;
        const bin = (w << 5) | (31 - Math.clz32(low));
        cnt[bin] = 0;
        const ho = bin * K;
        for (let c = 0; c < K; c++) hist[ho + c] = 0;
      }
    }
  }
  splitOut.feature = bestFeature;
  splitOut.bin = bestBin;
  splitOut.improvement = bestFeature >= 0 ? Math.max(0, bestProxy - parentProxy) : 0;
  return splitOut;
}

function partition(ws: ForestWorkspace, start: number, end: number, feature: number, bin: number): number {
  const { codes, rows } = ws.data;
  const { idx, scratch } = ws;
  const off = feature * rows;
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const row = idx[k];
    const right = (bin - codes[off + row]) >>> 31;
    idx[l] = row;
    scratch[r] = row;
    l += 1 - right;
    r += right;
  }
  for (let k = 0; k < r; k++) idx[l + k] = scratch[k];
  return l;
}
