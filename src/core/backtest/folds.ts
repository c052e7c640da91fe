/**
 * The walk-forward fold plan (the seed's window calculation), in bar indices.
 *
 * Fold k (s = firstRow + k * step) tests on [s + train, s + train + test) while
 * s + train + test <= endRow. Its training window is [s, s + train) (expanding: [firstRow, ...))
 * minus the rows at its end whose labels reach into the test window (purge: the label of row t
 * uses bars t+1..t+h, so rows t >= testStart - h are dropped) and, optionally, `embargo` more
 * rows before those (a gap between training and test; see README for why it sits there).
 */

export interface FoldPlanOptions {
  /** first usable row (seed: first row with every feature and a label) */
  firstRow: number;
  /** one past the last usable row (seed: last row with a label, + 1) */
  endRow: number;
  /** training window in bars (before purge) */
  trainBars: number;
  /** test window in bars */
  testBars: number;
  /** bars between fold starts (default testBars) */
  step?: number;
  /** every fold trains from firstRow (default false: sliding window) */
  expanding?: boolean;
  /** label horizon h: the last h training rows before each test window are purged */
  horizon: number;
  /** extra bars dropped between the purged rows and the training rows (default 0) */
  embargo?: number;
  /** bar times, to add times to each fold for display */
  time?: Float64Array;
}

export interface FoldTimes {
  trainStart: number;
  /** time of the last training row */
  trainLast: number;
  testStart: number;
  /** time of the last test row */
  testLast: number;
}

export interface Fold {
  index: number;
  /** training rows [trainStart, trainEnd), after purge and embargo */
  trainStart: number;
  trainEnd: number;
  /** rows dropped as embargo [a, b) (empty when embargo is 0) */
  embargoed: [number, number];
  /** rows dropped because their label window reaches into the test window [a, b) */
  purged: [number, number];
  /** test rows [testStart, testEnd) */
  testStart: number;
  testEnd: number;
  times?: FoldTimes;
}

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
}

/** The fold plan; an empty list when the data is shorter than one training plus test window (in bars). */
export function planFolds(opts: FoldPlanOptions): Fold[] {
  const { firstRow, endRow, trainBars, testBars, horizon } = opts;
  const step = opts.step ?? testBars;
  const embargo = opts.embargo ?? 0;
  checkInt('firstRow', firstRow, 0);
  checkInt('endRow', endRow, 0);
  checkInt('testBars', testBars, 1);
  checkInt('step', step, 1);
  checkInt('horizon', horizon, 0);
  checkInt('embargo', embargo, 0);
  checkInt('trainBars', trainBars, horizon + embargo + 1);
  const folds: Fold[] = [];
  for (let k = 0; ; k++) {
    const s = firstRow + k * step;
    const testStart = s + trainBars;
    const testEnd = testStart + testBars;
    if (testEnd > endRow) break;
    const purgeStart = testStart - horizon;
    const trainEnd = purgeStart - embargo;
    const trainStart = opts.expanding ? firstRow : s;
    const fold: Fold = {
      index: k,
      trainStart,
      trainEnd,
      embargoed: [trainEnd, purgeStart],
      purged: [purgeStart, testStart],
      testStart,
      testEnd,
    };
    const t = opts.time;
    if (t) {
      fold.times = {
        trainStart: t[trainStart],
        trainLast: t[trainEnd - 1],
        testStart: t[testStart],
        testLast: t[testEnd - 1],
      };
    }
    folds.push(fold);
  }
  return folds;
}

/**
 * Fold index per bar: k on fold k's test rows, -1 elsewhere. With step < testBars the test
 * windows overlap and a bar gets the latest fold covering it (the freshest model).
 */
export function foldIndexPerBar(folds: readonly Fold[], n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  for (const f of folds) out.fill(f.index, f.testStart, Math.min(f.testEnd, n));
  return out;
}
