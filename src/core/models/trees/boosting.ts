/**
 * gbc and gbr: histogram gradient boosting on typed arrays.
 *
 * Why hand-written: no JavaScript library offers fast histogram boosting on typed arrays with
 * deterministic seeds and a compact serialisation. The tfjs decision-forest package only runs
 * inference of models trained in Python; the pure-JS GBDT/random-forest packages on npm fit exact
 * (sorting) trees on arrays of objects, 10-100x slower, without seeds or early stopping. The
 * algorithm follows XGBoost's / scikit-learn's HistGradientBoosting: quantile bins, gradient and
 * hessian histograms with subtraction, Newton leaf values.
 *
 * gbc: binary log-loss (one tree per iteration on the log-odds; initial score = log-odds of the
 * class-1 prior, like sklearn) or multi-class softmax (one tree per class per iteration; initial
 * scores = log of the class priors; hessian p(1-p)). gbr: squared error (initial score = mean).
 * Defaults and names are scikit-learn's (see params.ts).
 */
import type { FitReport, Labels } from '../types';
import { createRng, type Rng } from '../../util/rng';
import { throwIfCancelled, yieldToEventLoop } from '../../util/progress';
import { binMatrix } from './binning';
import { addTreeValues, gainImportance, NodeBuffer } from './ensemble';
import {
  acquireRootHistogram,
  createBoostWorkspace,
  growBoostTree,
  type BoostWorkspace,
  type RootSums,
} from './grow-boost';
import { exp } from './exp';
import { releaseKernels } from './wasm-kernels';
import { TreeModel } from './model';
import {
  BOOSTING_DEFAULTS,
  countClasses,
  resolveParams,
  type BoostingParams,
  type TreeFitOptions,
} from './params';
import { checkXy, sliceRows } from './matrix-util';
import { DataError, InputError } from '../../errors';

export interface TreeFitResult {
  model: TreeModel;
  report: FitReport;
}

/** Histogram gradient boosting classifier (binary log-loss or softmax). */
export async function fitGbc(options: TreeFitOptions<BoostingParams>): Promise<TreeFitResult> {
  const nClasses = countClasses(options.y, options.nClasses);
  return fitBoosting(options, nClasses === 2 ? 'binary' : 'softmax', nClasses);
}

/** Histogram gradient boosting regressor (squared error). */
export async function fitGbr(options: TreeFitOptions<BoostingParams>): Promise<TreeFitResult> {
  return fitBoosting(options, 'squared', 1);
}

type Loss = 'binary' | 'softmax' | 'squared';

/** How often a fit yields to the event loop so a worker can receive a cancel message. */
const YIELD_EVERY_MS = 50;

async function fitBoosting(options: TreeFitOptions<BoostingParams>, loss: Loss, nClasses: number) {
  const t0 = performance.now();
  const params = resolveParams(BOOSTING_DEFAULTS, options.params);
  validateParams(params);
  checkXy(options.X, options.y);
  let X = options.X;
  let y = options.y;
  let valid = options.validation ?? null;
  const earlyStop = params.n_iter_no_change !== null && params.n_iter_no_change > 0;
  if (earlyStop && !valid) {
    // time-ordered data: the validation rows are the tail of the training rows, never a shuffle
    const nVal = Math.floor(X.rows * params.validation_fraction);
    const nTrain = X.rows - nVal - params.validation_gap;
    if (nVal < 1 || nTrain < 2)
      throw new DataError(
        'too-few-rows',
        'too few rows for validation_fraction early stopping: raise validation_fraction, use a longer train_window or turn early stopping off (n_iter_no_change)',
      );
    valid = { X: sliceRows(X, X.rows - nVal, X.rows), y: y.subarray(X.rows - nVal) };
    X = sliceRows(X, 0, nTrain);
    y = y.subarray(0, nTrain);
  }
  if (valid) checkXy(valid.X, valid.y);
  const n = X.rows;
  const K = loss === 'softmax' ? nClasses : 1;

  const data = binMatrix(X, { maxBins: params.max_bins, seed: params.seed });
  const ws = createBoostWorkspace(data, {
    maxDepth: params.max_depth,
    minSamplesLeaf: params.min_samples_leaf,
    minChildWeight: params.min_child_weight,
    unitHessian: loss === 'squared',
    rawWidth: K,
  });
  // the next fit on this thread reuses the kernels' memory
  try {
    const nodes = new NodeBuffer(
      1,
      Math.min(1 << 16, params.n_estimators * K * (2 ** (params.max_depth + 1) - 1)),
    );
    const rng = createRng(params.seed);

    const initScore = initialScores(y, loss, K);
    // the raw scores live in the kernels' memory (the binary step updates them there); growBoostTree
    // may grow that memory, which renews ws.raw
    let raw = ws.raw;
    for (let i = 0; i < n; i++) for (let c = 0; c < K; c++) raw[i * K + c] = initScore[c];
    const rawVal = valid ? new Float64Array(valid.X.rows * K) : null;
    if (rawVal) for (let i = 0; i < rawVal.length; i++) rawVal[i] = initScore[i % K];

    const proba = loss === 'softmax' ? new Float64Array(n * K) : null;
    const sample = K > 1 ? new Uint32Array(n) : null;
    const lossHistory: number[] = [];
    const valHistory: number[] = [];
    let bestVal = Infinity;
    let bestIter = 0;
    let sinceBest = 0;
    let built = 0;
    let lastYield = performance.now();
    const track = options.trackTrainLoss ?? false;

    // binary log-loss on all rows without the loss curve: after each tree one pass over the rows adds
    // the leaf values, computes the next tree's gradients, refills the row list and builds the next
    // root's (g, h) histogram (the same doubles as the separate loops); `ahead` holds those
    // gradients' sums, `aheadHist` that histogram (-1: none)
    const fused = loss === 'binary' && params.subsample >= 1 && !track;
    if (fused) ws.y.set(y);
    let ahead: RootSums | null = null;
    let aheadHist = -1;

    for (let it = 0; it < params.n_estimators; it++) {
      throwIfCancelled(options.signal);
      const m = ahead ? n : drawRows(ws.idx, n, params.subsample, rng);
      // softmax: every class's tree starts from the drawn rows in row order, not from the order the
      // previous class's tree partitioned them into
      if (sample) sample.set(ws.idx.subarray(0, m));
      const trainLoss = ahead
        ? NaN
        : loss === 'binary'
          ? binaryGradients(raw, y, ws.gh, track)
          : loss === 'squared'
            ? squaredGradients(raw, y, ws.gh)
            : softmaxProba(raw, y, proba as Float64Array, n, K, track);
      if (it > 0 && track) lossHistory.push(trainLoss);
      for (let c = 0; c < K; c++) {
        // gradient / hessian pairs interleaved in the workspace (growBoostTree may renew ws.gh):
        // gh[2i] = gradient, gh[2i + 1] = hessian of row i
        if (proba) softmaxGradients(proba, y, ws.gh, n, K, c);
        if (sample && c > 0) ws.idx.set(sample.subarray(0, m));
        const root = nodes.size;
        growBoostTree(ws, m, params, nodes, ahead, aheadHist);
        raw = ws.raw;
        ahead = null;
        aheadHist = -1;
        if (fused && it + 1 < params.n_estimators) {
          aheadHist = ws.binStride === 2 ? acquireRootHistogram(ws) : -1;
          raw = ws.raw;
          ahead = binaryStep(ws, n, aheadHist);
        } else if (m === n) {
          // every row is in the tree: the leaf value each row landed on gives its update without a traversal
          const { rowValue } = ws;
          for (let i = 0; i < n; i++) raw[i * K + c] += rowValue[i];
        } else {
          addTreeValues(nodes, root, X, raw, K, c);
        }
        if (rawVal && valid) addTreeValues(nodes, root, valid.X, rawVal, K, c);
      }
      built = it + 1;
      if (rawVal && valid) {
        const vl = lossOf(loss, rawVal, valid.y, K);
        valHistory.push(vl);
        if (vl < bestVal - params.tol) {
          bestVal = vl;
          bestIter = built;
          sinceBest = 0;
        } else {
          sinceBest++;
        }
      }
      options.onProgress?.({
        stage: 'training',
        fraction: built / params.n_estimators,
        message: `tree ${built * K}/${params.n_estimators * K}`,
        detail: track ? { iteration: built, trainLoss } : { iteration: built },
      });
      if (earlyStop && sinceBest >= (params.n_iter_no_change as number)) break;
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    // the training loss after the last iteration (the whole curve only with trackTrainLoss)
    lossHistory.push(lossOf(loss, raw, y, K));
    // early stopping keeps the iterations up to the best validation loss
    const kept = earlyStop ? Math.max(1, bestIter) : built;
    const ensemble = nodes.finish(X.cols, kept * K);
    const model = new TreeModel({
      kind: loss === 'squared' ? 'gbr' : 'gbc',
      nClasses: loss === 'squared' ? 1 : nClasses,
      ensemble,
      initScore,
      binEdges: data.edges,
      params,
      importance: gainImportance(ensemble),
    });
    const report: FitReport = {
      fitSeconds: (performance.now() - t0) / 1000,
      iterations: kept,
      history: valHistory.length > 0 ? { loss: lossHistory, valLoss: valHistory } : { loss: lossHistory },
      backend: 'js',
    };
    return { model, report };
  } finally {
    releaseKernels(ws.kernel);
  }
}

function validateParams(p: BoostingParams): void {
  if (!(p.n_estimators >= 1)) throw new InputError('params.n_estimators', 'n_estimators must be >= 1');
  if (!(p.learning_rate > 0)) throw new InputError('params.learning_rate', 'learning_rate must be > 0');
  if (!(p.max_depth >= 1 && p.max_depth <= 20))
    throw new InputError('params.max_depth', 'max_depth must be in 1..20');
  if (!(p.min_samples_leaf >= 1))
    throw new InputError('params.min_samples_leaf', 'min_samples_leaf must be >= 1');
  if (!(p.subsample > 0 && p.subsample <= 1))
    throw new InputError('params.subsample', 'subsample must be in (0, 1]');
  if (!(p.validation_fraction > 0 && p.validation_fraction < 1))
    throw new InputError('params.validation_fraction', 'validation_fraction must be in (0, 1)');
}

function initialScores(y: Labels, loss: Loss, K: number): Float64Array {
  const n = y.length;
  if (loss === 'squared') {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    return Float64Array.of(s / n);
  }
  const eps = 1e-15;
  if (loss === 'binary') {
    let pos = 0;
    for (let i = 0; i < n; i++) pos += y[i];
    const p = Math.min(1 - eps, Math.max(eps, pos / n));
    return Float64Array.of(Math.log(p / (1 - p)));
  }
  const counts = new Float64Array(K);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  return counts.map((c) => Math.log(Math.max(eps, c / n)));
}

/** Rows of this iteration into idx: all rows, or a seeded sample without replacement, in row order. */
function drawRows(idx: Uint32Array, n: number, subsample: number, rng: Rng): number {
  if (subsample >= 1) {
    for (let i = 0; i < n; i++) idx[i] = i;
    return n;
  }
  // selection sampling (Knuth's algorithm S): exactly `want` rows, order preserved
  const want = Math.max(1, Math.floor(subsample * n));
  let m = 0;
  for (let i = 0; i < n && m < want; i++) {
    if ((n - i) * rng.next() < want - m) idx[m++] = i;
  }
  return m;
}

/** Gradients and hessians of the binary log-loss at raw; returns the mean loss at raw (NaN unless track). */
function binaryGradients(raw: Float64Array, y: Labels, gh: Float64Array, track: boolean): number {
  for (let i = 0; i < raw.length; i++) {
    const p = 1 / (1 + exp(-raw[i]));
    gh[2 * i] = p - y[i];
    gh[2 * i + 1] = p * (1 - p);
  }
  if (!track) return NaN;
  let loss = 0;
  for (let i = 0; i < raw.length; i++) loss += softplus(raw[i]) - y[i] * raw[i];
  return loss / raw.length;
}

/**
 * ws.raw += each row's leaf value, then binaryGradients at the new raw (labels ws.y) into ws.gh,
 * all rows into ws.idx and, with hist >= 0, the (g, h) histogram of all rows in row order into the
 * zeroed slot at hist: one pass in the kernel (its exp is exp.ts's, so the same doubles). Returns
 * the gradient and hessian sums in row order (the root's sums).
 */
function binaryStep(ws: BoostWorkspace, n: number, hist: number): RootSums {
  const cols = ws.data.cols;
  const [full, tail] = hist >= 0 ? [cols >> 2, cols & 3] : [0, 0];
  ws.kernel.step(
    n,
    ws.rawAt,
    ws.yAt,
    ws.valuesAt,
    ws.ghAt,
    ws.idxAt,
    ws.codesAt,
    ws.words * 4,
    hist,
    full,
    tail,
    ws.sumsAt,
  );
  const s = ws.sumsAt >> 3;
  return { G: ws.heap[s], H: ws.heap[s + 1] };
}

function squaredGradients(raw: Float64Array, y: Labels, gh: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i] - y[i];
    gh[2 * i] = d;
    gh[2 * i + 1] = 1;
    loss += d * d;
  }
  return loss / (2 * raw.length);
}

/** Softmax probabilities of every row into proba; returns the mean cross-entropy at raw. */
function softmaxProba(
  raw: Float64Array,
  y: Labels,
  proba: Float64Array,
  n: number,
  K: number,
  track: boolean,
): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (raw[o + c] > max) max = raw[o + c];
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const v = Math.exp(raw[o + c] - max);
      proba[o + c] = v;
      sum += v;
    }
    for (let c = 0; c < K; c++) proba[o + c] /= sum;
    if (track) loss -= raw[o + y[i]] - max - Math.log(sum);
  }
  return track ? loss / n : NaN;
}

function softmaxGradients(
  proba: Float64Array,
  y: Labels,
  gh: Float64Array,
  n: number,
  K: number,
  c: number,
): void {
  for (let i = 0; i < n; i++) {
    const p = proba[i * K + c];
    gh[2 * i] = p - (y[i] === c ? 1 : 0);
    gh[2 * i + 1] = p * (1 - p);
  }
}

/** log(1 + e^x) without overflow; the binary log-loss of raw score x is softplus(x) - y x. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Mean loss of raw scores (validation and the final training loss). */
function lossOf(loss: Loss, raw: Float64Array, y: Labels, K: number): number {
  const n = y.length;
  let s = 0;
  if (loss === 'squared') {
    for (let i = 0; i < n; i++) s += (raw[i] - y[i]) ** 2;
    return s / (2 * n);
  }
  if (loss === 'binary') {
    for (let i = 0; i < n; i++) s += softplus(raw[i]) - y[i] * raw[i];
    return s / n;
  }
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (raw[o + c] > max) max = raw[o + c];
    let sum = 0;
    for (let c = 0; c < K; c++) sum += Math.exp(raw[o + c] - max);
    s -= raw[o + y[i]] - max - Math.log(sum);
  }
  return s / n;
}
