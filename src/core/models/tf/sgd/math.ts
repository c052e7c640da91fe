/**
 * The SGD math shared by both engines and by partialFit, on plain numbers: learning-rate
 * schedules and per-row loss + gradient with respect to the linear output, written to
 * match scikit-learn's plain_sgd (sklearn/linear_model/_sgd_fast.pyx).
 */
import type { SgdOptions } from './config';

/** How the linear output is turned into predictions and what loss trains it. */
export type SgdHead = 'sigmoid' | 'softmax' | 'squared' | 'huber';

/**
 * sklearn's t0 for the 'optimal' schedule: typw = sqrt(1/sqrt(alpha)), initial eta
 * = typw / max(1, dloss(-typw, 1)); for the losses here that max is 1, so eta starts at typw.
 */
export function optimalInit(alpha: number): number {
  const typw = Math.sqrt(1 / Math.sqrt(alpha));
  return 1 / (typw * alpha);
}

/** Learning rate of update number t (1-based, like sklearn's t_). */
export function learningRateAt(o: SgdOptions, t: number): number {
  switch (o.learningRate) {
    case 'optimal':
      return 1 / (o.alpha * (optimalInit(o.alpha) + t - 1));
    case 'constant':
      return o.eta0;
    case 'invscaling':
      return o.eta0 / Math.pow(t, o.powerT);
  }
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Loss of one row and its gradient d loss / d p written into g (length nOut), given the
 * linear output p. Targets: sigmoid y in {0,1}; softmax y a class index; regression y real.
 */
export function rowLossGrad(
  head: SgdHead,
  p: Float64Array,
  y: number,
  g: Float64Array,
  huberEps: number,
): number {
  switch (head) {
    case 'sigmoid': {
      const z = p[0];
      g[0] = sigmoid(z) - y;
      return softplus(z) - y * z;
    }
    case 'softmax': {
      let m = -Infinity;
      for (let k = 0; k < p.length; k++) if (p[k] > m) m = p[k];
      let s = 0;
      for (let k = 0; k < p.length; k++) {
        g[k] = Math.exp(p[k] - m);
        s += g[k];
      }
      for (let k = 0; k < p.length; k++) g[k] /= s;
      const loss = -Math.log(Math.max(g[y], 1e-300));
      g[y] -= 1;
      return loss;
    }
    case 'squared': {
      const r = p[0] - y;
      g[0] = r;
      return 0.5 * r * r;
    }
    case 'huber': {
      const r = p[0] - y;
      const a = Math.abs(r);
      if (a <= huberEps) {
        g[0] = r;
        return 0.5 * r * r;
      }
      g[0] = r > 0 ? huberEps : -huberEps;
      return huberEps * a - 0.5 * huberEps * huberEps;
    }
  }
}

/** Fisher-Yates shuffle in place with a seeded rng. */
export function shuffleInPlace(a: Int32Array, rng: { int(n: number): number }): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
