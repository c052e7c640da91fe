/**
 * planWalkForward: request + bars -> per symbol the dataset (features and labels), the fold
 * plan on the time grid (src/core/backtest planFolds), each fold's training / test row ranges
 * with the purge applied in time, the units of work (tasks) and a JSON summary for the UI.
 *
 * Windows are counted in slots of the regular time grid (see grid.ts). A training row r is
 * kept only when its label is known strictly before the test window (minus the embargo):
 * slot(bar r + h) < testStart - embargo. Without gaps that is exactly planFolds' purge of the
 * last h rows; with gaps it also drops rows whose h bars ahead jump into the test window (see README).
 */
import { planFolds, type Fold } from '../backtest/folds';
import type { Bars } from '../data/bars';
import { DEFAULT_FEATURE_SET } from '../features/registry';
import { DEFAULT_TERNARY_THRESHOLD, type LabelSpec } from '../labels/labels';
import { buildDataset } from '../split/dataset';
import { formatBarMs, inferBarMs, parseWindow } from '../split/windows';
import { gridGaps, gridSlots, lowerBound } from './grid';
import { resolveRequest } from './request';
import type {
  FoldPlanEntry,
  FoldTask,
  ResolvedWalkForwardRequest,
  SymbolData,
  SymbolPlanSummary,
  WalkForwardPlan,
  WalkForwardRequest,
} from './types';
import { DataError, InternalError } from '../errors';

const iso = (ms: number) => new Date(ms).toISOString();

export function labelSpecOf(r: ResolvedWalkForwardRequest): LabelSpec {
  const h = r.model.target_horizon;
  if (r.model.task === 'regression') return { kind: 'regression', horizon: h };
  if (r.model.label_kind === 'ternary')
    return { kind: 'ternary', horizon: h, threshold: r.model.label_threshold ?? DEFAULT_TERNARY_THRESHOLD };
  return { kind: 'binary', horizon: h };
}

/** Row ranges of one fold for one symbol, from slot windows (the live loop plans its retrains with it). */
export function foldRows(
  d: Pick<SymbolData, 'dataset' | 'slot'>,
  f: Fold,
  h: number,
  embargo: number,
): SymbolData['rows'][number] {
  const { barIndex } = d.dataset;
  const n = d.dataset.X.rows;
  const rowSlot = (r: number) => d.slot[barIndex[r]];
  const labelSlot = (r: number) => d.slot[barIndex[r] + h];
  const a = lowerBound(rowSlot, 0, n, f.trainStart);
  const c = lowerBound(rowSlot, a, n, f.testStart); // rows before the test window
  const b = lowerBound(labelSlot, a, c, f.testStart - embargo); // label known before the embargo zone
  const e = lowerBound(labelSlot, b, c, f.testStart); // label known before the test window
  const ta = c;
  const tb = lowerBound(rowSlot, ta, n, f.testEnd);
  return { train: [a, b], test: [ta, tb], purged: c - e, embargoed: e - b };
}

export interface PlanOptions {
  /**
   * Let folds run up to the last bar instead of the last labelled row: the test rows of the last
   * h bars have no label and are simply not predicted. For data cut at a boundary (a tuning
   * period), so the fold that ends there is kept with its unlabelled tail purged.
   */
  foldsToLastBar?: boolean;
}

/** The plan: datasets, folds, tasks and the summary. Throws when no fold fits in the data. */
export function planWalkForward(
  request: WalkForwardRequest,
  bars: Bars[],
  options: PlanOptions = {},
): WalkForwardPlan {
  if (bars.length !== request.symbols?.length)
    throw new InternalError(
      `Got bars for ${bars.length} symbol(s) but the request names ${request.symbols?.length ?? 0}.`,
    );
  bars.forEach((b, k) => {
    if (b.symbol !== request.symbols[k])
      throw new InternalError(`Bars #${k} are ${b.symbol}, expected ${request.symbols[k]}.`);
    if (b.time.length < 2)
      throw new DataError(
        'too-few-rows',
        `${b.symbol} has fewer than 2 bars: load more data or choose another symbol.`,
      );
  });
  const barMs = inferBarMs(bars[0].time);
  for (const b of bars) {
    const ms = inferBarMs(b.time);
    if (ms !== barMs)
      throw new DataError(
        'mixed-timeframes',
        `${b.symbol} has ${formatBarMs(ms)} bars, ${bars[0].symbol} ${formatBarMs(barMs)}: resample to one timeframe.`,
      );
  }
  const req = resolveRequest(request, barMs);
  const h = req.model.target_horizon;
  const label = labelSpecOf(req);
  const origin = Math.min(...bars.map((b) => b.time[0]));
  const warnings: string[] = [];
  if (req.timeframe) {
    let ms = NaN;
    try {
      ms = parseWindow(req.timeframe, 1); // '1h' -> 3,600,000 one-millisecond "bars"
    } catch {
      // not a duration (e.g. a label of the dataset): nothing to compare
    }
    if (Number.isFinite(ms) && ms !== barMs)
      warnings.push(
        `timeframe ${req.timeframe} asked for, but the bars are ${formatBarMs(barMs)}: windows use the bars' size.`,
      );
  }

  const symbols: SymbolData[] = bars.map((b) => {
    const dataset = buildDataset({
      barsBySymbol: [b],
      featureSet: req.model.feature_set ?? DEFAULT_FEATURE_SET,
      label,
      warmup: req.warmup,
      barMs,
    });
    return {
      symbol: b.symbol,
      bars: b,
      dataset,
      slot: gridSlots(b.symbol, b.time, origin, barMs),
      folds: [],
      rows: [],
      testBars: [],
    };
  });

  const usable = (d: SymbolData): [number, number] | null => {
    const n = d.dataset.X.rows;
    if (n === 0) return null;
    const bi = d.dataset.barIndex;
    const last = options.foldsToLastBar ? d.slot[d.slot.length - 1] : d.slot[bi[n - 1]];
    return [d.slot[bi[0]], last + 1];
  };
  const plan = (first: number, end: number): Fold[] => {
    const folds = planFolds({
      firstRow: first,
      endRow: end,
      trainBars: req.train_bars,
      testBars: req.test_bars,
      step: req.step_bars,
      expanding: req.expanding,
      horizon: h,
      embargo: req.embargo_bars,
    });
    return req.max_folds ? folds.slice(0, req.max_folds) : folds;
  };
  if (req.pooled) {
    const spans = symbols.map(usable).filter((s): s is [number, number] => s !== null);
    const shared = spans.length
      ? plan(Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1])))
      : [];
    for (const d of symbols) d.folds = shared;
  } else {
    for (const d of symbols) {
      const span = usable(d);
      d.folds = span ? plan(span[0], span[1]) : [];
    }
  }
  for (const d of symbols) {
    for (const f of d.folds) {
      d.rows.push(foldRows(d, f, h, req.embargo_bars));
      d.testBars.push([
        lowerBound((i) => d.slot[i], 0, d.slot.length, f.testStart),
        lowerBound((i) => d.slot[i], 0, d.slot.length, f.testEnd),
      ]);
    }
    if (d.folds.length === 0) {
      const have = d.dataset.X.rows;
      warnings.push(
        `${d.symbol}: no fold fits: one fold needs ${req.train_bars + req.test_bars} bars after the warm-up, ${have} usable rows found.`,
      );
    }
  }

  const foldCount = Math.max(0, ...symbols.map((d) => d.folds.length));
  if (foldCount === 0)
    throw new DataError(
      'too-few-rows',
      `No walk-forward fold fits in the data. ${warnings.join(' ')} Shorten train_window or test_window, or load more data.`,
    );
  const tasks: FoldTask[] = [];
  for (let k = 0; k < foldCount; k++) {
    if (req.pooled) {
      const members = symbols.flatMap((d, s) => {
        const r = d.rows[k];
        return r && (r.train[1] > r.train[0] || r.test[1] > r.test[0]) ? [s] : [];
      });
      const trainRows = members.reduce(
        (n, s) => n + symbols[s].rows[k].train[1] - symbols[s].rows[k].train[0],
        0,
      );
      if (trainRows === 0) warnings.push(`fold ${k}: no training rows in any symbol; skipped.`);
      else tasks.push({ task: tasks.length, fold: k, symbols: members });
    } else {
      symbols.forEach((d, s) => {
        const r = d.rows[k];
        if (!r) return;
        if (r.train[1] - r.train[0] === 0) warnings.push(`${d.symbol} fold ${k}: no training rows; skipped.`);
        else if (r.test[1] - r.test[0] === 0) warnings.push(`${d.symbol} fold ${k}: no test rows; skipped.`);
        else tasks.push({ task: tasks.length, fold: k, symbols: [s] });
      });
    }
  }

  const slotTime = (s: number) => iso(origin + s * barMs);
  const summaries: SymbolPlanSummary[] = symbols.map((d) => {
    const gaps = gridGaps(d.slot);
    if (gaps.missing > 0)
      warnings.push(
        `${d.symbol}: ${gaps.missing} bar(s) missing from the ${formatBarMs(barMs)} grid (largest gap ${gaps.maxGap}); windows stay in calendar time, so those folds have fewer rows.`,
      );
    const folds: FoldPlanEntry[] = d.folds.map((f, k) => {
      const r = d.rows[k];
      const trainBarStart = lowerBound((i) => d.slot[i], 0, d.slot.length, f.trainStart);
      return {
        fold: f.index,
        symbol: d.symbol,
        train_start: slotTime(f.trainStart),
        train_end: slotTime(f.trainEnd - 1),
        test_start: slotTime(f.testStart),
        test_end: slotTime(f.testEnd - 1),
        train_rows: r.train[1] - r.train[0],
        purged_rows: r.purged,
        embargoed_rows: r.embargoed,
        test_rows: r.test[1] - r.test[0],
        train_bars: [
          trainBarStart,
          r.train[1] > r.train[0] ? d.dataset.barIndex[r.train[1] - 1] + 1 : trainBarStart,
        ],
        test_bars: d.testBars[k],
      };
    });
    const n = d.bars.time.length;
    return {
      symbol: d.symbol,
      bars: n,
      first_time: n ? iso(d.bars.time[0]) : null,
      last_time: n ? iso(d.bars.time[n - 1]) : null,
      rows: d.dataset.X.rows,
      excluded_warmup_rows: d.dataset.excludedWarmupRows,
      missing_bars: gaps.missing,
      max_gap_bars: gaps.maxGap,
      folds,
    };
  });
  const size = formatBarMs(barMs);
  const emb = req.embargo_bars > 0 ? `, then ${req.embargo_bars} more embargoed rows before those` : '';
  const description =
    `${req.pooled ? 'One model per fold trained on all symbols' : 'One model per symbol and fold'}; ` +
    `fold k trains on ${req.train_bars} ${size} bars ${req.expanding ? 'from the first usable bar (expanding)' : 'starting k x ' + req.step_bars + ' bars after the first usable bar'}, ` +
    `minus the last ${h} rows whose ${h}-bar label reaches the test window (purged)${emb}, ` +
    `and tests on the next ${req.test_bars} bars. Windows are counted on the ${size} time grid (calendar time; ` +
    `missing bars have no rows). A training row is kept only if its label is known before the test window starts.`;
  return {
    request: req,
    origin,
    symbols,
    tasks,
    summary: {
      bar_ms: barMs,
      bar_size: size,
      train_bars: req.train_bars,
      test_bars: req.test_bars,
      step_bars: req.step_bars,
      embargo_bars: req.embargo_bars,
      horizon: h,
      expanding: req.expanding,
      pooled: req.pooled,
      warmup: req.warmup,
      fold_count: foldCount,
      task_count: tasks.length,
      symbols: summaries,
      description,
      warnings,
    },
  };
}
