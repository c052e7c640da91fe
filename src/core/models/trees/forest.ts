/**
 * rfc: random forest classifier on binned data (bootstrap, 'sqrt' features per split, Gini,
 * probabilities = mean over trees of the leaf class frequencies, like scikit-learn).
 *
 * Hand-written for the same reasons as boosting (see boosting.ts). Tree t draws everything from its
 * own generator seeded by treeSeed(seed, t), so trees are independent of each other: a worker pool
 * can build [0, 50) and [50, 100) apart with fitForestTrees and mergeForestParts gives the model a
 * single-thread fit gives, bit for bit.
 */
import type { FitReport, Labels } from '../types';
import { createRng } from '../../util/rng';
import { throwIfCancelled, yieldToEventLoop, type CancelSignal, type ProgressFn } from '../../util/progress';
import { binMatrix, type BinnedData } from './binning';
import { concatEnsembles, gainImportance, NodeBuffer, type TreeEnsemble } from './ensemble';
import { createForestWorkspace, growForestTree, type ForestGrowParams } from './grow-forest';
import { TreeModel } from './model';
import {
  countClasses,
  FOREST_DEFAULTS,
  MAX_FOREST_DEPTH,
  resolveParams,
  type ForestParams,
  type TreeFitOptions,
} from './params';
import { checkXy } from './matrix-util';
import type { TreeFitResult } from './boosting';
import { InputError, InternalError } from '../../errors';

/** The seed of tree t's generator: a 32-bit mix of the base seed and the tree index. */
export function treeSeed(seed: number, t: number): number {
  let h = (seed ^ Math.imul(t + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function resolveMaxFeatures(maxFeatures: ForestParams['max_features'], cols: number): number {
  if (maxFeatures === null) return cols;
  if (maxFeatures === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(cols)));
  if (maxFeatures === 'log2') return Math.max(1, Math.floor(Math.log2(cols)));
  if (maxFeatures > 0 && maxFeatures < 1) return Math.max(1, Math.floor(maxFeatures * cols));
  if (maxFeatures >= 1) return Math.min(cols, Math.floor(maxFeatures));
  throw new InputError(
    'params.max_features',
    `invalid max_features ${String(maxFeatures)}: use sqrt, log2, a count >= 1 or a fraction in (0, 1)`,
  );
}

/** A contiguous range of trees built by one worker. */
export interface ForestPart {
  from: number;
  to: number;
  ensemble: TreeEnsemble;
}

export interface FitForestTreesOptions {
  data: BinnedData;
  /** class index per row */
  y: Labels;
  nClasses: number;
  params?: Partial<ForestParams>;
  /** trees [from, to) of the forest */
  treeRange: [number, number];
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

const YIELD_EVERY_MS = 50;

/** Builds trees [from, to) of the forest on binned data (what a pool worker runs). */
export async function fitForestTrees(options: FitForestTreesOptions): Promise<ForestPart> {
  const params = resolveParams(FOREST_DEFAULTS, options.params);
  const { data, nClasses } = options;
  const [from, to] = options.treeRange;
  if (!(from >= 0 && to >= from)) throw new InternalError(`bad tree range [${from}, ${to})`);
  if (options.y.length !== data.rows)
    throw new InternalError(`${options.y.length} labels for ${data.rows} rows`);
  const y = Int32Array.from(options.y);
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0 || y[i] >= nClasses)
      throw new InternalError(`label ${y[i]} out of range for ${nClasses} classes`);
  }
  const grow: ForestGrowParams = {
    maxDepth: Math.min(params.max_depth ?? MAX_FOREST_DEPTH, MAX_FOREST_DEPTH),
    minSamplesSplit: Math.max(2, params.min_samples_split),
    minSamplesLeaf: Math.max(1, params.min_samples_leaf),
    maxFeatures: resolveMaxFeatures(params.max_features, data.cols),
    bootstrap: params.bootstrap,
  };
  const ws = createForestWorkspace(data, y, nClasses);
  const nodes = new NodeBuffer(nClasses, 4096);
  let lastYield = performance.now();
  for (let t = from; t < to; t++) {
    throwIfCancelled(options.signal);
    growForestTree(ws, createRng(treeSeed(params.seed, t)), grow, nodes);
    options.onProgress?.({
      stage: 'training',
      fraction: (t + 1 - from) / Math.max(1, to - from),
      message: `tree ${t + 1 - from}/${to - from}`,
      detail: { tree: t },
    });
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  return { from, to, ensemble: nodes.finish(data.cols) };
}

/** Joins parts covering [0, n) without gaps (in any order) into one ensemble in tree order. */
export function mergeForestParts(parts: ForestPart[]): TreeEnsemble {
  const sorted = [...parts].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const p of sorted) {
    if (p.from !== next) throw new InternalError(`forest parts leave a gap or overlap at tree ${next}`);
    next = p.to;
  }
  return concatEnsembles(sorted.filter((p) => p.to > p.from).map((p) => p.ensemble));
}

/** The rfc model from merged parts and the binned data they were fitted on. */
export function forestModelFromParts(options: {
  data: BinnedData;
  nClasses: number;
  params?: Partial<ForestParams>;
  parts: ForestPart[];
}): TreeModel {
  const ensemble = mergeForestParts(options.parts);
  return new TreeModel({
    kind: 'rfc',
    nClasses: options.nClasses,
    ensemble,
    initScore: new Float64Array(0),
    binEdges: options.data.edges,
    params: resolveParams(FOREST_DEFAULTS, options.params),
    importance: gainImportance(ensemble),
  });
}

/** Single-thread rfc fit (the pool splits fitForestTrees across workers instead). */
export async function fitRfc(options: TreeFitOptions<ForestParams>): Promise<TreeFitResult> {
  const t0 = performance.now();
  checkXy(options.X, options.y);
  const params = resolveParams(FOREST_DEFAULTS, options.params);
  if (!(params.n_estimators >= 1)) throw new InputError('params.n_estimators', 'n_estimators must be >= 1');
  const nClasses = countClasses(options.y, options.nClasses);
  const data = binMatrix(options.X, { maxBins: params.max_bins, seed: params.seed });
  const part = await fitForestTrees({
    data,
    y: options.y,
    nClasses,
    params,
    treeRange: [0, params.n_estimators],
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const model = forestModelFromParts({ data, nClasses, params, parts: [part] });
  const report: FitReport = {
    fitSeconds: (performance.now() - t0) / 1000,
    iterations: params.n_estimators,
    backend: 'js',
  };
  return { model, report };
}
