/**
 * Runs side by side (the Artifacts panel's Compare): for each stored run, backtest or
 * optimizer, its headline results, its configuration and its equity curve, read from its files.
 */
import Papa from 'papaparse';
import type { ArtifactRecord } from '../store/db';
import { parseWalkForwardReport } from '../walkforward/report-type';

export interface ComparedRun {
  run_id: string;
  kind: ArtifactRecord['kind'];
  /** the seed's result names (total_return_pct, sharpe_ratio, ...); null where not finite */
  results: Record<string, number | null>;
  /** the run's configuration as written in report.json */
  config: unknown;
  time: number[];
  equity: number[];
}

export function comparedRun(rec: ArtifactRecord): ComparedRun {
  let results: Record<string, number | null>;
  let config: unknown;
  if (rec.kind === 'backtest') {
    const report = parseWalkForwardReport(rec.files['report.json'] ?? '');
    results = report.results as unknown as Record<string, number | null>;
    config = report.config;
  } else {
    const report = JSON.parse(rec.files['report.json'] ?? '{}') as { settings?: unknown; symbol?: unknown };
    results = (rec.summary.results ?? {}) as Record<string, number | null>;
    config = { symbol: report.symbol, ...(report.settings as object) };
  }
  const rows = Papa.parse<Record<string, string>>((rec.files['equity_curve.csv'] ?? '').trim(), {
    header: true,
    skipEmptyLines: true,
  }).data;
  return {
    run_id: rec.id,
    kind: rec.kind,
    results,
    config,
    time: rows.map((r) => Date.parse(r.timestamp)),
    equity: rows.map((r) => (r.equity === '' ? NaN : Number(r.equity))),
  };
}
