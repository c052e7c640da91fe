/**
 * Named float32 arrays <-> tfjs weight specs + one weight buffer, written by hand because
 * tf.io.encodeWeights is async and reads tensors, while the linear SGD models keep their
 * weights in plain Float32Arrays and serialize synchronously. The layout is exactly tfjs'
 * (float32, little-endian, concatenated in spec order), so `weights.bin` is interchangeable.
 */
import { DataError } from '../../../errors';
import type * as tf from '@tensorflow/tfjs';

export interface NamedFloat32 {
  name: string;
  shape: number[];
  data: Float32Array;
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

export function encodeFloat32Weights(weights: NamedFloat32[]): {
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
} {
  if (!isLittleEndian()) throw new DataError('bad-model', 'big-endian platforms are not supported');
  const total = weights.reduce((s, w) => s + w.data.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  for (const w of weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (size !== w.data.length)
      throw new DataError('bad-model', `weight ${w.name}: shape ${w.shape} does not match ${w.data.length}`);
    all.set(w.data, off);
    off += w.data.length;
    weightSpecs.push({ name: w.name, shape: w.shape, dtype: 'float32' });
  }
  return { weightSpecs, weightData: new Uint8Array(all.buffer) };
}

export function decodeFloat32Weights(
  weightSpecs: tf.io.WeightsManifestEntry[],
  weightData: Uint8Array,
): Map<string, NamedFloat32> {
  if (!isLittleEndian()) throw new DataError('bad-model', 'big-endian platforms are not supported');
  const out = new Map<string, NamedFloat32>();
  let off = 0;
  for (const s of weightSpecs) {
    if (s.dtype !== 'float32')
      throw new DataError('bad-model', `weight ${s.name}: dtype ${s.dtype} unsupported`);
    const size = s.shape.reduce((a, b) => a * b, 1);
    const bytes = weightData.slice(off, off + size * 4);
    if (bytes.byteLength !== size * 4)
      throw new DataError('bad-model', `weight ${s.name}: weight data too short`);
    out.set(s.name, { name: s.name, shape: s.shape, data: new Float32Array(bytes.buffer) });
    off += size * 4;
  }
  if (off !== weightData.byteLength)
    throw new DataError('bad-model', `weight data has ${weightData.byteLength - off} extra bytes`);
  return out;
}
