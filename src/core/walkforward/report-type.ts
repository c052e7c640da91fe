/**
 * report.json of a walk-forward run: the one type the writer (`buildReport`) produces, the view
 * (`backtestView`) reads, the UI renders and a bundle import checks (`parseWalkForwardReport`).
 *
 * Keys, as written:
 * - run_id, created_at, format ('walk-forward-report/1'), app_version, backend
 * - config: the resolved request (every default filled in, windows in bars too)
 * - dataset: hub, dataset id, revision, commit and files (null for a run on bars given by hand)
 * - plan: the fold plan summary (bar size, windows, folds per symbol, warnings)
 * - results: the portfolio's results under the seed's names (see METRIC_DEFINITIONS)
 * - portfolio: { symbols, metrics }; per_symbol: { [symbol]: { results, metrics, model_metrics } }
 * - folds: per fold, the model's out-of-sample metrics and the fold's trading results
 * - model_metrics: out-of-sample model quality over every test row
 * - feature_importance: { kind: 'gain', mean }; updated_model_ids; warnings
 * - metric_definitions: how every metric is computed; timings (seconds)
 *
 * JSON has no NaN, so every number may be null where it was not finite (`Jsonified`).
 */
import type { BacktestMetrics } from '../backtest/metrics';
import { RefusedError } from '../errors';
import type { Jsonified } from '../util/json';
import type { DatasetRef } from '../train/train-job';
import type {
  FoldModelMetrics,
  FoldReport,
  ResolvedWalkForwardRequest,
  SeedResults,
  WalkForwardPlanSummary,
  WalkForwardTimings,
} from './types';

export const REPORT_FORMAT = 'walk-forward-report/1';
export type { Jsonified };

export interface WalkForwardReportData {
  run_id: string;
  created_at: string;
  format: typeof REPORT_FORMAT;
  app_version: string;
  config: ResolvedWalkForwardRequest;
  dataset: DatasetRef | null;
  backend: string;
  plan: WalkForwardPlanSummary;
  results: SeedResults;
  portfolio: { symbols: string[]; metrics: BacktestMetrics };
  per_symbol: Record<
    string,
    { results: SeedResults; metrics: BacktestMetrics; model_metrics: FoldModelMetrics }
  >;
  folds: FoldReport[];
  model_metrics: FoldModelMetrics;
  feature_importance: { kind: 'gain'; mean: Record<string, number> | null };
  updated_model_ids: { model_id: string; parent_id: string | null; symbol: string | null }[];
  warnings: string[];
  metric_definitions: Record<string, string>;
  timings: WalkForwardTimings;
}

export type WalkForwardReport = Jsonified<WalkForwardReportData>;

const OBJECT_KEYS = [
  'config',
  'plan',
  'results',
  'portfolio',
  'per_symbol',
  'model_metrics',
  'feature_importance',
  'metric_definitions',
  'timings',
] as const;
const ARRAY_KEYS = ['folds', 'updated_model_ids', 'warnings'] as const;
const STRING_KEYS = ['run_id', 'created_at', 'app_version', 'backend'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems of a parsed report.json against the type (empty when it conforms at the top level). */
export function walkForwardReportProblems(v: unknown): string[] {
  if (!isObject(v)) return ['report.json is not a JSON object'];
  const out: string[] = [];
  if (v.format !== REPORT_FORMAT)
    out.push(`report.json format is ${JSON.stringify(v.format)}, expected "${REPORT_FORMAT}"`);
  for (const k of STRING_KEYS) if (typeof v[k] !== 'string') out.push(`report.json ${k} is not a string`);
  for (const k of OBJECT_KEYS) if (!isObject(v[k])) out.push(`report.json ${k} is missing or not an object`);
  for (const k of ARRAY_KEYS) if (!Array.isArray(v[k])) out.push(`report.json ${k} is missing or not a list`);
  if (v.dataset !== null && !isObject(v.dataset))
    out.push('report.json dataset is neither null nor an object');
  const r = v.results;
  if (isObject(r)) {
    for (const k of ['total_return_pct', 'sharpe_ratio', 'max_drawdown_pct', 'total_trades'])
      if (r[k] !== null && typeof r[k] !== 'number') out.push(`report.json results.${k} is not a number`);
  }
  const c = v.config;
  if (isObject(c) && !(Array.isArray(c.symbols) && c.symbols.every((s) => typeof s === 'string')))
    out.push('report.json config.symbols is not a list of symbols');
  return out;
}

/** report.json text as the typed report; refuses a file that does not have its shape. */
export function parseWalkForwardReport(text: string): WalkForwardReport {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RefusedError('bad-report', `report.json is not valid JSON (${(e as Error).message}).`);
  }
  const problems = walkForwardReportProblems(v);
  if (problems.length)
    throw new RefusedError(
      'bad-report',
      `report.json does not have the walk-forward report's shape: ${problems.slice(0, 5).join('; ')}.`,
    );
  return v as WalkForwardReport;
}
