/**
 * Time-ordered training / validation split with purging. Rows are identified by their
 * index in a dataset (any order, any number of symbols pooled); what counts is each
 * row's bar time and the time at which its label is known (bar t+h).
 *
 *   training   rows with time in [trainStart, validStart) whose label is known before
 *              validStart (labelTime < validStart - embargo): the last h bars of the
 *              training window are purged, their labels reach into validation;
 *   validation rows with time in [validStart, validEnd).
 *
 * Windows are bar counts (or strings such as '365d', see windows.ts): the training window
 * holds trainWindow bars including the purged ones, as in the seed (8760 bars -> 8748
 * training rows at h = 12). With one symbol and no gaps this is the seed's fold exactly.
 */
import { formatBarMs, parseWindow } from './windows';
import { DataError, InputError, InternalError } from '../errors';

export interface SplitByTimeOptions {
  /** bar time (ms) of each row */
  time: Float64Array;
  /** time (ms) of the bar whose close reveals each row's label (bar t+h) */
  labelTime: Float64Array;
  trainStart: number;
  validStart: number;
  validEnd: number;
  /** extra ms before validStart that labels must also avoid (default 0) */
  embargoMs?: number;
}

export interface RowSplit {
  /** dataset row indices, ascending */
  train: Int32Array;
  valid: Int32Array;
  /** rows inside the training time range dropped because their label reaches validation */
  purged: Int32Array;
  trainStart: number;
  validStart: number;
  validEnd: number;
}

/** The primitive: rows by time ranges, with purging. */
export function splitRowsByTime(o: SplitByTimeOptions): RowSplit {
  const { time, labelTime, trainStart, validStart, validEnd } = o;
  if (labelTime.length !== time.length) throw new InternalError('time and labelTime lengths differ');
  if (!(trainStart <= validStart && validStart < validEnd)) {
    throw new InternalError(`bad ranges: train from ${trainStart}, valid [${validStart}, ${validEnd})`);
  }
  const cutoff = validStart - (o.embargoMs ?? 0);
  const train: number[] = [];
  const valid: number[] = [];
  const purged: number[] = [];
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (t >= trainStart && t < validStart) {
      if (labelTime[i] < cutoff) train.push(i);
      else purged.push(i);
    } else if (t >= validStart && t < validEnd) {
      valid.push(i);
    }
  }
  return {
    train: Int32Array.from(train),
    valid: Int32Array.from(valid),
    purged: Int32Array.from(purged),
    trainStart,
    validStart,
    validEnd,
  };
}

export interface TrainValidSplitOptions {
  /** bar time (ms) of each row */
  time: Float64Array;
  /** time of bar t+h per row; default time + horizon * barMs (right when bars have no gaps) */
  labelTime?: Float64Array;
  /** bar size in ms (windows given as durations are converted with it) */
  barMs: number;
  horizon: number;
  /** bars or a window string; includes the purged rows (as the seed) */
  trainWindow: string | number;
  validWindow: string | number;
  /**
   * 'end' (default): validation is the most recent validWindow bars of the rows, training
   * the trainWindow bars before it. 'start': training starts at `start` (default: the
   * first row's time) and validation follows it (the seed's first fold).
   */
  align?: 'end' | 'start';
  /** ms; with align 'start', the training window's first bar time */
  start?: number;
  /** extra bars purged before validation beyond the horizon (default 0) */
  embargo?: number;
}

export interface TrainValidSplit extends RowSplit {
  trainBars: number;
  validBars: number;
  horizon: number;
  embargo: number;
  /** a sentence saying what was kept and what was purged */
  description: string;
}

/** Training window then validation window, time-ordered, with the label overlap purged. */
export function trainValidSplit(o: TrainValidSplitOptions): TrainValidSplit {
  const { time, barMs, horizon } = o;
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new InputError('target_horizon', `horizon must be an integer >= 0, got ${horizon}`);
  if (time.length === 0)
    throw new DataError(
      'too-few-rows',
      'no rows to split: no bar has every feature and a label; load more bars or choose a shorter target_horizon',
    );
  const trainBars = parseWindow(o.trainWindow, barMs, 'train_window');
  const validBars = parseWindow(o.validWindow, barMs, 'valid_window');
  const embargo = o.embargo ?? 0;
  let labelTime = o.labelTime;
  if (!labelTime) {
    labelTime = new Float64Array(time.length);
    for (let i = 0; i < time.length; i++) labelTime[i] = time[i] + horizon * barMs;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < time.length; i++) {
    if (time[i] < lo) lo = time[i];
    if (time[i] > hi) hi = time[i];
  }
  let trainStart: number;
  let validStart: number;
  let validEnd: number;
  if ((o.align ?? 'end') === 'end') {
    validEnd = hi + barMs;
    validStart = validEnd - validBars * barMs;
    trainStart = validStart - trainBars * barMs;
  } else {
    trainStart = o.start ?? lo;
    validStart = trainStart + trainBars * barMs;
    validEnd = validStart + validBars * barMs;
  }
  const split = splitRowsByTime({
    time,
    labelTime,
    trainStart,
    validStart,
    validEnd,
    embargoMs: embargo * barMs,
  });
  if (split.train.length === 0)
    throw new DataError(
      'too-few-rows',
      'the training window holds no labelled rows: choose a longer train_window or a shorter valid_window (or load more data)',
    );
  if (split.valid.length === 0)
    throw new DataError(
      'too-few-rows',
      'the validation window holds no labelled rows: choose a longer valid_window or load more data',
    );
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  const description =
    `train ${split.train.length} rows in [${iso(trainStart)}, ${iso(validStart)}) ` +
    `(${trainBars} bars of ${formatBarMs(barMs)}), ${split.purged.length} rows purged ` +
    `(labels ${horizon} bars ahead${embargo ? ` + ${embargo} bars embargo` : ''} reach validation), ` +
    `valid ${split.valid.length} rows in [${iso(validStart)}, ${iso(validEnd)}) (${validBars} bars)`;
  return { ...split, trainBars, validBars, horizon, embargo, description };
}
