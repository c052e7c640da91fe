/** Loading a 'tree-ensemble/1' SerializedModel back into a TreeModel (see serialize.ts, README.md). */
import { DataError } from '../../errors';
import type { SerializedModel } from '../types';
import type { TreeEnsemble } from './ensemble';
import { TreeModel } from './model';
import { assertLittleEndian, PAYLOAD, TREE_FORMAT, type TreeHeader } from './serialize';

export function deserializeTreeModel(s: SerializedModel): TreeModel {
  if (s.format !== TREE_FORMAT) throw new DataError('bad-model', `not a tree model: format ${s.format}`);
  assertLittleEndian();
  const h = s.header as unknown as TreeHeader;
  if (h.byteOrder !== 'little')
    throw new DataError('bad-model', `unsupported byte order ${String(h.byteOrder)}`);
  const ensemble: TreeEnsemble = {
    nTrees: h.nTrees,
    nFeatures: h.nFeatures,
    valueStride: h.valueStride,
    treeStart: int32(s, PAYLOAD.treeStart, h.nTrees + 1),
    feature: int32(s, PAYLOAD.feature, h.nNodes),
    threshold: float64(s, PAYLOAD.threshold, h.nNodes),
    left: int32(s, PAYLOAD.left, h.nNodes),
    value: float64(s, PAYLOAD.value, h.nNodes * h.valueStride),
  };
  validate(ensemble);
  const edges = float64(
    s,
    PAYLOAD.binEdges,
    h.binEdgeCounts.reduce((a, b) => a + b, 0),
  );
  const binEdges: Float64Array[] = [];
  let off = 0;
  for (const n of h.binEdgeCounts) {
    binEdges.push(edges.slice(off, off + n));
    off += n;
  }
  return new TreeModel({
    kind: h.kind,
    nClasses: h.nClasses,
    ensemble,
    initScore: Float64Array.from(h.initScore),
    binEdges,
    params: h.params,
    importance: Float64Array.from(h.importance),
  });
}

function blob(s: SerializedModel, name: string, bytes: number): ArrayBuffer {
  const b = s.payload[name];
  if (!b) throw new DataError('bad-model', `tree model payload lacks ${name}`);
  if (b.byteLength !== bytes)
    throw new DataError('bad-model', `${name}: expected ${bytes} bytes, got ${b.byteLength}`);
  // copy: the blob may be a view at an unaligned offset of a larger buffer
  return b.slice().buffer as ArrayBuffer;
}

function int32(s: SerializedModel, name: string, n: number): Int32Array {
  return new Int32Array(blob(s, name, n * 4));
}

function float64(s: SerializedModel, name: string, n: number): Float64Array {
  return new Float64Array(blob(s, name, n * 8));
}

/** Structural checks so a corrupt file fails on load rather than looping or reading out of range. */
function validate(e: TreeEnsemble): void {
  const nNodes = e.feature.length;
  if (e.treeStart[0] !== 0 || e.treeStart[e.nTrees] !== nNodes)
    throw new DataError('bad-model', 'corrupt tree offsets');
  for (let t = 0; t < e.nTrees; t++) {
    const lo = e.treeStart[t];
    const hi = e.treeStart[t + 1];
    for (let n = lo; n < hi; n++) {
      const f = e.feature[n];
      if (f < 0) continue;
      if (f >= e.nFeatures) throw new DataError('bad-model', `node ${n}: feature ${f} out of range`);
      // children come after their parent inside the same tree: traversal always terminates
      if (e.left[n] <= n || e.left[n] + 1 >= hi)
        throw new DataError('bad-model', `node ${n}: child index out of range`);
    }
  }
}
