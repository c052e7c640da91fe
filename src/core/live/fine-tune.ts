/**
 * LiveFineTune: online fine-tuning of a neural model (mlp, lstm, transformer) in the live loop,
 * by the walk-forward's own rule (walkforward/online-neural.ts RevealBatches and
 * fineTuneRevealed): each test row of the current fold is fed at its close, after its
 * prediction; the label of row j is revealed at the first test row whose bar is at or after
 * bar j + h, and once `online_batch` labels wait the model takes one fine-tuning step on them.
 *
 * Rows are named by their bar's open time, so the state (rows waiting for their label, labels
 * waiting for a batch) survives a checkpoint and the buffer's trims. The step is given the same
 * rows as the walk-forward's: the revealed rows, and for a sequence model the defined rows
 * before them as history (a sequence never crosses an undefined row or a gap: both break it).
 */
import * as tf from '@tensorflow/tfjs';
import type { Bars } from '../data/bars';
import { makeLabels } from '../labels/labels';
import type { NeuralModel } from '../models/tf';
import type { Matrix } from '../models/types';
import { transform, type Scaler } from '../split/scaler';
import { fineTuneRevealed, RevealBatches, type RevealState } from '../walkforward/online-neural';
import { labelSpecOf } from '../walkforward/plan';
import type { ResolvedWalkForwardRequest } from '../walkforward/types';
import { InternalError } from '../errors';

/** What a checkpoint keeps of the fine-tuning: bar open times. */
export type FineTuneState = RevealState<number>;

/** Index of `t` in the ascending `time`, or -1. */
function indexOf(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < time.length && time[lo] === t ? lo : -1;
}

export class LiveFineTune {
  private readonly reveals: RevealBatches<number>;

  constructor(
    private readonly request: ResolvedWalkForwardRequest,
    /** rows before a predicted one that the model reads (L - 1; 0 for mlp) */
    private readonly history: number,
    batch: number,
    state?: FineTuneState,
  ) {
    this.reveals = new RevealBatches(request.model.target_horizon, batch, state);
  }

  state(): FineTuneState {
    return this.reveals.state();
  }

  /**
   * At the close of bar t, a test row of the current fold (after its prediction): reveal the
   * labels due, and fine-tune when a batch is full. Returns the bar times of the rows trained
   * on (oldest first), or null.
   */
  async at(
    model: NeuralModel,
    scaler: Scaler,
    view: Bars,
    columns: Float64Array[],
    valid: Uint8Array,
    t: number,
  ): Promise<number[] | null> {
    const time = view.time;
    const position = (bar: number) => {
      const i = indexOf(time, bar);
      if (i < 0) throw new InternalError(`bar ${bar} awaiting its label is no longer held`);
      return i;
    };
    const due = this.reveals.next(time[t], t, position);
    if (!due) return null;
    const rows = due.map(position);
    const h = this.request.model.target_horizon;
    const spec = labelSpecOf(this.request);
    const y = Float64Array.from(rows, (j) => makeLabels(view.close.subarray(j, j + h + 1), spec).y[0]);
    // the revealed rows and, for a sequence model, the defined rows up to `history` bars before the first
    const at: number[] = [];
    if (this.history > 0)
      for (let p = Math.max(0, rows[0] - this.history); p < rows[0]; p++) if (valid[p]) at.push(p);
    const targets = new Int32Array(rows.length);
    rows.forEach((j, i) => {
      targets[i] = at.length;
      at.push(j);
      // the defined rows between two revealed ones are revealed rows themselves (one window)
      const next = rows[i + 1];
      if (next !== undefined)
        for (let p = j + 1; p < next; p++)
          if (valid[p]) throw new InternalError(`row ${p} between revealed rows was not revealed`);
    });
    const raw: Matrix = {
      rows: at.length,
      cols: columns.length,
      columns: columns.map((c) => Float64Array.from(at, (p) => c[p])),
    };
    await fineTuneRevealed(model, {
      X: transform(raw, scaler),
      y,
      time: Float64Array.from(at, (p) => time[p]),
      barMs: this.request.bar_ms,
      targets,
      history: this.history,
    });
    return due;
  }
}

/**
 * The seeded dropout layers' step counters: a fine-tuning step draws its dropout masks from
 * the counter, and a serialized model does not keep it (a loaded network restarts at 0), so a
 * checkpoint carries them for a resumed session to draw the masks an uninterrupted one would.
 */
interface StepCounter {
  step?: unknown;
}

function dropoutLayers(model: NeuralModel): StepCounter[] {
  return model.layersModel.layers.filter(
    (l) => l.getClassName() === 'SeededDropout',
  ) as unknown as StepCounter[];
}

export function dropoutSteps(model: NeuralModel): number[] {
  return dropoutLayers(model).map((l) => (typeof l.step === 'number' ? l.step : 0));
}

export function setDropoutSteps(model: NeuralModel, steps: number[]): void {
  dropoutLayers(model).forEach((l, i) => {
    if (typeof l.step === 'number' && typeof steps[i] === 'number') l.step = steps[i];
  });
}

/** What an Adam optimizer keeps of its bias corrections (tfjs internals, read and written here only). */
interface AdamPowers {
  beta1: number;
  beta2: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

/**
 * A loaded network's Adam optimizer as the uninterrupted one: tfjs sets its bias-correction
 * powers to pow(beta, n + 1) on loading while training builds them as a running product (one
 * float32 multiplication per step), and the two differ in the last bits, enough to move a
 * later fine-tuning step's weights. The running product is rebuilt here with Math.fround, which
 * rounds a product of two float32 values as a float32 multiplication does.
 */
export function restoreAdamPowers(model: NeuralModel): void {
  const opt = model.layersModel.optimizer;
  if (!(opt instanceof tf.AdamOptimizer)) return;
  const a = opt as unknown as AdamPowers;
  if (typeof a.beta1 !== 'number' || typeof a.beta2 !== 'number' || !a.accBeta1 || !a.accBeta2) return;
  const b1 = Math.fround(a.beta1);
  const b2 = Math.fround(a.beta2);
  let p1 = b1;
  let p2 = b2;
  for (let i = 0; i < opt.iterations; i++) {
    p1 = Math.fround(p1 * b1);
    p2 = Math.fround(p2 * b2);
  }
  tf.tidy(() => {
    a.accBeta1.assign(tf.scalar(p1));
    a.accBeta2.assign(tf.scalar(p2));
  });
}
