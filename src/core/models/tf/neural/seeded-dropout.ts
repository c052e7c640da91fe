/**
 * SeededDropout: dropout whose masks are reproducible AND change from step to step.
 * Why not tf.layers.dropout: with a `seed` it draws the same mask on every training step
 * (tf.randomUniform re-seeds each call), which trains a fixed thinned network instead of
 * dropout; without a seed it uses Math.random and breaks same-seed-same-result. Here step k
 * uses seed `${seed}:${k}`. The step counter is not saved: training a loaded model again
 * restarts the mask stream (inference never uses masks).
 */
import * as tf from '@tensorflow/tfjs';

export interface SeededDropoutArgs {
  rate: number;
  seed: number;
  name?: string;
}

export class SeededDropout extends tf.layers.Layer {
  static className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private step = 0;

  constructor(args: SeededDropoutArgs) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs['training'] !== true || this.rate <= 0) return x;
    const seed = `${this.seed}:${this.step++}`;
    return tf.tidy(() => tf.dropout(x, this.rate, undefined, seed));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
