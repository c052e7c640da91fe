/**
 * The forward pass of a fitted mlp/lstm network on host (JS) copies of its weights, for
 * predicting without a synchronous device read.
 *
 * Why hand-written: Model.predict is synchronous, and the only synchronous read-back on
 * the webgpu backend (tensor.dataSync -> readSync) copies through an OffscreenCanvas. Under
 * headless Chromium with SwiftShader that copy returns all zeros (every mlp probability came
 * out exactly 0 or 1) and afterwards every mapAsync fails with "A valid external Instance
 * reference no longer exists", breaking later fits in the worker. So on webgpu the weights
 * are read once, asynchronously, when the model is created or loaded, and predictions are
 * computed here in float64 from those float32 weights. Layers covered: Dense (the
 * activations of options.ts plus softmax), SeededDropout (identity at inference), LSTM
 * (tfjs gate order i, f, c, o; tanh / hardSigmoid by default, read from the layer config).
 */
import type * as tf from '@tensorflow/tfjs';
import { DataError } from '../../../errors';

type Act = (v: Float64Array) => void;

interface HostDense {
  kind: 'dense';
  kernel: Float32Array; // in x out, row-major
  bias: Float32Array | null;
  inDim: number;
  outDim: number;
  act: Act;
}

interface HostLstm {
  kind: 'lstm';
  kernel: Float32Array; // in x 4u
  recurrent: Float32Array; // u x 4u
  bias: Float32Array | null; // 4u
  inDim: number;
  units: number;
  act: Act;
  recAct: Act;
  returnSequences: boolean;
}

export type HostLayer = HostDense | HostLstm;

function elementwise(f: (x: number) => number): Act {
  return (v) => {
    for (let i = 0; i < v.length; i++) v[i] = f(v[i]);
  };
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

function activation(name: unknown): Act {
  switch (name ?? 'linear') {
    case 'linear':
      return () => undefined;
    case 'relu':
      return elementwise((x) => (x > 0 ? x : 0));
    case 'tanh':
      return elementwise(Math.tanh);
    case 'sigmoid':
      return elementwise((x) => 1 / (1 + Math.exp(-x)));
    case 'hardSigmoid':
      return elementwise((x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)));
    case 'elu':
      return elementwise((x) => (x > 0 ? x : Math.expm1(x)));
    case 'selu':
      return elementwise((x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)));
    case 'softmax':
      return (v) => {
        let m = -Infinity;
        for (let i = 0; i < v.length; i++) m = Math.max(m, v[i]);
        let s = 0;
        for (let i = 0; i < v.length; i++) s += v[i] = Math.exp(v[i] - m);
        for (let i = 0; i < v.length; i++) v[i] /= s;
      };
    default:
      throw new DataError('bad-model', `host forward pass: unsupported activation ${String(name)}`);
  }
}

/** Reads every layer's weights asynchronously (no dataSync) into host arrays. */
export async function readHostLayers(net: tf.LayersModel): Promise<HostLayer[]> {
  const out: HostLayer[] = [];
  for (const layer of net.layers) {
    const cls = layer.getClassName();
    if (cls === 'SeededDropout' || cls === 'Dropout' || cls === 'InputLayer') continue;
    const cfg = layer.getConfig();
    const w = layer.getWeights();
    const data = await Promise.all(w.map(async (t) => Float32Array.from(await t.data())));
    if (cls === 'Dense') {
      const [inDim, outDim] = w[0].shape;
      out.push({
        kind: 'dense',
        kernel: data[0],
        bias: data[1] ?? null,
        inDim,
        outDim,
        act: activation(cfg.activation),
      });
    } else if (cls === 'LSTM') {
      const units = Number(cfg.units);
      out.push({
        kind: 'lstm',
        kernel: data[0],
        recurrent: data[1],
        bias: data[2] ?? null,
        inDim: w[0].shape[0],
        units,
        act: activation(cfg.activation ?? 'tanh'),
        recAct: activation(cfg.recurrentActivation ?? 'hardSigmoid'),
        returnSequences: cfg.returnSequences === true,
      });
    } else {
      throw new DataError('bad-model', `host forward pass: unsupported layer ${cls}`);
    }
  }
  return out;
}

function dense(l: HostDense, x: Float64Array): Float64Array {
  const y = new Float64Array(l.outDim);
  for (let o = 0; o < l.outDim; o++) y[o] = l.bias ? l.bias[o] : 0;
  for (let i = 0; i < l.inDim; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * l.outDim;
    for (let o = 0; o < l.outDim; o++) y[o] += xi * l.kernel[row + o];
  }
  l.act(y);
  return y;
}

/** steps: L inputs of inDim each; returns the last h (or all h, L x units). */
function lstm(l: HostLstm, steps: Float64Array[]): Float64Array[] {
  const u = l.units;
  const U4 = 4 * u;
  let h = new Float64Array(u);
  const c = new Float64Array(u);
  const outs: Float64Array[] = [];
  for (const x of steps) {
    const z = new Float64Array(U4);
    for (let k = 0; k < U4; k++) z[k] = l.bias ? l.bias[k] : 0;
    for (let i = 0; i < l.inDim; i++) {
      const xi = x[i];
      const row = i * U4;
      for (let k = 0; k < U4; k++) z[k] += xi * l.kernel[row + k];
    }
    for (let i = 0; i < u; i++) {
      const hi = h[i];
      const row = i * U4;
      for (let k = 0; k < U4; k++) z[k] += hi * l.recurrent[row + k];
    }
    const ig = z.subarray(0, u);
    const fg = z.subarray(u, 2 * u);
    const cc = z.subarray(2 * u, 3 * u);
    const og = z.subarray(3 * u);
    l.recAct(ig);
    l.recAct(fg);
    l.act(cc);
    l.recAct(og);
    for (let k = 0; k < u; k++) c[k] = fg[k] * c[k] + ig[k] * cc[k];
    const tc = Float64Array.from(c);
    l.act(tc);
    h = new Float64Array(u);
    for (let k = 0; k < u; k++) h[k] = og[k] * tc[k];
    outs.push(h);
  }
  return l.returnSequences ? outs : [h];
}

/**
 * Forward pass of `count` samples; `input(s)` gives sample s as its time steps (one step
 * of nFeatures for an mlp). Returns the flattened outputs (count x outputs).
 */
export function hostPredict(
  layers: HostLayer[],
  count: number,
  input: (s: number) => Float64Array[],
): Float32Array {
  const last = layers[layers.length - 1];
  const K = last.kind === 'dense' ? last.outDim : last.units;
  const out = new Float32Array(count * K);
  for (let s = 0; s < count; s++) {
    let seq = input(s);
    for (const l of layers) {
      seq = l.kind === 'lstm' ? lstm(l, seq) : seq.map((x) => dense(l, x));
    }
    out.set(seq[seq.length - 1], s * K);
  }
  return out;
}
