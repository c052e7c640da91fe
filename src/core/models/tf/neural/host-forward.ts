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
 * (tfjs gate order i, f, c, o; tanh / hardSigmoid by default, read from the layer config),
 * and the transformer's PositionalEncoding, TransformerEncoder (attention.ts) and
 * GlobalAveragePooling1D.
 */
import type * as tf from '@tensorflow/tfjs';
import { DataError } from '../../../errors';
import { ENCODER_WEIGHTS, LAYER_NORM_EPSILON, positionalTable } from './attention';

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

interface HostPositional {
  kind: 'positional';
}

interface HostPool {
  kind: 'pool';
}

interface HostEncoder {
  kind: 'encoder';
  /** the block's weights by ENCODER_WEIGHTS name */
  w: Record<(typeof ENCODER_WEIGHTS)[number], Float32Array>;
  dim: number;
  ff: number;
  heads: number;
  ffAct: Act;
}

export type HostLayer = HostDense | HostLstm | HostPositional | HostPool | HostEncoder;

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
    } else if (cls === 'PositionalEncoding') {
      out.push({ kind: 'positional' });
    } else if (cls === 'GlobalAveragePooling1D') {
      out.push({ kind: 'pool' });
    } else if (cls === 'TransformerEncoder') {
      const byName = Object.fromEntries(ENCODER_WEIGHTS.map((n, i) => [n, data[i]])) as HostEncoder['w'];
      out.push({
        kind: 'encoder',
        w: byName,
        dim: w[0].shape[0] as number,
        ff: w[10].shape[1] as number,
        heads: Number(cfg.heads),
        ffAct: activation(cfg.activation),
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

/** x W + b for a [inDim] vector and a row-major [inDim, outDim] W. */
function affine(x: Float64Array, W: Float32Array, b: Float32Array, outDim: number): Float64Array {
  const y = Float64Array.from(b);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * outDim;
    for (let o = 0; o < outDim; o++) y[o] += xi * W[row + o];
  }
  return y;
}

function normalise(x: Float64Array, gamma: Float32Array, beta: Float32Array): Float64Array {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  const sd = Math.sqrt(s / x.length + LAYER_NORM_EPSILON);
  return x.map((v, i) => ((v - m) / sd) * gamma[i] + beta[i]);
}

function positional(steps: Float64Array[]): Float64Array[] {
  const L = steps.length;
  const D = steps[0]?.length ?? 0;
  const table = positionalTable(L, D);
  return steps.map((x, p) => x.map((v, j) => v + table[p * D + j]));
}

function pool(steps: Float64Array[]): Float64Array[] {
  const m = new Float64Array(steps[0].length);
  for (const x of steps) for (let j = 0; j < m.length; j++) m[j] += x[j];
  for (let j = 0; j < m.length; j++) m[j] /= steps.length;
  return [m];
}

/** The encoder block of attention.ts: y = LN1(x + MHA(x)), z = LN2(y + FFN(y)). */
function encoder(l: HostEncoder, steps: Float64Array[]): Float64Array[] {
  const { w, dim: D, heads } = l;
  const dh = D / heads;
  const L = steps.length;
  const q = steps.map((x) => affine(x, w.wq, w.bq, D));
  const k = steps.map((x) => affine(x, w.wk, w.bk, D));
  const v = steps.map((x) => affine(x, w.wv, w.bv, D));
  const merged = steps.map(() => new Float64Array(D));
  const scale = 1 / Math.sqrt(dh);
  const a = new Float64Array(L);
  for (let h = 0; h < heads; h++) {
    const o = h * dh;
    for (let i = 0; i < L; i++) {
      let mx = -Infinity;
      for (let j = 0; j < L; j++) {
        let s = 0;
        for (let c = 0; c < dh; c++) s += q[i][o + c] * k[j][o + c];
        a[j] = s * scale;
        if (a[j] > mx) mx = a[j];
      }
      let sum = 0;
      for (let j = 0; j < L; j++) sum += a[j] = Math.exp(a[j] - mx);
      for (let j = 0; j < L; j++) {
        const p = a[j] / sum;
        for (let c = 0; c < dh; c++) merged[i][o + c] += p * v[j][o + c];
      }
    }
  }
  return steps.map((x, i) => {
    const att = affine(merged[i], w.wo, w.bo, D);
    const y = normalise(
      x.map((xv, j) => xv + att[j]),
      w.ln1_gamma,
      w.ln1_beta,
    );
    const hidden = affine(y, w.w1, w.b1, l.ff);
    l.ffAct(hidden);
    const ff = affine(hidden, w.w2, w.b2, D);
    return normalise(
      y.map((yv, j) => yv + ff[j]),
      w.ln2_gamma,
      w.ln2_beta,
    );
  });
}

function step(l: HostLayer, seq: Float64Array[]): Float64Array[] {
  switch (l.kind) {
    case 'lstm':
      return lstm(l, seq);
    case 'dense':
      return seq.map((x) => dense(l, x));
    case 'positional':
      return positional(seq);
    case 'pool':
      return pool(seq);
    case 'encoder':
      return encoder(l, seq);
  }
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
  if (last.kind !== 'dense' && last.kind !== 'lstm')
    throw new DataError('bad-model', 'host forward pass: the last layer must be Dense or LSTM');
  const K = last.kind === 'dense' ? last.outDim : last.units;
  const out = new Float32Array(count * K);
  for (let s = 0; s < count; s++) {
    let seq = input(s);
    for (const l of layers) seq = step(l, seq);
    out.set(seq[seq.length - 1], s * K);
  }
  return out;
}
