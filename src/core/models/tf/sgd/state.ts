/**
 * The complete trainable state of a linear SGD model: weights, intercepts and optimizer
 * state (schedule step, adam moments). Kept in Float32Arrays so that it round-trips
 * losslessly through tf.Variables (float32) and through `weights.bin`.
 */
export interface AdamMoments {
  mW: Float32Array;
  vW: Float32Array;
  mb: Float32Array;
  vb: Float32Array;
}

export interface SgdState {
  nFeatures: number;
  /** 1 for binary (sigmoid) and regression, nClasses for softmax */
  nOut: number;
  /** nFeatures x nOut, row-major: W[j * nOut + k] */
  W: Float32Array;
  b: Float32Array;
  /** updates done so far; the next update uses schedule step t = step + 1 */
  step: number;
  /** rows seen by updates so far */
  nSeen: number;
  adam: AdamMoments | null;
}

export function zeroState(nFeatures: number, nOut: number, withAdam: boolean): SgdState {
  const size = nFeatures * nOut;
  return {
    nFeatures,
    nOut,
    W: new Float32Array(size),
    b: new Float32Array(nOut),
    step: 0,
    nSeen: 0,
    adam: withAdam
      ? {
          mW: new Float32Array(size),
          vW: new Float32Array(size),
          mb: new Float32Array(nOut),
          vb: new Float32Array(nOut),
        }
      : null,
  };
}

export function cloneState(s: SgdState): SgdState {
  return {
    ...s,
    W: s.W.slice(),
    b: s.b.slice(),
    adam: s.adam
      ? { mW: s.adam.mW.slice(), vW: s.adam.vW.slice(), mb: s.adam.mb.slice(), vb: s.adam.vb.slice() }
      : null,
  };
}
