/**
 * The transformer's pieces, built from TensorFlow.js ops (tfjs 4.22 has no attention layer):
 *
 * - `multiHeadSelfAttention(x, w, heads)`: x [B, L, D] -> [B, L, D]. Per head h (width
 *   dh = D / heads): Q = x Wq + bq, K = x Wk + bk, V = x Wv + bv split into heads,
 *   A = softmax(Q K^T / sqrt(dh)) over the key axis, heads concatenated, then times Wo + bo.
 *   No mask: every position of the window attends to every other (all are past bars of the
 *   predicted row, so nothing looks ahead).
 * - `layerNorm(x, gamma, beta)`: normalisation over the last axis (epsilon LAYER_NORM_EPSILON).
 * - `PositionalEncoding`: adds the sinusoidal table of Vaswani et al. (2017) to [B, L, D]; no
 *   weights.
 * - `TransformerEncoder`: one post-norm encoder block,
 *   y = LN1(x + MHA(x)), z = LN2(y + W2 act(y W1 + b1) + b2).
 *
 * Both layers are registered with tf.serialization, so a saved model reloads through
 * tf.loadLayersModel once this module is imported. Their weights are seeded (glorotUniform
 * from the layer's `seed`, zero biases, unit gains), and every op has a tfjs gradient; the one
 * custom gradient (the dense steps' on wasm, below) is tfjs' MatMul gradient with its
 * transposes taken out of the products. transformer.test.ts checks the gradients against
 * finite differences on cpu and wasm. host-forward.ts mirrors the same maths in plain JS.
 *
 * Where a training step's time goes on wasm (batch 256, L = 32, model_dim 8, 2 heads, profiled
 * per kernel): the attention's batched products (Q K^T, A V and their four gradient products)
 * are the largest share; tfjs-backend-wasm runs every batched product in a scalar loop, and no
 * reshaping of [B * heads, L, dh] into an unbatched product avoids it without multiplying the
 * work by the batch. Then the softmax's and layer norms' elementwise gradients and the dense
 * steps. Q, K and V stay three products with a 4-D transpose each: one product over the
 * concatenated weights with a 5-D transpose and a split was 2x slower end to end on wasm
 * (7.4 against 3.7 CPU s per epoch of the sample's year).
 */
import * as tf from '@tensorflow/tfjs';

export const LAYER_NORM_EPSILON = 1e-5;

/**
 * x2 [n, Din] times w [Din, Dout] plus b, with a gradient whose products carry no transpose
 * flag (the transposes run first as their own op). tfjs-backend-wasm 4.22 sends only an
 * unbatched, untransposed product to XNNPACK; with transposeA or transposeB (tfjs' own MatMul
 * gradient: dy w^T and x^T dy) it runs a scalar loop, 10x slower at these sizes (dy w^T over
 * 8,192 positions: 3.5 ms against 0.3 ms), which made the dense steps' gradients a quarter
 * of a training step. Used on wasm only: the cpu backend is no faster this way and GPU
 * backends multiply transposed operands natively.
 */
const denseRowsWasm = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = inputs as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as tf.Tensor2D[];
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(sw)),
        tf.matMul(tf.transpose(sx), dy as tf.Tensor2D),
        tf.sum(dy, 0),
      ];
    },
  };
});

/** x [B, L, Din] times w [Din, Dout] plus b, per position. */
export function denseSteps(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  const [B, L, Din] = x.shape as [number, number, number];
  const Dout = w.shape[1] as number;
  const x2 = tf.reshape(x, [B * L, Din]);
  const y = tf.getBackend() === 'wasm' ? (denseRowsWasm(x2, w, b) as tf.Tensor) : tf.add(tf.matMul(x2, w), b);
  return tf.reshape(y, [B, L, Dout]);
}

export interface AttentionWeights {
  wq: tf.Tensor2D;
  bq: tf.Tensor1D;
  wk: tf.Tensor2D;
  bk: tf.Tensor1D;
  wv: tf.Tensor2D;
  bv: tf.Tensor1D;
  wo: tf.Tensor2D;
  bo: tf.Tensor1D;
}

export function multiHeadSelfAttention(x: tf.Tensor, w: AttentionWeights, heads: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [B, L, D] = x.shape as [number, number, number];
    const dh = D / heads;
    // [B, L, D] -> [B * heads, L, dh]
    const split = (t: tf.Tensor) =>
      tf.reshape(tf.transpose(tf.reshape(t, [B, L, heads, dh]), [0, 2, 1, 3]), [
        B * heads,
        L,
        dh,
      ]) as tf.Tensor3D;
    // the scores' 1 / sqrt(dh), applied to Q (dh / L as many multiplications as on the scores)
    const q = tf.mul(split(denseSteps(x, w.wq, w.bq)), 1 / Math.sqrt(dh));
    const k = split(denseSteps(x, w.wk, w.bk));
    const v = split(denseSteps(x, w.wv, w.bv));
    const a = tf.softmax(tf.matMul(q, k, false, true)); // over the last axis: the keys
    const o = tf.matMul(a, v); // [B * heads, L, dh]
    const merged = tf.reshape(tf.transpose(tf.reshape(o, [B, heads, L, dh]), [0, 2, 1, 3]), [B, L, D]);
    return denseSteps(merged, w.wo, w.bo);
  });
}

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(
      tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))), gamma),
      beta,
    );
  });
}

/** The sinusoidal table [L, D]: sin(p / 10000^(2i/D)) at even 2i, cos at odd 2i+1. */
export function positionalTable(L: number, D: number): Float32Array {
  const out = new Float32Array(L * D);
  for (let p = 0; p < L; p++)
    for (let j = 0; j < D; j++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(j / 2)) / D);
      out[p * D + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  return out;
}

export class PositionalEncoding extends tf.layers.Layer {
  static className = 'PositionalEncoding';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const [, L, D] = x.shape as [number, number, number];
      return tf.add(x, tf.tensor3d(positionalTable(L, D), [1, L, D]));
    });
  }
}

export type FfActivation = 'relu' | 'tanh' | 'elu' | 'selu' | 'sigmoid' | 'linear';

export interface TransformerEncoderArgs {
  heads: number;
  ffUnits: number;
  activation: FfActivation;
  seed: number;
  name?: string;
}

function activate(x: tf.Tensor, a: FfActivation): tf.Tensor {
  switch (a) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'elu':
      return tf.elu(x);
    case 'selu':
      return tf.selu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    default:
      return x;
  }
}

/** The block's weights in the order getWeights() lists them (host-forward.ts relies on it). */
export const ENCODER_WEIGHTS = [
  'wq',
  'bq',
  'wk',
  'bk',
  'wv',
  'bv',
  'wo',
  'bo',
  'ln1_gamma',
  'ln1_beta',
  'w1',
  'b1',
  'w2',
  'b2',
  'ln2_gamma',
  'ln2_beta',
] as const;

export class TransformerEncoder extends tf.layers.Layer {
  static className = 'TransformerEncoder';
  readonly heads: number;
  readonly ffUnits: number;
  readonly activation: FfActivation;
  readonly seed: number;
  private w: Record<string, tf.LayerVariable> = {};

  constructor(args: TransformerEncoderArgs) {
    super({ name: args.name });
    this.heads = args.heads;
    this.ffUnits = args.ffUnits;
    this.activation = args.activation;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const D = shape[shape.length - 1] as number;
    const F = this.ffUnits;
    let k = 0;
    const glorot = () => tf.initializers.glorotUniform({ seed: this.seed * 100 + k++ });
    const shapes: Record<(typeof ENCODER_WEIGHTS)[number], number[]> = {
      wq: [D, D],
      bq: [D],
      wk: [D, D],
      bk: [D],
      wv: [D, D],
      bv: [D],
      wo: [D, D],
      bo: [D],
      ln1_gamma: [D],
      ln1_beta: [D],
      w1: [D, F],
      b1: [F],
      w2: [F, D],
      b2: [D],
      ln2_gamma: [D],
      ln2_beta: [D],
    };
    for (const name of ENCODER_WEIGHTS) {
      const s = shapes[name];
      const init =
        s.length === 2 ? glorot() : name.endsWith('gamma') ? tf.initializers.ones() : tf.initializers.zeros();
      this.w[name] = this.addWeight(name, s, 'float32', init);
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const r = (n: string) => this.w[n].read();
      const att = multiHeadSelfAttention(
        x,
        {
          wq: r('wq') as tf.Tensor2D,
          bq: r('bq') as tf.Tensor1D,
          wk: r('wk') as tf.Tensor2D,
          bk: r('bk') as tf.Tensor1D,
          wv: r('wv') as tf.Tensor2D,
          bv: r('bv') as tf.Tensor1D,
          wo: r('wo') as tf.Tensor2D,
          bo: r('bo') as tf.Tensor1D,
        },
        this.heads,
      );
      const y = layerNorm(tf.add(x, att), r('ln1_gamma'), r('ln1_beta'));
      const ff = denseSteps(activate(denseSteps(y, r('w1'), r('b1')), this.activation), r('w2'), r('b2'));
      return layerNorm(tf.add(y, ff), r('ln2_gamma'), r('ln2_beta'));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      heads: this.heads,
      ffUnits: this.ffUnits,
      activation: this.activation,
      seed: this.seed,
    };
  }
}

tf.serialization.registerClass(PositionalEncoding);
tf.serialization.registerClass(TransformerEncoder);
