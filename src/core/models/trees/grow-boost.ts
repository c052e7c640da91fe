/**
 * Grows one depth-wise regression tree on gradients and hessians (the inner loop of gbc / gbr).
 *
 * Histograms: per feature and bin, the sums of gradient and hessian (and the row count when
 * min_samples_leaf needs it), interleaved in one slot of doubles. Counts are skipped when they add
 * nothing (25% faster): squared error has hessian 1, so the hessian sum is the exact count; with
 * min_samples_leaf 1, the min_child_weight guard (>= 1e-6) already rejects empty children. Only
 * the smaller child's histogram is built from its rows; the larger child's is the parent's minus
 * it (histogram subtraction), computed in the parent's slot; at the last split level (whose
 * children are leaves) it is never stored: the split search reads parent - smaller bin by bin (the
 * same doubles, so the same splits). Nodes at the last level get no histogram at all. Row indices
 * of a node are a contiguous range of one preallocated Uint32Array, partitioned stably in place;
 * the last split level does not partition but writes each row's leaf value (ws.rowValue), from
 * which the caller updates the training rows' raw scores. Nothing is allocated per row.
 *
 * The histogram kernel reads a row-major copy of the bin codes, rows padded to a multiple of 4
 * bytes with code 0 (only the real features are added): the gradient pair loaded once per row
 * (~2.5x faster in V8 than gathering the column-major codes feature by feature), then one
 * unrolled add per feature (the kernels' module is built for the fit's feature count; above 256
 * features a loop over the codes packed four to a Uint32). The (g, h) kernel is WebAssembly
 * (wasm-kernels.ts, about 2x the JavaScript loop), so the row indices, gradient pairs, codes and
 * histograms live in its memory: ws.idx, ws.gh, ws.rowCodes and ws.heap are views of it, rebuilt
 * when a deeper tree needs more histogram slots and the memory grows. Histograms are addressed by
 * their byte address there.
 * The (g, h, count) kernel (min_samples_leaf > 1) stays JavaScript over the same memory. Row
 * partitions, the leaf values of the last split level, the histogram subtraction and the split
 * search over (g, h) histograms run in WebAssembly too (the partition over a column-major copy of
 * the codes there). The raw scores, the labels and the leaf value of each row live there as well,
 * for the binary log-loss step of boosting.ts (kernel.step), which builds the next tree's root
 * histogram as it goes.
 *
 * Split gain (XGBoost / sklearn-hist): GL^2/(HL+l2) + GR^2/(HR+l2) - G^2/(H+l2); leaf value
 * -learning_rate * G/(H+l2), a Newton step. Missing values (bin 255) always go right.
 */
import { thresholdOf, type BinnedData } from './binning';
import type { NodeBuffer } from './ensemble';
import { acquireKernels, type BoostKernels } from './wasm-kernels';

export const HIST_BINS = 256;

export interface BoostGrowParams {
  max_depth: number;
  min_samples_leaf: number;
  min_child_weight: number;
  l2_regularization: number;
  learning_rate: number;
}

/**
 * Buffers reused across all trees of one fit. idx, gh, rowCodes and heap are views of the kernel's
 * memory: read them through the workspace after growBoostTree, which may replace them.
 */
export interface BoostWorkspace {
  data: BinnedData;
  /** doubles per bin: 3 (g, h, count) or 2 (g, h) */
  binStride: number;
  /** countFromHessian: the hessian sum is the row count (squared error) */
  countFromHessian: boolean;
  /** Uint32 words per row of the packed row-major codes */
  words: number;
  kernel: BoostKernels;
  /** byte addresses in the kernel's memory */
  idxAt: number;
  ghAt: number;
  codesAt: number;
  scratchAt: number;
  /** the column-major codes (data.codes) */
  columnsAt: number;
  /** the first histogram slot (kept all zeros: the `minus` of a materialised histogram) */
  zeroAt: number;
  /** raw scores (n x rawWidth doubles), labels (n doubles), each row's leaf value (n doubles) */
  rawAt: number;
  yAt: number;
  valuesAt: number;
  /** nBins as i32, the split search's result, the step's sums */
  nBinsAt: number;
  outAt: number;
  sumsAt: number;
  /** bytes per histogram slot */
  histBytes: number;
  /** histogram slots made so far, zero slot included, and the free ones */
  slots: number;
  freeSlots: number[];
  /** rows of the current tree in node order; the first `m` entries are used */
  idx: Uint32Array;
  /** gradient / hessian pairs of the current tree: gh[2r], gh[2r + 1] for row r */
  gh: Float64Array;
  rowCodes: Uint32Array;
  /** the whole memory as doubles: the histograms, at their byte address / 8 */
  heap: Float64Array;
  /** the whole memory as i32 */
  heap32: Int32Array;
  scratch: Uint32Array;
  /** raw scores of the training rows, rawWidth per row */
  raw: Float64Array;
  /** the labels, for the binary step (filled by its caller) */
  y: Float64Array;
  /** leaf value of each row in the last tree (set for the rows of its sample only) */
  rowValue: Float64Array;
  rawWidth: number;
}

export interface BoostWorkspaceOptions {
  maxDepth: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  /** true when every hessian is 1 (squared error) */
  unitHessian: boolean;
  /** raw scores per row (classes of softmax, else 1) */
  rawWidth: number;
}

const align16 = (n: number) => (n + 15) & ~15;

export function createBoostWorkspace(data: BinnedData, o: BoostWorkspaceOptions): BoostWorkspace {
  const countFromHessian = o.unitHessian;
  const needCounts = !countFromHessian && (o.minSamplesLeaf > 1 || o.minChildWeight < 1e-6);
  const binStride = needCounts ? 3 : 2;
  const { rows, cols, codes } = data;
  const words = Math.ceil(cols / 4);
  const idxAt = 0;
  const ghAt = align16(idxAt + 4 * rows);
  const codesAt = align16(ghAt + 16 * rows);
  const scratchAt = align16(codesAt + 4 * words * rows);
  const columnsAt = align16(scratchAt + 4 * rows);
  const rawAt = align16(columnsAt + rows * cols);
  const yAt = rawAt + 8 * rows * o.rawWidth;
  const valuesAt = yAt + 8 * rows;
  const nBinsAt = valuesAt + 8 * rows;
  const outAt = align16(nBinsAt + 4 * cols);
  const sumsAt = outAt + 32;
  const zeroAt = sumsAt + 16;
  const histBytes = words * 4 * HIST_BINS * binStride * 8;
  // a depth-d tree holds at most 2^(d-1) histograms at once (one level's nodes), plus the zero slot
  const slots = 1 + 2 ** Math.min(Math.max(o.maxDepth - 1, 0), 4);
  const kernel = acquireKernels(zeroAt + slots * histBytes, cols);
  const ws: BoostWorkspace = {
    data,
    binStride,
    countFromHessian,
    words,
    kernel,
    idxAt,
    ghAt,
    codesAt,
    scratchAt,
    columnsAt,
    zeroAt,
    rawAt,
    yAt,
    valuesAt,
    nBinsAt,
    outAt,
    sumsAt,
    histBytes,
    slots: 1,
    freeSlots: [],
    idx: new Uint32Array(0),
    gh: new Float64Array(0),
    rowCodes: new Uint32Array(0),
    heap: new Float64Array(0),
    heap32: new Int32Array(0),
    scratch: new Uint32Array(0),
    raw: new Float64Array(0),
    y: new Float64Array(0),
    rowValue: new Float64Array(0),
    rawWidth: o.rawWidth,
  };
  refreshViews(ws);
  for (let s = slots - 1; s >= 1; s--) ws.freeSlots.push(zeroAt + s * histBytes);
  ws.slots = slots;
  // byte k of a little-endian Uint32 is bits 8k..8k+7 (checked by serialize's assertLittleEndian too)
  new Uint8Array(kernel.memory.buffer, columnsAt, rows * cols).set(codes);
  new Int32Array(kernel.memory.buffer, nBinsAt, cols).set(data.nBins);
  // row-major codes, four features to a word (the padding features' bytes 0)
  const packed = new Uint32Array(kernel.memory.buffer, codesAt, rows * words);
  const zeros = cols % 4 ? new Uint8Array(rows) : codes;
  for (let q = 0; q < words; q++) {
    const j = 4 * q;
    const [a, b, c, d] = [j, j + 1, j + 2, j + 3].map((f) =>
      f < cols ? codes.subarray(f * rows, (f + 1) * rows) : zeros,
    );
    for (let i = 0, w = q; i < rows; i++, w += words)
      packed[w] = a[i] | (b[i] << 8) | (c[i] << 16) | (d[i] << 24);
  }
  return ws;
}

function refreshViews(ws: BoostWorkspace): void {
  const buffer = ws.kernel.memory.buffer;
  const rows = ws.data.rows;
  ws.idx = new Uint32Array(buffer, ws.idxAt, rows);
  ws.scratch = new Uint32Array(buffer, ws.scratchAt, rows);
  ws.gh = new Float64Array(buffer, ws.ghAt, 2 * rows);
  ws.rowCodes = new Uint32Array(buffer, ws.codesAt, rows * ws.words);
  ws.heap = new Float64Array(buffer);
  ws.heap32 = new Int32Array(buffer);
  ws.raw = new Float64Array(buffer, ws.rawAt, rows * ws.rawWidth);
  ws.y = new Float64Array(buffer, ws.yAt, rows);
  ws.rowValue = new Float64Array(buffer, ws.valuesAt, rows);
}

interface PendingNode {
  node: number;
  start: number;
  end: number;
  G: number;
  H: number;
  /** byte address of the node's histogram slot, -1 for none */
  hist: number;
  /** the node's histogram is hist - minus (a sibling's, not subtracted in place), or hist alone (-1) */
  minus: number;
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
  GL: number;
  HL: number;
}

/** Sums of the gradients and of the hessians over a tree's rows, in ws.idx order. */
export interface RootSums {
  G: number;
  H: number;
}

/**
 * Grows a tree over rows ws.idx[0..m) with the gradient/hessian pairs in ws.gh, appending its
 * nodes to `nodes` and recording each row's leaf value in ws.rowValue. `sums`: the root's sums
 * when the caller has them; `rootHist`: the root's histogram when the caller built it (a slot from
 * acquireRootHistogram), else -1.
 */
export function growBoostTree(
  ws: BoostWorkspace,
  m: number,
  params: BoostGrowParams,
  nodes: NodeBuffer,
  sums: RootSums | null = null,
  rootHist = -1,
): void {
  const { data } = ws;
  nodes.startTree();
  let G = 0;
  let H = 0;
  if (sums) {
    G = sums.G;
    H = sums.H;
  } else {
    const { idx, gh } = ws;
    for (let k = 0; k < m; k++) {
      const r = idx[k];
      G += gh[2 * r];
      H += gh[2 * r + 1];
    }
  }
  const root: PendingNode = { node: nodes.alloc(1), start: 0, end: m, G, H, hist: -1, minus: -1 };
  let level: PendingNode[] = [root];
  if (rootHist >= 0) {
    root.hist = rootHist;
  } else if (params.max_depth > 0) {
    root.hist = acquire(ws);
    buildHistogram(ws, root.hist, 0, m);
  }
  for (let depth = 0; depth < params.max_depth && level.length > 0; depth++) {
    const next: PendingNode[] = [];
    const childrenSplit = depth + 1 < params.max_depth;
    for (const nd of level) {
      const split = nd.hist >= 0 ? findSplit(ws, nd, params) : null;
      if (!split) {
        finishLeaf(ws, nd, params, nodes);
        if (nd.hist >= 0) release(ws, nd.hist);
        continue;
      }
      const first = nodes.alloc(2);
      nodes.feature[nd.node] = split.feature;
      nodes.threshold[nd.node] = thresholdOf(data, split.feature, split.bin);
      nodes.left[nd.node] = first;
      nodes.gain[nd.node] = split.gain;
      const parentHist = nd.hist;
      if (!childrenSplit) {
        // the children are leaves: each row learns its leaf value, the rows are not reordered
        setLeafValue(nodes, first, split.GL, split.HL, params);
        setLeafValue(nodes, first + 1, nd.G - split.GL, nd.H - split.HL, params);
        const column = ws.columnsAt + split.feature * data.rows;
        const { value } = nodes;
        ws.kernel.assign(
          ws.idxAt,
          nd.start,
          nd.end,
          column,
          split.bin,
          ws.valuesAt,
          value[first],
          value[first + 1],
        );
        release(ws, parentHist);
        continue;
      }
      const mid = partition(ws, nd.start, nd.end, split.feature, split.bin);
      const left: PendingNode = {
        node: first,
        start: nd.start,
        end: mid,
        G: split.GL,
        H: split.HL,
        hist: -1,
        minus: -1,
      };
      const right: PendingNode = {
        node: first + 1,
        start: mid,
        end: nd.end,
        G: nd.G - split.GL,
        H: nd.H - split.HL,
        hist: -1,
        minus: -1,
      };
      const small = left.end - left.start <= right.end - right.start ? left : right;
      const large = small === left ? right : left;
      small.hist = acquire(ws);
      buildHistogram(ws, small.hist, small.start, small.end);
      large.hist = parentHist;
      // children at the last split level only need their histogram for findSplit, which reads
      // parent - small itself; above it the larger child's is materialised for its children
      if (depth + 2 >= params.max_depth) large.minus = small.hist;
      else ws.kernel.subtract(parentHist, small.hist, data.cols * HIST_BINS * ws.binStride * 8);
      next.push(left, right);
    }
    level = next;
  }
  for (const nd of level) {
    finishLeaf(ws, nd, params, nodes);
    if (nd.hist >= 0) release(ws, nd.hist);
  }
}

function setLeafValue(nodes: NodeBuffer, node: number, G: number, H: number, params: BoostGrowParams): void {
  const den = H + params.l2_regularization;
  nodes.value[node] = den > 1e-150 ? (-params.learning_rate * G) / den : 0;
}

/** A node that stays a leaf: its value, and its rows' leaf value. */
function finishLeaf(ws: BoostWorkspace, nd: PendingNode, params: BoostGrowParams, nodes: NodeBuffer): void {
  setLeafValue(nodes, nd.node, nd.G, nd.H, params);
  const { idx, rowValue } = ws;
  const v = nodes.value[nd.node];
  for (let k = nd.start; k < nd.end; k++) rowValue[idx[k]] = v;
}

/** A free histogram slot's byte address; grows the kernel's memory (and renews the views) when none is left. */
function acquire(ws: BoostWorkspace): number {
  const free = ws.freeSlots.pop();
  if (free !== undefined) return free;
  const at = ws.zeroAt + ws.slots * ws.histBytes;
  ws.slots++;
  ws.kernel.grow(at + ws.histBytes);
  refreshViews(ws);
  return at;
}

function release(ws: BoostWorkspace, hist: number): void {
  ws.freeSlots.push(hist);
}

/**
 * A zeroed histogram slot for the next tree's root, to be filled by the caller (the binary step)
 * and handed to growBoostTree as rootHist. May grow the memory (renewing the views).
 */
export function acquireRootHistogram(ws: BoostWorkspace): number {
  const at = acquire(ws);
  const base = at >> 3;
  ws.heap.fill(0, base, base + ws.data.cols * HIST_BINS * ws.binStride);
  return at;
}

/** The hot loop: per-feature histograms of the rows idx[start..end) into the slot at byte address `at`. */
function buildHistogram(ws: BoostWorkspace, at: number, start: number, end: number): void {
  // the padding feature block collects garbage that nothing reads: only real features are zeroed
  const base = at >> 3;
  ws.heap.fill(0, base, base + ws.data.cols * HIST_BINS * ws.binStride);
  if (ws.binStride === 3) {
    buildHistogram3(ws, base, start, end);
    return;
  }
  const cols = ws.data.cols;
  ws.kernel.hist(ws.idxAt, start, end, ws.ghAt, ws.codesAt, ws.words * 4, at, cols >> 2, cols & 3);
}

/** (g, h, count) histograms at heap[base..] (the padding features go to a block nothing reads). */
function buildHistogram3(ws: BoostWorkspace, base: number, start: number, end: number): void {
  const { idx, rowCodes, words, gh, heap } = ws;
  const F = HIST_BINS * 3;
  for (let k = start; k < end; k++) {
    const r = idx[k];
    const g = gh[2 * r];
    const h = gh[2 * r + 1];
    let w = r * words;
    let b = base;
    for (let q = 0; q < words; q++, w++) {
      const v = rowCodes[w];
      let o = b + (v & 255) * 3;
      heap[o] += g;
      heap[o + 1] += h;
      heap[o + 2] += 1;
      o = b + F + ((v >>> 8) & 255) * 3;
      heap[o] += g;
      heap[o + 1] += h;
      heap[o + 2] += 1;
      o = b + 2 * F + ((v >>> 16) & 255) * 3;
      heap[o] += g;
      heap[o + 1] += h;
      heap[o + 2] += 1;
      o = b + 3 * F + (v >>> 24) * 3;
      heap[o] += g;
      heap[o + 1] += h;
      heap[o + 2] += 1;
      b += 4 * F;
    }
  }
}

/**
 * The split search. The common case (g, h histograms, no row counts: min_samples_leaf 1) is the
 * kernel's `split`, over the node's histogram or over that minus its sibling's: the sums and
 * comparisons of findSplitCounted in that case (the same doubles).
 */
function findSplit(ws: BoostWorkspace, nd: PendingNode, params: BoostGrowParams): Split | null {
  if (ws.binStride === 2 && !ws.countFromHessian) {
    if (nd.end - nd.start < 2 * params.min_samples_leaf) return null;
    const { l2_regularization: l2, min_child_weight: mcw } = params;
    const feature = ws.kernel.split(
      nd.hist,
      nd.minus,
      ws.nBinsAt,
      ws.data.cols,
      nd.G,
      nd.H,
      l2,
      mcw,
      ws.outAt,
    );
    if (feature < 0) return null;
    const out = ws.outAt >> 3;
    const { heap } = ws;
    return {
      feature,
      bin: ws.heap32[(ws.outAt + 24) >> 2],
      gain: heap[out],
      GL: heap[out + 1],
      HL: heap[out + 2],
    };
  }
  return findSplitCounted(ws, nd, params);
}

function findSplitCounted(ws: BoostWorkspace, nd: PendingNode, params: BoostGrowParams): Split | null {
  const { nBins, cols } = ws.data;
  const heap = ws.heap;
  const hist = nd.hist >> 3;
  // x - 0 is x exactly, so a materialised histogram reads the same through the zero slot
  const d = (nd.minus >= 0 ? nd.minus : ws.zeroAt) / 8 - hist;
  const l2 = params.l2_regularization;
  const msl = params.min_samples_leaf;
  const mcw = params.min_child_weight;
  const G = nd.G;
  const H = nd.H;
  const C = nd.end - nd.start;
  if (C < 2 * msl) return null;
  const stride = ws.binStride;
  // counts: from the histogram, from the hessian (squared error), or not needed (msl 1: mcw guards)
  const counted = stride === 3;
  const fromH = ws.countFromHessian;
  const parentScore = (G * G) / (H + l2);
  let bestGain = 0;
  let bestFeature = -1;
  let bestBin = 0;
  let bestGL = 0;
  let bestHL = 0;
  for (let j = 0; j < cols; j++) {
    const base = hist + j * HIST_BINS * stride;
    // the last value bin is a split point only when it leaves the missing rows on the right
    const last = nBins[j] - 1;
    let GL = 0;
    let HL = 0;
    let CL = 0;
    for (let b = 0; b <= last; b++) {
      const o = base + b * stride;
      GL += heap[o] - heap[o + d];
      HL += heap[o + 1] - heap[o + 1 + d];
      if (counted) CL += heap[o + 2] - heap[o + 2 + d];
      else if (fromH) CL = HL;
      if (HL < mcw) continue;
      const HR = H - HL;
      if (HR < mcw) break;
      if (counted || fromH) {
        if (CL < msl) continue;
        if (C - CL < msl) break;
      }
      const GR = G - GL;
      const gain = (GL * GL) / (HL + l2) + (GR * GR) / (HR + l2) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = j;
        bestBin = b;
        bestGL = GL;
        bestHL = HL;
      }
    }
  }
  if (bestFeature < 0) return null;
  return { feature: bestFeature, bin: bestBin, gain: bestGain, GL: bestGL, HL: bestHL };
}

/** Stable partition of idx[start..end): code <= bin first (missing is bin 255: right). Returns the split point. */
function partition(ws: BoostWorkspace, start: number, end: number, feature: number, bin: number): number {
  const column = ws.columnsAt + feature * ws.data.rows;
  const l = ws.kernel.partition(ws.idxAt, start, end, column, bin, ws.scratchAt);
  ws.idx.set(ws.scratch.subarray(0, end - l), l);
  return l;
}
