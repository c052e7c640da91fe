/**
 * What a comparison needs from a stored run: its per-bar portfolio returns (from
 * equity_curve.csv), buy-and-hold's, its symbols, and, for backtests that kept them, the
 * model's out-of-sample predictions (predictions.csv). `alignRuns` keeps the bars every run has,
 * and refuses runs on different symbols or without common bars, saying why.
 */
import Papa from 'papaparse';
import { InputError } from '../errors';
import { inferBarMs } from '../split/windows';
import type { ArtifactRecord } from '../store/db';

export interface ModelInfo {
  kind: string;
  task: 'classification' | 'regression';
  label_kind: 'binary' | 'ternary' | null;
  horizon: number;
}

export interface RunSeries {
  run_id: string;
  kind: ArtifactRecord['kind'];
  /** short description: "gbc on BTC/USDT", "optimizer on ETH/USDT" */
  label: string;
  symbols: string[];
  /** bar close times (ms) of the bars that have a return: every bar of the curve but the first */
  time: Float64Array;
  /** per-bar portfolio returns E[i] / E[i-1] - 1 */
  returns: Float64Array;
  /** per-bar buy-and-hold returns on the same bars (NaN when the run did not keep them) */
  buyAndHold: Float64Array;
  model: ModelInfo | null;
  /** "symbol|time ms" -> [prediction, label]; null when the run kept no predictions.csv */
  predictions: Map<string, [number, number]> | null;
}

type Row = Record<string, string>;
const parse = (csv: string): Row[] =>
  Papa.parse<Row>(csv.trim(), { header: true, skipEmptyLines: true }).data;

const returnsOf = (v: number[]) =>
  Float64Array.from({ length: Math.max(0, v.length - 1) }, (_, i) => v[i + 1] / v[i] - 1);

interface ReportLike {
  config?: {
    symbols?: string[];
    model?: { kind?: string; task?: string; label_kind?: string; target_horizon?: number };
  };
  symbol?: string;
}

export function runSeriesOf(rec: ArtifactRecord): RunSeries {
  if (rec.kind === 'ab')
    throw new InputError(
      'run_ids',
      `${rec.id} is an A/B report, not a run: choose backtest or optimizer runs.`,
      'not-a-run',
    );
  const report = JSON.parse(rec.files['report.json'] ?? '{}') as ReportLike;
  const rows = parse(rec.files['equity_curve.csv'] ?? '');
  const time = rows.map((r) => Date.parse(r.timestamp));
  const equity = rows.map((r) => Number(r.equity));
  const bnh = rows.map((r) => (r.buy_and_hold_equity === '' ? NaN : Number(r.buy_and_hold_equity)));
  const symbols = report.config?.symbols ?? (report.symbol ? [report.symbol] : []);
  const m = report.config?.model;
  const model: ModelInfo | null =
    rec.kind === 'backtest' && m?.kind
      ? {
          kind: m.kind,
          task: m.task === 'regression' ? 'regression' : 'classification',
          label_kind: m.task === 'regression' ? null : m.label_kind === 'ternary' ? 'ternary' : 'binary',
          horizon: m.target_horizon ?? 1,
        }
      : null;
  let predictions: Map<string, [number, number]> | null = null;
  if (rec.files['predictions.csv'] !== undefined) {
    predictions = new Map();
    for (const r of parse(rec.files['predictions.csv']))
      predictions.set(`${r.symbol}|${Date.parse(r.timestamp)}`, [Number(r.prediction), Number(r.label)]);
  }
  const what = model ? model.kind : rec.kind === 'optimize' ? 'optimizer' : rec.kind;
  return {
    run_id: rec.id,
    kind: rec.kind,
    label: `${what} on ${symbols.join(', ')}`,
    symbols,
    time: Float64Array.from(time.slice(1)),
    returns: returnsOf(equity),
    buyAndHold: returnsOf(bnh),
    model,
    predictions,
  };
}

export interface AlignedRuns {
  time: Float64Array;
  barMs: number;
  /** per run, its returns on `time` */
  returns: Float64Array[];
  /** the first run's buy-and-hold returns on `time` (NaN if it kept none) */
  buyAndHold: Float64Array;
}

/** The minimum common bars for any statistic here to mean something. */
export const MIN_COMMON_BARS = 30;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Keeps the bars every run has a return on; refuses different symbols or too few common bars. */
export function alignRuns(runs: RunSeries[]): AlignedRuns {
  if (runs.length < 2) throw new InputError('run_ids', 'choose at least two runs to compare', 'too-few-runs');
  const key = (s: string[]) => [...s].sort().join(', ');
  const base = runs[0];
  for (const r of runs.slice(1))
    if (key(r.symbols) !== key(base.symbols))
      throw new InputError(
        'run_ids',
        `${base.run_id} trades ${key(base.symbols) || 'no symbol'} but ${r.run_id} trades ${key(r.symbols) || 'no symbol'}: a paired comparison needs runs on the same symbols`,
        'different-symbols',
      );
  let common = new Set(base.time);
  for (const r of runs.slice(1)) {
    const t = new Set(r.time);
    common = new Set([...common].filter((x) => t.has(x)));
  }
  if (common.size < MIN_COMMON_BARS) {
    const spans = runs
      .map(
        (r) =>
          `${r.run_id}: ${r.time.length ? `${iso(r.time[0])} to ${iso(r.time[r.time.length - 1])}` : 'no bars'}`,
      )
      .join('; ');
    throw new InputError(
      'run_ids',
      `the runs share ${common.size} out-of-sample bar(s), fewer than the ${MIN_COMMON_BARS} a comparison needs: their test windows do not overlap (${spans})`,
      'no-common-bars',
    );
  }
  const time = Float64Array.from([...common].sort((x, y) => x - y));
  const pick = (r: RunSeries, v: Float64Array) => {
    const at = new Map<number, number>();
    r.time.forEach((t, i) => at.set(t, i));
    return Float64Array.from(time, (t) => v[at.get(t)!]);
  };
  return {
    time,
    barMs: inferBarMs(time),
    returns: runs.map((r) => pick(r, r.returns)),
    buyAndHold: pick(base, base.buyAndHold),
  };
}
