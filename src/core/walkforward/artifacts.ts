/**
 * The run's artifact files (artifacts/<run_id>/): report.json, equity_curve.csv, trades.csv,
 * feature_importance.json, prices.csv, predictions.csv, as strings. report.json is deterministic apart from the keys in
 * VOLATILE_REPORT_KEYS (the clock: created_at, the ids derived from it, timings), so that the
 * same request on the same data gives the same bytes once those are dropped.
 */
import { csvField, csvNumber, csvText, equityCurveCsv, isoTime, tradesCsv } from '../backtest/csv';
import { forwardFill } from '../backtest/portfolio';
import { jsonSafe, toJson } from '../util/json';
import { REPORT_FORMAT, type WalkForwardReport } from './report-type';
import { METRIC_DEFINITIONS } from './seed-results';
import type { BacktestArtifacts, WalkForwardResult } from './types';

/** Top-level report.json keys that depend on the clock. */
export const VOLATILE_REPORT_KEYS = ['run_id', 'created_at', 'updated_model_ids', 'timings'] as const;

export { REPORT_FORMAT };

/** report.json as an object (JSON-safe). */
export function buildReport(r: WalkForwardResult): WalkForwardReport {
  return toJson({
    run_id: r.run_id,
    created_at: r.created_at,
    format: REPORT_FORMAT as typeof REPORT_FORMAT,
    app_version: r.app_version,
    config: r.request,
    dataset: r.dataset,
    backend: r.backend,
    plan: r.plan,
    results: r.results,
    portfolio: { symbols: r.portfolio.curve.symbols, metrics: r.portfolio.metrics },
    per_symbol: Object.fromEntries(
      r.per_symbol.map((p) => [
        p.symbol,
        { results: p.results, metrics: p.metrics, model_metrics: p.model_metrics },
      ]),
    ),
    folds: r.folds,
    model_metrics: r.model_metrics,
    feature_importance: { kind: 'gain' as const, mean: r.feature_importance.mean },
    updated_model_ids: r.updated_models.map((m) => ({
      model_id: m.model_id,
      parent_id: m.parent_id,
      symbol: m.symbol,
    })),
    warnings: r.warnings,
    metric_definitions: METRIC_DEFINITIONS,
    timings: r.timings,
  });
}

export const PRICES_COLUMNS = ['symbol', 'timestamp', 'close'] as const;

/** prices.csv: each symbol's thinned closes over its test span. */
export function pricesCsv(r: WalkForwardResult): string {
  const lines = [PRICES_COLUMNS.join(',')];
  for (const p of r.per_symbol) {
    const sym = csvField(p.symbol);
    for (let i = 0; i < p.prices.time.length; i++)
      lines.push([sym, isoTime(p.prices.time[i]), csvNumber(p.prices.close[i])].join(','));
  }
  return csvText(lines);
}

export const PREDICTIONS_COLUMNS = ['symbol', 'timestamp', 'prediction', 'label'] as const;

/**
 * predictions.csv: every out-of-sample prediction the run traded, per symbol in time order.
 * prediction = the trading signal (P(up), P(BUY) for ternary labels, or the predicted simple
 * return expm1(log return) for regression); label = the class index (0/1, or 0 SELL, 1 HOLD,
 * 2 BUY) or the forward log return over the horizon.
 */
export function predictionsCsv(r: WalkForwardResult): string {
  const lines = [PREDICTIONS_COLUMNS.join(',')];
  for (const p of r.per_symbol) {
    const sym = csvField(p.symbol);
    const { start, end, time } = p.simulation;
    for (let b = start; b < end; b++) {
      const v = p.signal[b];
      if (Number.isNaN(v)) continue;
      lines.push([sym, isoTime(time[b - start]), csvNumber(v), csvNumber(p.label[b])].join(','));
    }
  }
  return csvText(lines);
}

/** grossExposure per result: the artifacts and the run's view both read it. */
const exposures = new WeakMap<WalkForwardResult, Float64Array>();

/**
 * Portfolio gross exposure per bar: sum of sleeve value x |sleeve exposure| / portfolio equity.
 * The arithmetic of combineSleeves' net exposure (src/core/backtest/portfolio.ts) with |exposure|,
 * on the portfolio curve's time grid and equity, which are that union and that sum already, so
 * neither is computed again (tested equal to combineSleeves over |exposure| sleeves).
 */
export function grossExposure(r: WalkForwardResult): Float64Array {
  let out = exposures.get(r);
  if (!out) {
    const { time, equity } = r.portfolio.curve;
    const n = time.length;
    out = new Float64Array(n);
    const value = new Float64Array(n);
    const pos = new Float64Array(n);
    for (const p of r.per_symbol) {
      const sim = p.simulation;
      forwardFill(time, sim.time, sim.equity, sim.initialCapital, value);
      forwardFill(time, sim.time, sim.position, 0, pos);
      for (let i = 0; i < n; i++) out[i] += value[i] * Math.abs(pos[i]);
    }
    for (let i = 0; i < n; i++) out[i] = out[i] === 0 ? 0 : out[i] / equity[i];
    exposures.set(r, out);
  }
  return out;
}

export function buildArtifacts(r: WalkForwardResult): BacktestArtifacts {
  const c = r.portfolio.curve;
  return {
    'report.json': JSON.stringify(buildReport(r), null, 2) + '\n',
    'equity_curve.csv': equityCurveCsv({
      time: c.time,
      equity: c.equity,
      initialEquity: c.initialCapital,
      position: grossExposure(r),
      buyAndHold: c.buyAndHold,
    }),
    'trades.csv': tradesCsv(c.trades),
    'prices.csv': pricesCsv(r),
    'predictions.csv': predictionsCsv(r),
    'feature_importance.json':
      JSON.stringify(
        jsonSafe({
          run_id: r.run_id,
          kind: 'gain',
          description:
            "gain importance of each fold's model (normalised to sum 1 per model); mean = the average over folds (per-symbol models: over every symbol's folds)",
          features: r.feature_importance.features,
          mean: r.feature_importance.mean,
          per_fold: r.feature_importance.per_fold,
        }),
        null,
        2,
      ) + '\n',
  };
}
