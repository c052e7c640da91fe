/**
 * The 'tree-ensemble/1' format checked field by field (README.md "Serialisation"), for model
 * files from outside: `checkTreeHeader` accepts exactly the documented header (every size within
 * MODEL_FILE_LIMITS, every list as long as the counts it depends on) and returns the byte length
 * each payload blob must have; `checkTreeBlobs` then refuses NaN, out-of-range features and
 * children that do not follow their parent. Both throw RefusedError naming the file and field.
 */
import { FileCheck, MODEL_FILE_LIMITS as L } from '../file-check';
import type { SerializedModel } from '../types';
import { PAYLOAD } from './serialize';

const HEADER_KEYS = [
  'kind',
  'task',
  'nClasses',
  'nFeatures',
  'nTrees',
  'nNodes',
  'valueStride',
  'initScore',
  'params',
  'importance',
  'binEdgeCounts',
  'byteOrder',
] as const;
const MAX_INT = Number.MAX_SAFE_INTEGER;

function checkBoostingParams(c: FileCheck, p: unknown, f: string) {
  const o = c.keys(p, f, [
    'n_estimators',
    'learning_rate',
    'max_depth',
    'min_samples_leaf',
    'min_child_weight',
    'l2_regularization',
    'subsample',
    'max_bins',
    'seed',
    'n_iter_no_change',
    'validation_fraction',
    'validation_gap',
    'tol',
  ]);
  c.int(o.n_estimators, `${f}.n_estimators`, 1, L.trees);
  c.num(o.learning_rate, `${f}.learning_rate`, { min: 0 });
  c.int(o.max_depth, `${f}.max_depth`, 1, 64);
  c.int(o.min_samples_leaf, `${f}.min_samples_leaf`, 1, MAX_INT);
  c.num(o.min_child_weight, `${f}.min_child_weight`, { min: 0 });
  c.num(o.l2_regularization, `${f}.l2_regularization`, { min: 0 });
  c.num(o.subsample, `${f}.subsample`, { min: 0, max: 1 });
  c.int(o.max_bins, `${f}.max_bins`, 2, 255);
  c.int(o.seed, `${f}.seed`, -MAX_INT, MAX_INT);
  if (o.n_iter_no_change !== null) c.int(o.n_iter_no_change, `${f}.n_iter_no_change`, 1, MAX_INT);
  c.num(o.validation_fraction, `${f}.validation_fraction`, { min: 0, max: 1 });
  c.int(o.validation_gap, `${f}.validation_gap`, 0, MAX_INT);
  c.num(o.tol, `${f}.tol`, { min: 0 });
}

function checkForestParams(c: FileCheck, p: unknown, f: string) {
  const o = c.keys(p, f, [
    'n_estimators',
    'max_depth',
    'min_samples_split',
    'min_samples_leaf',
    'max_features',
    'bootstrap',
    'max_bins',
    'seed',
  ]);
  c.int(o.n_estimators, `${f}.n_estimators`, 1, L.trees);
  if (o.max_depth !== null) c.int(o.max_depth, `${f}.max_depth`, 1, 64);
  c.int(o.min_samples_split, `${f}.min_samples_split`, 2, MAX_INT);
  c.int(o.min_samples_leaf, `${f}.min_samples_leaf`, 1, MAX_INT);
  if (o.max_features !== null && o.max_features !== 'sqrt' && o.max_features !== 'log2')
    c.num(o.max_features, `${f}.max_features`, { min: 0 });
  c.bool(o.bootstrap, `${f}.bootstrap`);
  c.int(o.max_bins, `${f}.max_bins`, 2, 255);
  c.int(o.seed, `${f}.seed`, -MAX_INT, MAX_INT);
}

/** The header as the format defines it; returns the byte length of each payload blob. */
export function checkTreeHeader(
  c: FileCheck,
  kind: string,
  header: unknown,
  f = 'header',
): Record<string, number> {
  const h = c.keys(header, f, HEADER_KEYS);
  if (h.kind !== kind) c.fail(`${f}.kind`, `is ${JSON.stringify(h.kind)}, the model is ${kind}`);
  const regression = kind === 'gbr';
  c.oneOf(h.task, `${f}.task`, [regression ? 'regression' : 'classification']);
  const nClasses = regression
    ? c.int(h.nClasses, `${f}.nClasses`, 1, 1)
    : c.int(h.nClasses, `${f}.nClasses`, 2, L.classes);
  const nFeatures = c.int(h.nFeatures, `${f}.nFeatures`, 1, L.features);
  const nTrees = c.int(h.nTrees, `${f}.nTrees`, 1, L.trees);
  const nNodes = c.int(h.nNodes, `${f}.nNodes`, nTrees, L.nodes);
  const stride = kind === 'rfc' ? nClasses : 1;
  c.int(h.valueStride, `${f}.valueStride`, stride, stride);
  const nInit = kind === 'rfc' ? 0 : nClasses === 2 ? 1 : nClasses;
  c.finiteNumbers(h.initScore, `${f}.initScore`, nInit, `${kind} with ${nClasses} classes`);
  if (kind === 'rfc') checkForestParams(c, h.params, `${f}.params`);
  else checkBoostingParams(c, h.params, `${f}.params`);
  c.finiteNumbers(h.importance, `${f}.importance`, nFeatures, `${f}.nFeatures`);
  const counts = c.list(h.binEdgeCounts, `${f}.binEdgeCounts`, nFeatures, `${f}.nFeatures`);
  const edges = counts.reduce<number>(
    (n, x, i) => n + c.int(x, `${f}.binEdgeCounts[${i}]`, 0, L.binEdges),
    0,
  );
  c.oneOf(h.byteOrder, `${f}.byteOrder`, ['little']);
  return {
    [PAYLOAD.treeStart]: (nTrees + 1) * 4,
    [PAYLOAD.feature]: nNodes * 4,
    [PAYLOAD.threshold]: nNodes * 8,
    [PAYLOAD.left]: nNodes * 4,
    [PAYLOAD.value]: nNodes * stride * 8,
    [PAYLOAD.binEdges]: edges * 8,
  };
}

const view = <T>(b: Uint8Array, Ctor: new (buf: ArrayBuffer) => T): T => new Ctor(b.slice().buffer);

/** The blobs of a model whose header passed checkTreeHeader (sizes already match). */
export function checkTreeBlobs(c: FileCheck, s: SerializedModel): void {
  const h = s.header as { nTrees: number; nFeatures: number };
  const start = view(s.payload[PAYLOAD.treeStart], Int32Array);
  const feature = view(s.payload[PAYLOAD.feature], Int32Array);
  const left = view(s.payload[PAYLOAD.left], Int32Array);
  c.finiteBlob(view(s.payload[PAYLOAD.threshold], Float64Array), PAYLOAD.threshold, true);
  c.finiteBlob(view(s.payload[PAYLOAD.value], Float64Array), PAYLOAD.value);
  c.finiteBlob(view(s.payload[PAYLOAD.binEdges], Float64Array), PAYLOAD.binEdges, true);
  if (start[0] !== 0 || start[h.nTrees] !== feature.length)
    c.fail(PAYLOAD.treeStart, `must run from 0 to header.nNodes (${feature.length})`);
  for (let t = 0; t < h.nTrees; t++) {
    const [lo, hi] = [start[t], start[t + 1]];
    if (!(hi > lo)) c.fail(`${PAYLOAD.treeStart}[${t + 1}]`, 'must be above the previous entry');
    for (let n = lo; n < hi; n++) {
      const x = feature[n];
      if (x < -1 || x >= h.nFeatures)
        c.fail(`${PAYLOAD.feature}[${n}]`, `is ${x}, outside -1..${h.nFeatures - 1}`);
      if (x >= 0 && (left[n] <= n || left[n] + 1 >= hi))
        c.fail(`${PAYLOAD.left}[${n}]`, 'must point to children after the node, inside its tree');
    }
  }
}
