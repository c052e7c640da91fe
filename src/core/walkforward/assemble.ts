/**
 * assembleBacktest: fold results -> signals per bar -> one simulation per symbol over its
 * whole out-of-sample span (positions carry across contiguous folds, as in the seed) ->
 * buy-and-hold, per-symbol, per-fold and portfolio metrics (src/core/backtest), out-of-sample
 * model metrics, feature importance and the updated models. Pure: same inputs, same output.
 */
import type { Bars } from '../data/bars';
import { classificationTargets, regressionTargets } from '../backtest/signals';
import { simulate } from '../backtest/simulate';
import { buyAndHoldEquity } from '../backtest/benchmark';
import { computeMetrics, metricsForRange, metricsOfResult } from '../backtest/metrics';
import { combineSleeves, sleeveOf } from '../backtest/portfolio';
import type { DatasetRef } from '../train/train-job';
import { runId } from '../util/ids';
import { foldModelMetrics } from './fold-metrics';
import { seedResults } from './seed-results';
import type {
  FeatureImportanceReport,
  FoldReport,
  FoldResult,
  SeedResults,
  SymbolResult,
  WalkForwardPlan,
  WalkForwardResult,
} from './types';
import { collectUpdatedModels } from './updated-models';
import { InternalError } from '../errors';

export interface AssembleOptions {
  plan: WalkForwardPlan;
  /** one result per plan task, any order */
  folds: readonly FoldResult[];
  dataset?: DatasetRef | null;
  appVersion?: string;
  /** clock for created_at, the run id and updated model ids (default Date.now) */
  now?: () => number;
  /** measured by the caller */
  timings?: { plan_s?: number; folds_s?: number };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Model metrics over the traded predictions of every symbol together. */
function pooledModelMetrics(built: { y: Float64Array; values: Float64Array; K: number }[]) {
  const K = built[0].K;
  const yAll = new Float64Array(built.reduce((n, b) => n + b.y.length, 0));
  const vAll = new Float64Array(yAll.length * K);
  let at = 0;
  for (const b of built) {
    yAll.set(b.y, at);
    vAll.set(b.values, at * K);
    at += b.y.length;
  }
  return foldModelMetrics(yAll, vAll, K);
}

/** At most PRICE_POINTS closes of bars [from, to) (every k-th bar), kept with the run for its chart. */
export const PRICE_POINTS = 4000;

export function thinPrices(
  bars: Bars,
  from: number,
  to: number,
): { time: Float64Array; close: Float64Array } {
  const a = Math.max(0, from);
  const b = Math.min(bars.time.length, to);
  const step = Math.max(1, Math.ceil((b - a) / PRICE_POINTS));
  const n = b > a ? Math.ceil((b - a) / step) : 0;
  const time = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = bars.time[a + i * step];
    close[i] = bars.close[a + i * step];
  }
  return { time, close };
}

export function assembleBacktest(o: AssembleOptions): WalkForwardResult {
  const t0 = performance.now();
  const { plan } = o;
  const req = plan.request;
  const byTask = new Map(o.folds.map((f) => [f.task, f]));
  const missing = plan.tasks.filter((t) => !byTask.has(t.task)).map((t) => t.task);
  if (missing.length) throw new InternalError(`missing results for task(s) ${missing.join(', ')}`);
  const results = plan.tasks.map((t) => byTask.get(t.task)!);
  const barMs = req.bar_ms;
  const warnings = [...plan.summary.warnings];
  for (const f of results) for (const w of f.warnings) if (!warnings.includes(w)) warnings.push(w);

  // per symbol: signal per bar (latest fold wins where windows overlap), fold per bar, span
  const active = plan.symbols
    .map((d, s) => ({ d, s, tasks: plan.tasks.filter((t) => t.symbols.includes(s)) }))
    .filter((a) => a.tasks.length > 0);
  const capital = req.initial_capital / active.length;
  const built = active.map(({ d, s, tasks }) => {
    const n = d.bars.time.length;
    const signal = new Float64Array(n).fill(NaN);
    const foldIndex = new Int32Array(n).fill(-1);
    let K = 1;
    const raw: Float64Array[] = [];
    const yAt = new Float64Array(n).fill(NaN);
    let start = n;
    let end = 0;
    for (const t of tasks) {
      const [ba, bb] = d.testBars[t.fold];
      foldIndex.fill(t.fold, ba, bb);
      start = Math.min(start, ba);
      end = Math.max(end, bb);
      const p = byTask.get(t.task)!.predictions.find((q) => q.symbol === d.symbol);
      if (!p) continue;
      K = p.nClasses;
      while (raw.length < K) raw.push(new Float64Array(n).fill(NaN));
      for (let i = 0; i < p.barIndex.length; i++) {
        const b = p.barIndex[i];
        signal[b] = p.signal[i];
        yAt[b] = p.y[i];
        for (let c = 0; c < K; c++) raw[c][b] = p.values[i * K + c];
      }
    }
    const target =
      req.model.task === 'regression'
        ? regressionTargets({
            pred: signal,
            hurdle: req.hurdle ?? undefined,
            feesBps: req.fees_bps,
            slippageBps: req.slippage_bps,
            longShort: req.long_short,
          })
        : classificationTargets({
            prob: signal,
            buyThreshold: req.buy_threshold,
            sellThreshold: req.sell_threshold,
            longShort: req.long_short,
            strict: req.strict_thresholds,
          });
    const simulation = simulate({
      bars: d.bars,
      target,
      start,
      end,
      fill: req.fill,
      accounting: req.accounting,
      feesBps: req.fees_bps,
      slippageBps: req.slippage_bps,
      initialCapital: capital,
      foldIndex,
    });
    const buyAndHold = buyAndHoldEquity({ bars: d.bars, start, end, initialCapital: capital });
    const metrics = metricsOfResult(simulation, { buyAndHold, barMs });
    // out-of-sample model metrics on the predictions actually traded
    let traded = 0;
    for (let b = start; b < end; b++) if (!Number.isNaN(signal[b])) traded++;
    const y = new Float64Array(traded);
    const values = new Float64Array(traded * K);
    for (let b = start, i = 0; b < end; b++) {
      if (Number.isNaN(signal[b])) continue;
      y[i] = yAt[b];
      for (let c = 0; c < K; c++) values[i * K + c] = raw[c][b];
      i++;
    }
    const result: SymbolResult = {
      symbol: d.symbol,
      results: seedResults(metrics),
      metrics,
      simulation,
      buy_and_hold: buyAndHold,
      signal,
      target,
      fold_index: foldIndex,
      label: yAt,
      model_metrics: foldModelMetrics(y, values, K),
      prices: thinPrices(d.bars, start, end),
    };
    return { result, s, y, values, K };
  });
  const perSymbol = built.map((b) => b.result);

  // per fold: model metrics from the fold, trading metrics of its test window per symbol
  const folds: FoldReport[] = results.map((f) => {
    const t = plan.tasks[f.task];
    const backtest: Record<string, SeedResults> = {};
    for (const s of t.symbols) {
      const sr = built.find((b) => b.s === s)!.result;
      const [ba, bb] = plan.symbols[s].testBars[t.fold];
      if (bb > ba)
        backtest[sr.symbol] = seedResults(
          metricsForRange(sr.simulation, { from: ba, to: bb, buyAndHold: sr.buy_and_hold, barMs }),
        );
    }
    const d0 = plan.symbols[t.symbols[0]];
    const fold = d0.folds[t.fold];
    return {
      task: f.task,
      fold: f.fold,
      symbols: f.symbols,
      test_start: iso(plan.origin + fold.testStart * barMs),
      test_end: iso(plan.origin + (fold.testEnd - 1) * barMs),
      train_rows: f.train_rows,
      purged_rows: f.purged_rows,
      test_rows: f.test_rows,
      model_metrics: f.model_metrics,
      ...(f.model_metrics_per_symbol ? { model_metrics_per_symbol: f.model_metrics_per_symbol } : {}),
      backtest,
      online_updates: f.online_updates,
    };
  });

  // portfolio: equal-weight sleeves (src/core/backtest/portfolio.ts)
  const curve = combineSleeves(perSymbol.map((p) => sleeveOf(p.simulation, p.buy_and_hold)));
  const portfolioMetrics = computeMetrics({
    time: curve.time,
    equity: curve.equity,
    position: curve.position,
    initialEquity: curve.initialCapital,
    trades: curve.trades,
    totals: curve.totals,
    buyAndHold: curve.buyAndHold,
    barMs,
  });

  // model metrics over every traded prediction of every symbol
  const modelMetrics = built.length === 1 ? built[0].result.model_metrics : pooledModelMetrics(built);

  const names = plan.symbols[0].dataset.featureNames;
  const gainOf = (g: number[] | null) => (g ? Object.fromEntries(names.map((n, j) => [n, g[j]])) : null);
  const withGain = results.filter((f) => f.importance);
  const importance: FeatureImportanceReport = {
    features: names,
    mean:
      withGain.length === results.length && results.length > 0
        ? Object.fromEntries(
            names.map((n, j) => [n, withGain.reduce((s, f) => s + f.importance![j], 0) / withGain.length]),
          )
        : null,
    per_fold: results.map((f) => ({
      task: f.task,
      fold: f.fold,
      symbols: f.symbols,
      gain: gainOf(f.importance),
    })),
  };

  const created = (o.now ?? Date.now)();
  const appVersion = o.appVersion ?? 'dev';
  const fitS = results.reduce((s, f) => s + f.fit_seconds, 0);
  const backends = [...new Set(results.map((f) => f.backend))];
  const assembleS = (performance.now() - t0) / 1000;
  return {
    run_id: runId(created),
    created_at: iso(created),
    request: req,
    plan: plan.summary,
    results: seedResults(portfolioMetrics),
    portfolio: { metrics: portfolioMetrics, curve },
    per_symbol: perSymbol,
    folds,
    model_metrics: modelMetrics,
    feature_importance: importance,
    updated_models: collectUpdatedModels({
      plan,
      folds: results,
      createdMs: created,
      dataset: o.dataset ?? null,
      appVersion,
    }),
    dataset: o.dataset ?? null,
    app_version: appVersion,
    backend: backends.join(', '),
    timings: {
      plan_s: o.timings?.plan_s ?? 0,
      folds_s: o.timings?.folds_s ?? fitS,
      fit_s: fitS,
      assemble_s: assembleS,
      total_s: (o.timings?.plan_s ?? 0) + (o.timings?.folds_s ?? fitS) + assembleS,
      per_fold: results.map((f) => ({
        task: f.task,
        fold: f.fold,
        fit_s: f.fit_seconds,
        predict_s: f.predict_seconds,
      })),
    },
    warnings,
  };
}
