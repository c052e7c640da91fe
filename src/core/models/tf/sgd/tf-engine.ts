/**
 * The SGD epoch loop on TensorFlow.js (whatever backend the worker selected): the data is
 * uploaded once, weights and optimizer moments live in tf.Variables for the duration of
 * the fit, every mini-batch update runs as device ops inside tf.tidy, and the epoch's loss
 * is accumulated on the device and read back once per epoch. Same math as js-engine.ts.
 * Every device read is asynchronous (`await t.data()`), never dataSync: on the webgpu
 * backend readSync goes through an OffscreenCanvas copy that returns zeros under headless
 * Chromium/SwiftShader and leaves the device unusable for later reads ("mapAsync ... A
 * valid external Instance reference no longer exists"), which broke later mlp/lstm fits.
 */
import * as tf from '@tensorflow/tfjs';
import type { SgdOptions } from './config';
import { learningRateAt, type SgdHead } from './math';
import type { SgdState } from './state';

export interface TfSgdRunner {
  /** one pass over the rows in `order`; resolves to the summed loss (one async device read) */
  runEpoch(order: Int32Array): Promise<number>;
  /** copies the device weights and optimizer state back into the JS state */
  syncTo(s: SgdState): Promise<void>;
  dispose(): void;
}

function headLossGrad(
  head: SgdHead,
  p: tf.Tensor2D,
  y: tf.Tensor2D,
  huberEps: number,
): { g: tf.Tensor; loss: tf.Tensor } {
  switch (head) {
    case 'sigmoid':
      // log(1 + e^p) - y p  and its derivative sigmoid(p) - y
      return { g: tf.sigmoid(p).sub(y), loss: tf.softplus(p).sub(y.mul(p)) };
    case 'softmax': {
      const logp = tf.logSoftmax(p);
      return { g: tf.exp(logp).sub(y), loss: tf.neg(tf.sum(y.mul(logp), 1)) };
    }
    case 'squared': {
      const r = p.sub(y);
      return { g: r, loss: r.square().mul(0.5) };
    }
    case 'huber': {
      const r = p.sub(y);
      const a = tf.abs(r);
      const loss = tf.where(
        a.lessEqual(huberEps),
        r.square().mul(0.5),
        a.mul(huberEps).sub(0.5 * huberEps * huberEps),
      );
      return { g: tf.clipByValue(r, -huberEps, huberEps), loss };
    }
  }
}

/**
 * Uploads x (row-major n x d), targets (n x nOut: 0/1, one-hot or values) and sample
 * weights, and the current state as variables.
 */
export function createTfSgdRunner(opts: {
  state: SgdState;
  options: SgdOptions;
  head: SgdHead;
  x: Float32Array;
  targets: Float32Array;
  weights: Float32Array;
  rows: number;
}): TfSgdRunner {
  const { state: s, options: o, head, rows: n } = opts;
  const d = s.nFeatures;
  const K = s.nOut;
  const X = tf.tensor2d(opts.x, [n, d], 'float32');
  const Y = tf.tensor2d(opts.targets, [n, K], 'float32');
  const SW = tf.tensor2d(opts.weights, [n, 1], 'float32');
  // a variable keeps its own reference to the data: the initial-value tensor is disposed
  const v = <R extends tf.Rank>(init: tf.Tensor<R>): tf.Variable<R> => {
    const out = tf.variable(init, true, undefined, 'float32');
    init.dispose();
    return out;
  };
  const W = v(tf.tensor2d(s.W, [d, K]));
  const b = v(tf.tensor1d(s.b));
  const adam = s.adam
    ? {
        mW: v(tf.tensor2d(s.adam.mW, [d, K])),
        vW: v(tf.tensor2d(s.adam.vW, [d, K])),
        mb: v(tf.tensor1d(s.adam.mb)),
        vb: v(tf.tensor1d(s.adam.vb)),
      }
    : null;
  const lossAcc = v(tf.scalar(0, 'float32'));
  let step = s.step;
  let nSeen = s.nSeen;

  const update = (idx: tf.Tensor1D, B: number): void => {
    const t = step + 1;
    const eta = learningRateAt(o, t);
    tf.tidy(() => {
      const xb = tf.gather(X, idx);
      const yb = tf.gather(Y, idx);
      const wb = tf.gather(SW, idx);
      const p = tf.matMul(xb, W).add(b) as tf.Tensor2D;
      const { g, loss } = headLossGrad(head, p, yb, o.huberEpsilon);
      const gw = g.mul(wb);
      const gW = tf.matMul(xb, gw, true, false).div(B);
      const gb = tf.sum(gw, 0).div(B);
      if (o.optimizer === 'sgd' || !adam) {
        const shrink = Math.max(0, 1 - eta * o.alpha);
        W.assign(W.mul(shrink).sub(gW.mul(eta)));
        b.assign(b.sub(gb.mul(eta)));
      } else {
        const b1 = o.adamBeta1;
        const b2 = o.adamBeta2;
        const c1 = 1 - Math.pow(b1, t);
        const c2 = 1 - Math.pow(b2, t);
        const gWr = gW.add(W.mul(o.alpha));
        adam.mW.assign(adam.mW.mul(b1).add(gWr.mul(1 - b1)));
        adam.vW.assign(adam.vW.mul(b2).add(gWr.square().mul(1 - b2)));
        adam.mb.assign(adam.mb.mul(b1).add(gb.mul(1 - b1)));
        adam.vb.assign(adam.vb.mul(b2).add(gb.square().mul(1 - b2)));
        W.assign(W.sub(adam.mW.div(c1).mul(eta).div(adam.vW.div(c2).sqrt().add(o.adamEpsilon))));
        b.assign(b.sub(adam.mb.div(c1).mul(eta).div(adam.vb.div(c2).sqrt().add(o.adamEpsilon))));
      }
      lossAcc.assign(lossAcc.add(tf.sum(loss)));
    });
    step = t;
    nSeen += B;
  };

  return {
    async runEpoch(order) {
      tf.tidy(() => lossAcc.assign(tf.zerosLike(lossAcc)));
      const orderT = tf.tensor1d(order, 'int32');
      for (let from = 0; from < order.length; from += o.batchSize) {
        const B = Math.min(o.batchSize, order.length - from);
        const idx = tf.slice(orderT, [from], [B]);
        update(idx, B);
        idx.dispose();
      }
      orderT.dispose();
      return (await lossAcc.data())[0];
    },
    async syncTo(target) {
      target.W.set(await W.data());
      target.b.set(await b.data());
      if (adam && target.adam) {
        target.adam.mW.set(await adam.mW.data());
        target.adam.vW.set(await adam.vW.data());
        target.adam.mb.set(await adam.mb.data());
        target.adam.vb.set(await adam.vb.data());
      }
      target.step = step;
      target.nSeen = nSeen;
    },
    dispose() {
      tf.dispose([X, Y, SW, W, b, lossAcc]);
      if (adam) tf.dispose([adam.mW, adam.vW, adam.mb, adam.vb]);
    },
  };
}
