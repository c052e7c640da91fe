/**
 * Serialisation of tree models, format 'tree-ensemble/1' (documented in README.md): a JSON header
 * plus little-endian typed-array blobs, one per node field. Header numbers are JSON doubles, which
 * round-trip exactly; the blobs are byte copies of the Float64/Int32 arrays, so a loaded model
 * predicts bit for bit like the saved one.
 */
import type { SerializedModel } from '../types';
import type { TreeModelState } from './model';
import { InternalError } from '../../errors';

export const TREE_FORMAT = 'tree-ensemble/1';

export const PAYLOAD = {
  treeStart: 'tree_start.i32',
  feature: 'feature.i32',
  threshold: 'threshold.f64',
  left: 'left.i32',
  value: 'value.f64',
  binEdges: 'bin_edges.f64',
} as const;

export interface TreeHeader {
  kind: TreeModelState['kind'];
  task: 'classification' | 'regression';
  nClasses: number;
  nFeatures: number;
  nTrees: number;
  nNodes: number;
  valueStride: number;
  initScore: number[];
  params: TreeModelState['params'];
  importance: number[];
  /** number of bin edges of each feature; their values are concatenated in bin_edges.f64 */
  binEdgeCounts: number[];
  byteOrder: 'little';
}

export function serializeTreeModel(state: TreeModelState): SerializedModel {
  assertLittleEndian();
  const e = state.ensemble;
  const header: TreeHeader = {
    kind: state.kind,
    task: state.kind === 'gbr' ? 'regression' : 'classification',
    nClasses: state.kind === 'gbr' ? 1 : state.nClasses,
    nFeatures: e.nFeatures,
    nTrees: e.nTrees,
    nNodes: e.feature.length,
    valueStride: e.valueStride,
    initScore: Array.from(state.initScore),
    params: { ...state.params },
    importance: Array.from(state.importance),
    binEdgeCounts: state.binEdges.map((b) => b.length),
    byteOrder: 'little',
  };
  const edges = new Float64Array(header.binEdgeCounts.reduce((a, b) => a + b, 0));
  let off = 0;
  for (const b of state.binEdges) {
    edges.set(b, off);
    off += b.length;
  }
  return {
    kind: state.kind,
    format: TREE_FORMAT,
    header: header as unknown as Record<string, unknown>,
    payload: {
      [PAYLOAD.treeStart]: bytesOf(e.treeStart),
      [PAYLOAD.feature]: bytesOf(e.feature),
      [PAYLOAD.threshold]: bytesOf(e.threshold),
      [PAYLOAD.left]: bytesOf(e.left),
      [PAYLOAD.value]: bytesOf(e.value),
      [PAYLOAD.binEdges]: bytesOf(edges),
    },
  };
}

/** A copy of the array's bytes (platform order, checked to be little-endian). */
export function bytesOf(a: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

export function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new InternalError(
      'tree-ensemble/1 blobs are little-endian; this platform is big-endian',
      'unsupported-platform',
    );
  }
}
