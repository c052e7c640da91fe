/**
 * The out-of-fold scheme the `weights` and `stacking` combiners learn from: purged forward
 * chaining over the training window, by bar time (rows of several symbols share a time line).
 *
 * The distinct bar times of the training rows are cut into `blocks + 1` runs of equal count,
 * B0 < B1 < ... < BK, starting at times s0 < s1 < ... < sK. For k = 1..K there is one fit per
 * member:
 *   - it is fitted on the rows with time + h * barMs < s_k (every row before block k whose label
 *     window, bars t+1..t+h, closes before the block's first bar: the h rows before the block are
 *     purged), and
 *   - it predicts the rows of block k only (s_k <= time < s_{k+1}).
 * A row of B1..BK thus gets exactly one prediction per member, from a fit that never saw it, nor
 * any row whose label overlaps it; B0 gets none (it is only ever training data). The combiner is
 * fitted on these out-of-fold predictions, then every member is refitted on all of the window's rows.
 * `weights` uses one block (K = 1) holding the last `tail` share of the times: an inner
 * validation tail; `stacking` uses K = `stack_folds` (default 3).
 */
import { InputError } from '../../errors';

export interface OutOfFoldFit {
  /** training rows of this fit (indices into the ensemble's training matrix), ascending */
  train: Int32Array;
  /** rows it predicts (its block), ascending */
  predict: Int32Array;
}

export interface OutOfFoldPlan {
  fits: OutOfFoldFit[];
  /** the rows the combiner learns from (the union of the fits' `predict`), ascending */
  rows: Int32Array;
}

export interface OutOfFoldOptions {
  /** bar time of each row (ms); rows of several symbols may share a time */
  time: ArrayLike<number>;
  barMs: number;
  /** label horizon in bars: the purge before each block */
  horizon: number;
  /** K, the number of predicted blocks */
  blocks: number;
  /** when set (weights): the share of the distinct times in the one predicted block */
  tail?: number;
  /** fewest training rows a fit may have */
  minTrainRows?: number;
}

export function planOutOfFold(o: OutOfFoldOptions): OutOfFoldPlan {
  const n = o.time.length;
  const times = Float64Array.from(new Set(Array.from(o.time))).sort();
  const T = times.length;
  const starts: number[] = [];
  if (o.tail !== undefined) {
    starts.push(times[Math.min(T - 1, Math.max(1, Math.floor(T * (1 - o.tail))))]);
  } else {
    for (let k = 1; k <= o.blocks; k++) starts.push(times[Math.floor((k * T) / (o.blocks + 1))]);
  }
  const minTrain = o.minTrainRows ?? 20;
  const fits: OutOfFoldFit[] = [];
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : Infinity;
    const train: number[] = [];
    const predict: number[] = [];
    for (let r = 0; r < n; r++) {
      const t = o.time[r];
      if (t + o.horizon * o.barMs < s) train.push(r);
      else if (t >= s && t < end) predict.push(r);
    }
    if (train.length >= minTrain && predict.length > 0)
      fits.push({ train: Int32Array.from(train), predict: Int32Array.from(predict) });
  });
  if (!fits.length)
    throw new InputError(
      'train_window',
      `The training window (${T} bars) is too short for an ensemble's out-of-fold fits with a purge of ${o.horizon} bars: widen it or use the mean combiner.`,
    );
  const rows = Int32Array.from(fits.flatMap((f) => Array.from(f.predict))).sort();
  return { fits, rows };
}
