/**
 * report.json of an A/B comparison (stored as a run of kind 'ab', id ab_<time>): the one type
 * `compareSeries` writes and the Compare view renders. `run_id` and `config` are there so that
 * bundles export and import it like any run.
 */
import type { PairedBootstrapResult } from '../stats/paired-bootstrap';
import type { PowerResult } from '../stats/power';
import type { SharpeHacResult } from '../stats/sharpe-hac';
import type { DieboldMarianoResult, ForecastLoss } from '../stats/diebold-mariano';
import type { DeLongResult } from '../stats/delong';
import type { McsResult } from '../stats/mcs';
import type { SpaResult } from '../stats/spa';
import type { TrackRecord } from '../stats/track-record';

export const AB_REPORT_FORMAT = 'ab-report/1';

export interface AbSettings {
  /** bootstrap resamples of each paired comparison (default 2000) */
  resamples: number;
  /** SPA resamples (default 1000) */
  spa_resamples: number;
  seed: number;
  /** test level (default 0.05) */
  alpha: number;
  /** runs whose MCS p-value is at least this form the model confidence set (default 0.1: the 90% MCS) */
  mcs_size: number;
}

export interface AbRunSummary {
  run_id: string;
  /** 'A', 'B', 'C' in an experiment; the run id otherwise */
  name: string;
  label: string;
  kind: string;
  /** annualised Sharpe on the common bars */
  sharpe: number;
  total_return_pct: number;
  track_record: TrackRecord;
  /** the minimum track record in words ("about 3.2 years of hourly bars") */
  min_track_record_text: string;
}

export interface AbModelTests {
  rows: number;
  loss: ForecastLoss;
  diebold_mariano: DieboldMarianoResult;
  /** null for regression models (no AUC) */
  delong: DeLongResult | null;
}

export interface AbPair {
  /** indices into runs: a is compared against b (A - B) */
  a: number;
  b: number;
  bootstrap: PairedBootstrapResult;
  ledoit_wolf: SharpeHacResult;
  /** the models behind the runs; a string says why the tests were skipped */
  model: AbModelTests | string;
  /** bars needed to detect the observed Sharpe difference at the test level with 80% power */
  power: PowerResult;
  better: 'a' | 'b' | 'neither';
  verdict: string;
}

export interface AbReport {
  run_id: string;
  created_at: string;
  format: typeof AB_REPORT_FORMAT;
  app_version: string;
  /** 'runs': stored runs compared; 'ml-signal': the with/without-ML experiment; 'live': live sessions' ledgers */
  kind: 'runs' | 'ml-signal' | 'live';
  config: AbSettings & { run_ids: string[]; experiment?: Record<string, unknown> };
  common: { bars: number; first: string; last: string; bar_ms: number; bars_per_year: number };
  runs: AbRunSummary[];
  pairs: AbPair[];
  /** every run against buy-and-hold (null when the runs kept no buy-and-hold curve) */
  spa: (SpaResult & { benchmark: 'buy_and_hold'; best_run: string }) | null;
  /** the model confidence set over all runs, loss = minus the per-bar return (absent in reports saved before it) */
  mcs?: McsResult & { included_runs: string[] };
  /** the cumulative difference chart of each pair: bar times of the band points */
  band_time: string[];
  notes: string[];
  definitions: Record<string, string>;
}
