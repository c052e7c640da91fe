/**
 * Validation: turns the mapped columns of one symbol into a clean, sorted Bars and a report
 * that counts every fix. Rows with an unreadable time, a non-finite or non-positive price, or
 * a non-finite or negative volume are dropped and counted; rows are sorted (out-of-order rows
 * counted); duplicate times keep their first row (removed rows counted, conflicting ones too);
 * OHLC inconsistencies (high below open/close/low, low above open/close) are flagged, not
 * changed; gaps are measured against the inferred bar size (the most common step).
 */
import type { Bars } from './bars';
import { DataError } from '../errors';
import { formatTimeframe } from './timeframe';

export interface BarColumnsInput {
  symbol: string;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface ValidationReport {
  symbol: string;
  /** rows read for this symbol */
  inputRows: number;
  /** rows in the resulting Bars */
  rows: number;
  firstTime: string | null;
  lastTime: string | null;
  /** the most common step between bars, in ms, and as text ('1h') */
  barMs: number;
  barSize: string;
  droppedInvalidTime: number;
  droppedInvalidPrice: number;
  droppedInvalidVolume: number;
  /** rows whose time was earlier than the row before them (in file order) */
  outOfOrder: number;
  duplicatesRemoved: number;
  /** removed duplicates whose values differed from the kept row */
  conflictingDuplicates: number;
  ohlcInconsistent: number;
  ohlcInconsistentExamples: string[];
  gaps: { count: number; largestMs: number; largestBars: number; missingBars: number };
  /** steps that are not a whole multiple of the bar size */
  irregularSteps: number;
  /** human-readable notes on anything that was fixed or looks off */
  warnings: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Counts of each step between consecutive times, in order of first appearance. */
type StepCounts = Map<number, number>;

/**
 * The usual input in one pass, with no index arrays: every row valid and the times strictly
 * increasing (so nothing is dropped, sorted or de-duplicated). Counts the OHLC inconsistencies
 * and the steps on the way; null as soon as a row needs any fix (the general path then runs).
 */
function cleanPass(
  input: BarColumnsInput,
): { ohlcInconsistent: number; examples: string[]; counts: StepCounts } | null {
  const { time, open, high, low, close, volume } = input;
  const n = time.length;
  let ohlcInconsistent = 0;
  const examples: string[] = [];
  // steps come in long runs of one value: the map is touched once per run, keys entering it in
  // the same order as bar by bar
  const counts: StepCounts = new Map();
  let runStep = NaN;
  let runLength = 0;
  let lastT = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    if (
      !(t > lastT && t < Infinity) ||
      !(o > 0 && h > 0 && l > 0 && c > 0 && o < Infinity && h < Infinity && l < Infinity && c < Infinity) ||
      !(v >= 0 && v < Infinity)
    )
      return null;
    if (i > 0) {
      const d = t - lastT;
      if (d === runStep) runLength++;
      else {
        if (runLength > 0) counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
        runStep = d;
        runLength = 1;
      }
    }
    lastT = t;
    if (h < o || h < c || h < l || l > o || l > c) {
      ohlcInconsistent++;
      if (examples.length < 5) examples.push(iso(t));
    }
  }
  if (runLength > 0) counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
  return { ohlcInconsistent, examples, counts };
}

/** Step counts over sorted times (as cleanPass counts them). */
function stepCounts(bt: Float64Array): StepCounts {
  const counts: StepCounts = new Map();
  let runStep = NaN;
  let runLength = 0;
  for (let j = 1; j < bt.length; j++) {
    const d = bt[j] - bt[j - 1];
    if (d === runStep) {
      runLength++;
      continue;
    }
    if (runLength > 0) counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
    runStep = d;
    runLength = 1;
  }
  if (runLength > 0) counts.set(runStep, (counts.get(runStep) ?? 0) + runLength);
  return counts;
}

/**
 * Builds one sorted, de-duplicated Bars and its report. Throws DataError('no-rows') when nothing
 * valid is left. When every row is kept in order the Bars hold the input's own arrays (the loader
 * hands each input over and drops it), so the input must not be changed afterwards.
 */
export function validateBars(input: BarColumnsInput): { bars: Bars; report: ValidationReport } {
  const n = input.time.length;
  const clean = n > 0 ? cleanPass(input) : null;
  if (clean) {
    const { time, open, high, low, close, volume } = input;
    return finish(input, { symbol: input.symbol, time, open, high, low, close, volume }, clean.counts, {
      droppedInvalidTime: 0,
      droppedInvalidPrice: 0,
      droppedInvalidVolume: 0,
      outOfOrder: 0,
      duplicatesRemoved: 0,
      conflictingDuplicates: 0,
      ohlcInconsistent: clean.ohlcInconsistent,
      ohlcInconsistentExamples: clean.examples,
    });
  }
  return validateWithFixes(input);
}

/** What the checks counted, before the bar size and gaps. */
type Counted = Pick<
  ValidationReport,
  | 'droppedInvalidTime'
  | 'droppedInvalidPrice'
  | 'droppedInvalidVolume'
  | 'outOfOrder'
  | 'duplicatesRemoved'
  | 'conflictingDuplicates'
  | 'ohlcInconsistent'
  | 'ohlcInconsistentExamples'
>;

/** The general path: rows dropped, sorted and de-duplicated as needed. */
function validateWithFixes(input: BarColumnsInput): { bars: Bars; report: ValidationReport } {
  const n = input.time.length;
  const { time, open, high, low, close, volume } = input;
  let droppedInvalidTime = 0;
  let droppedInvalidPrice = 0;
  let droppedInvalidVolume = 0;
  const keep = new Uint32Array(n);
  let k = 0;
  let outOfOrder = 0;
  let lastT = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) {
      droppedInvalidTime++;
      continue;
    }
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    if (!(o > 0 && h > 0 && l > 0 && c > 0 && o < Infinity && h < Infinity && l < Infinity && c < Infinity)) {
      droppedInvalidPrice++;
      continue;
    }
    const v = volume[i];
    if (!(v >= 0 && v < Infinity)) {
      droppedInvalidVolume++;
      continue;
    }
    if (t < lastT) outOfOrder++;
    lastT = t;
    keep[k++] = i;
  }
  let order = keep.subarray(0, k);
  if (outOfOrder > 0) order = order.slice().sort((a, b) => time[a] - time[b] || a - b);

  // de-duplicate: first row of each time wins (file order, thanks to the stable tie-break)
  const idx = new Uint32Array(k);
  let m = 0;
  let duplicatesRemoved = 0;
  let conflictingDuplicates = 0;
  for (let j = 0; j < k; j++) {
    const i = order[j];
    if (m > 0 && time[idx[m - 1]] === time[i]) {
      duplicatesRemoved++;
      const p = idx[m - 1];
      if (
        open[p] !== open[i] ||
        high[p] !== high[i] ||
        low[p] !== low[i] ||
        close[p] !== close[i] ||
        volume[p] !== volume[i]
      ) {
        conflictingDuplicates++;
      }
      continue;
    }
    idx[m++] = i;
  }
  if (m === 0) {
    throw new DataError(
      'no-rows',
      `No valid rows for ${input.symbol}: expected at least one row with a readable time and positive prices, found ${n} row(s) ` +
        `(${droppedInvalidTime} with an unreadable time, ${droppedInvalidPrice} with a missing or non-positive price, ` +
        `${droppedInvalidVolume} with a bad volume).`,
    );
  }

  // every row kept, in file order: the input's columns are the bars (no copy, no second set of
  // columns alive at once); only the OHLC check reads them
  const asIs = m === n && outOfOrder === 0;
  const bars: Bars = asIs
    ? { symbol: input.symbol, time, open, high, low, close, volume }
    : {
        symbol: input.symbol,
        time: new Float64Array(m),
        open: new Float64Array(m),
        high: new Float64Array(m),
        low: new Float64Array(m),
        close: new Float64Array(m),
        volume: new Float64Array(m),
      };
  let ohlcInconsistent = 0;
  const ohlcInconsistentExamples: string[] = [];
  if (asIs) {
    for (let i = 0; i < m; i++) {
      const o = open[i];
      const h = high[i];
      const l = low[i];
      const c = close[i];
      if (h < o || h < c || h < l || l > o || l > c) {
        ohlcInconsistent++;
        if (ohlcInconsistentExamples.length < 5) ohlcInconsistentExamples.push(iso(time[i]));
      }
    }
  }
  for (let j = 0; !asIs && j < m; j++) {
    const i = idx[j];
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    bars.time[j] = time[i];
    bars.open[j] = o;
    bars.high[j] = h;
    bars.low[j] = l;
    bars.close[j] = c;
    bars.volume[j] = volume[i];
    if (h < o || h < c || h < l || l > o || l > c) {
      ohlcInconsistent++;
      if (ohlcInconsistentExamples.length < 5) ohlcInconsistentExamples.push(iso(time[i]));
    }
  }

  return finish(input, bars, stepCounts(bars.time), {
    droppedInvalidTime,
    droppedInvalidPrice,
    droppedInvalidVolume,
    outOfOrder,
    duplicatesRemoved,
    conflictingDuplicates,
    ohlcInconsistent,
    ohlcInconsistentExamples,
  });
}

/** The bar size (the most common step), gaps, warnings and the report. */
function finish(
  input: BarColumnsInput,
  bars: Bars,
  counts: StepCounts,
  c: Counted,
): { bars: Bars; report: ValidationReport } {
  const m = bars.time.length;
  const { droppedInvalidTime, droppedInvalidPrice, droppedInvalidVolume, outOfOrder } = c;
  const { duplicatesRemoved, conflictingDuplicates, ohlcInconsistent } = c;
  let barMs = 0;
  let best = 0;
  for (const [d, c] of counts) {
    if (c > best || (c === best && d < barMs)) {
      best = c;
      barMs = d;
    }
  }
  const gaps = { count: 0, largestMs: 0, largestBars: 0, missingBars: 0 };
  let irregularSteps = 0;
  if (barMs > 0) {
    for (const [d, c] of counts) {
      if (d % barMs !== 0) irregularSteps += c;
      if (d > barMs) {
        gaps.count += c;
        gaps.missingBars += c * (Math.round(d / barMs) - 1);
        if (d > gaps.largestMs) gaps.largestMs = d;
      }
    }
    gaps.largestBars = gaps.largestMs ? Math.round(gaps.largestMs / barMs) - 1 : 0;
  }

  const warnings: string[] = [];
  if (droppedInvalidTime) warnings.push(`${droppedInvalidTime} row(s) with an unreadable time dropped`);
  if (droppedInvalidPrice)
    warnings.push(`${droppedInvalidPrice} row(s) with a missing, non-finite or non-positive price dropped`);
  if (droppedInvalidVolume)
    warnings.push(`${droppedInvalidVolume} row(s) with a missing or negative volume dropped`);
  if (outOfOrder) warnings.push(`${outOfOrder} row(s) out of order; bars were sorted by time`);
  if (duplicatesRemoved) {
    warnings.push(
      `${duplicatesRemoved} duplicate time(s) removed (first row kept)${conflictingDuplicates ? `, ${conflictingDuplicates} with different values` : ''}`,
    );
  }
  if (ohlcInconsistent) warnings.push(`${ohlcInconsistent} bar(s) with inconsistent OHLC (kept, flagged)`);
  if (gaps.count)
    warnings.push(
      `${gaps.count} gap(s), ${gaps.missingBars} missing bar(s), largest ${gaps.largestBars} bar(s)`,
    );
  if (irregularSteps)
    warnings.push(`${irregularSteps} step(s) not a multiple of the ${formatTimeframe(barMs)} bar size`);

  return {
    bars,
    report: {
      symbol: input.symbol,
      inputRows: input.time.length,
      rows: m,
      firstTime: iso(bars.time[0]),
      lastTime: iso(bars.time[m - 1]),
      barMs,
      barSize: formatTimeframe(barMs),
      ...c,
      gaps,
      irregularSteps,
      warnings,
    },
  };
}
