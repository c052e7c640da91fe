/**
 * The comparison itself: align the runs on their common out-of-sample bars, then for each pair
 * (every run against the first by default) the paired bootstrap, Ledoit-Wolf, the model tests
 * where both runs kept predictions, the power and a verdict; for all runs together SPA against
 * buy-and-hold, the model confidence set, and each run's PSR and minimum track record. Pure: no store, no clock.
 */
import { delongTest } from '../stats/delong';
import { dieboldMariano, forecastLoss } from '../stats/diebold-mariano';
import { pairedBootstrap } from '../stats/paired-bootstrap';
import { barsForPower, describeDuration } from '../stats/power';
import { sharpeDiffHac } from '../stats/sharpe-hac';
import { modelConfidenceSet } from '../stats/mcs';
import { spaTest } from '../stats/spa';
import { trackRecord } from '../stats/track-record';
import { AB_DEFINITIONS } from './definitions';
import {
  AB_REPORT_FORMAT,
  type AbModelTests,
  type AbPair,
  type AbReport,
  type AbSettings,
} from './report-type';
import { alignRuns, type RunSeries } from './series';
import { verdictOf } from './verdict';

export const DEFAULT_AB_SETTINGS: AbSettings = {
  resamples: 2000,
  spa_resamples: 1000,
  seed: 42,
  alpha: 0.05,
  mcs_size: 0.1,
};

const YEAR_MS = 365 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Forecast tests on the rows both runs predicted; a string says why they were skipped. */
export function modelTests(a: RunSeries, b: RunSeries): AbModelTests | string {
  if (!a.model || !b.model)
    return 'model tests skipped: only backtests of a model have predictions to compare';
  const missing = [a, b].filter((r) => !r.predictions).map((r) => r.run_id);
  if (missing.length)
    return `model tests skipped: ${missing.join(' and ')} kept no predictions.csv (saved before runs kept their predictions)`;
  if (a.model.task !== b.model.task)
    return 'model tests skipped: one model classifies, the other predicts returns';
  const pa: number[] = [];
  const pb: number[] = [];
  const y: number[] = [];
  const regression = a.model.task === 'regression';
  const up = (r: RunSeries, label: number) =>
    r.model!.label_kind === 'ternary' ? (label === 2 ? 1 : 0) : label;
  for (const [key, [p, label]] of a.predictions!) {
    const other = b.predictions!.get(key);
    if (!other || !Number.isFinite(p) || !Number.isFinite(other[0]) || !Number.isFinite(label)) continue;
    if (regression) {
      pa.push(Math.log1p(p));
      pb.push(Math.log1p(other[0]));
      y.push(label);
    } else {
      if (up(a, label) !== up(b, other[1])) continue; // different label definitions on this row
      pa.push(p);
      pb.push(other[0]);
      y.push(up(a, label));
    }
  }
  if (y.length < 30)
    return `model tests skipped: the models share ${y.length} predicted rows (fewer than 30)`;
  const loss = regression ? 'squared_error' : 'log_loss';
  const horizon = Math.max(a.model.horizon, b.model.horizon);
  return {
    rows: y.length,
    loss,
    diebold_mariano: dieboldMariano(forecastLoss(pa, y, loss), forecastLoss(pb, y, loss), horizon),
    delong: regression ? null : delongTest(pa, pb, y),
  };
}

export interface CompareOptions {
  run_id: string;
  created_at: string;
  app_version: string;
  settings?: Partial<AbSettings>;
  /** display names (default: the run ids) */
  names?: string[];
  /** pairs [a, b] to test (default: every run against the first) */
  pairs?: [number, number][];
  kind?: AbReport['kind'];
  experiment?: Record<string, unknown>;
  notes?: string[];
}

export function compareSeries(runs: RunSeries[], o: CompareOptions): AbReport {
  const settings = { ...DEFAULT_AB_SETTINGS, ...o.settings };
  const al = alignRuns(runs);
  const n = al.time.length;
  const barsPerYear = YEAR_MS / al.barMs;
  const names = o.names ?? runs.map((r) => r.run_id);
  const summaries = runs.map((r, i) => {
    const ret = al.returns[i];
    const tr = trackRecord(ret);
    let growth = 0;
    for (const v of ret) growth += Math.log1p(v);
    return {
      run_id: r.run_id,
      name: names[i],
      label: r.label,
      kind: r.kind,
      sharpe: tr.sharpe * Math.sqrt(barsPerYear),
      total_return_pct: Math.expm1(growth) * 100,
      track_record: tr,
      min_track_record_text: Number.isFinite(tr.min_track_record)
        ? `about ${describeDuration(tr.min_track_record * al.barMs)} of bars like these`
        : 'never: the Sharpe ratio is not above 0',
    };
  });
  const pairs: AbPair[] = (o.pairs ?? runs.slice(1).map((_, i) => [i + 1, 0] as [number, number])).map(
    ([a, b], k) => {
      const bootstrap = pairedBootstrap(al.returns[a], al.returns[b], {
        barsPerYear,
        resamples: settings.resamples,
        seed: settings.seed + k,
        level: 1 - settings.alpha,
      });
      const s = bootstrap.stats.sharpe_diff;
      const power = barsForPower({ diff: s.estimate, se: s.se, n, barMs: al.barMs, alpha: settings.alpha });
      const pair = {
        a,
        b,
        bootstrap,
        ledoit_wolf: sharpeDiffHac(al.returns[a], al.returns[b]),
        model: modelTests(runs[a], runs[b]),
        power,
      };
      return { ...pair, ...verdictOf(pair, names, settings.alpha) };
    },
  );
  const hasBnh = al.buyAndHold.every(Number.isFinite);
  const spa = hasBnh
    ? (() => {
        const r = spaTest(al.returns, al.buyAndHold, {
          resamples: settings.spa_resamples,
          seed: settings.seed,
        });
        return { ...r, benchmark: 'buy_and_hold' as const, best_run: runs[r.best].run_id };
      })()
    : null;
  const mcsResult = modelConfidenceSet(
    al.returns.map((r) => Float64Array.from(r, (v) => -v)),
    { size: settings.mcs_size, resamples: settings.spa_resamples, seed: settings.seed },
  );
  const mcs = { ...mcsResult, included_runs: mcsResult.included.map((k) => runs[k].run_id) };
  return {
    run_id: o.run_id,
    created_at: o.created_at,
    format: AB_REPORT_FORMAT,
    app_version: o.app_version,
    kind: o.kind ?? 'runs',
    config: {
      ...settings,
      run_ids: runs.map((r) => r.run_id),
      ...(o.experiment ? { experiment: o.experiment } : {}),
    },
    common: {
      bars: n,
      first: iso(al.time[0]),
      last: iso(al.time[n - 1]),
      bar_ms: al.barMs,
      bars_per_year: barsPerYear,
    },
    runs: summaries,
    pairs,
    spa,
    mcs,
    band_time: pairs.length ? pairs[0].bootstrap.band.index.map((i) => iso(al.time[i])) : [],
    notes: [...(o.notes ?? []), ...(spa ? [] : ['SPA skipped: a run kept no buy-and-hold curve'])],
    definitions: AB_DEFINITIONS,
  };
}
