/**
 * The optimizer's result: headline cards, in-sample vs out-of-sample table, weights per fold,
 * per-fold results with the deflated Sharpe ratio, the GA history and the out-of-sample equity
 * against buy-and-hold, and where the saved run is.
 */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { simpleEquityOption } from '../../../charts/equity-simple';
import { gaHistoryOption, type GaHistoryPoint } from '../../../charts/ga';
import type { OptimizeReportJson, OptimizeView, SeedMeans, SeedResults } from '../../../core/optimize/report';
import { formatInt } from '../../format';
import { OBJECTIVE_LABELS } from './optimize-form';

const num = (v: number | null | undefined, d = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—';
const pct = (v: number | null | undefined, d = 2) =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(d)}%` : '—';
const frac = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—';
const day = (iso: string) => iso.slice(0, 10);

type Row = [
  label: string,
  key: keyof SeedMeans & keyof SeedResults,
  fmt: (v: number | null | undefined) => string,
];
const ROWS: Row[] = [
  ['Total return', 'total_return_pct', pct],
  ['CAGR', 'cagr_pct', pct],
  ['Sharpe (per bar, annualised)', 'sharpe_ratio', num],
  ['Sortino', 'sortino', num],
  ['Calmar', 'calmar', num],
  ['Max drawdown', 'max_drawdown_pct', pct],
  ['Win rate', 'win_rate', frac],
  ['Trades', 'total_trades', (v) => num(v, 1)],
  ['Exposure', 'exposure_pct', (v) => pct(v, 1)],
  ['Buy and hold return', 'buy_and_hold_return_pct', pct],
];

/** GA history points from the report (after the run) */
export function historyPoints(report: OptimizeReportJson): GaHistoryPoint[] {
  return report.folds.flatMap((f, k) =>
    f.history.map((h) => ({
      fold: k,
      generation: h.generation,
      best: h.best,
      median: h.median,
      feasible: h.feasible,
      population: report.settings.population,
    })),
  );
}

function InOutTable({ report }: { report: OptimizeReportJson }) {
  const s = report.summary;
  return (
    <table aria-label="In-sample versus out-of-sample results" data-testid="ga-inout-table">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">In-sample (training bars, mean of folds)</th>
          <th scope="col">Out-of-sample (test bars, mean of folds)</th>
          <th scope="col">Out-of-sample (all test windows as one run)</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, key, fmt]) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>{fmt(s.in_sample_mean[key])}</td>
            <td>{fmt(s.out_of_sample_mean[key])}</td>
            <td>{fmt(s.out_of_sample[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeightsTable({ report }: { report: OptimizeReportJson }) {
  const names = report.settings.signal_names;
  const last = report.folds.length - 1;
  return (
    <table aria-label="Optimised weights per fold" data-testid="ga-weights-table">
      <thead>
        <tr>
          <th scope="col">Fold</th>
          {names.map((n) => (
            <th scope="col" key={n}>
              {n}
            </th>
          ))}
          <th scope="col">Buy ≥</th>
          <th scope="col">Sell ≤</th>
          <th scope="col">Constraints</th>
        </tr>
      </thead>
      <tbody>
        {report.folds.map((f, k) => (
          <tr key={f.fold} aria-current={k === last ? 'true' : undefined}>
            <th scope="row">
              {f.fold + 1}
              {k === last ? ' (latest)' : ''}
            </th>
            {names.map((n) => (
              <td key={n}>{num(f.weights[n], 3)}</td>
            ))}
            <td>{num(f.buy_threshold, 3)}</td>
            <td>{num(f.sell_threshold, 3)}</td>
            <td>{f.feasible ? 'met' : `missed (${num(f.violation, 2)})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FoldsTable({ report }: { report: OptimizeReportJson }) {
  return (
    <table aria-label="Results per fold" data-testid="ga-folds-table">
      <thead>
        <tr>
          <th scope="col">Fold</th>
          <th scope="col">Trained on</th>
          <th scope="col">Tested on</th>
          <th scope="col">Sharpe in</th>
          <th scope="col">Sharpe out</th>
          <th scope="col">Return in</th>
          <th scope="col">Return out</th>
          <th scope="col">Candidates</th>
          <th scope="col">Deflated Sharpe</th>
        </tr>
      </thead>
      <tbody>
        {report.folds.map((f) => (
          <tr key={f.fold}>
            <th scope="row">{f.fold + 1}</th>
            <td>
              {day(f.train.start_time)} → {day(f.train.last_time)}
            </td>
            <td>
              {day(f.test.start_time)} → {day(f.test.last_time)}
            </td>
            <td>{num(f.in_sample.sharpe_ratio)}</td>
            <td>{num(f.out_of_sample.sharpe_ratio)}</td>
            <td>{pct(f.in_sample.total_return_pct)}</td>
            <td>{pct(f.out_of_sample.total_return_pct)}</td>
            <td>{formatInt(f.candidates_evaluated)}</td>
            <td>{num(f.deflated_sharpe.dsr, 3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OptimizeResult({ view }: { view: OptimizeView }) {
  const { report, curve } = view;
  const s = report.summary;
  const objective = OBJECTIVE_LABELS[report.settings.objective];
  const history = useMemo(() => gaHistoryOption(historyPoints(report), objective), [report, objective]);
  const equity = useMemo(
    () =>
      simpleEquityOption({
        time: curve.time,
        equity: curve.equity,
        buyAndHold: curve.buyAndHold,
        name: 'Optimised weights (out of sample)',
      }),
    [curve],
  );
  return (
    <div className="card" data-testid="ga-result">
      <h3>
        Run <code data-testid="ga-run-id">{view.run_id}</code>
      </h3>
      <p className="help">
        {report.symbol}, {report.timeframe} bars · {s.folds} walk-forward fold(s) of{' '}
        {formatInt(report.settings.train_bars)} training and {formatInt(report.settings.test_bars)} test bars
        · objective {objective} · {formatInt(s.candidates_evaluated)} candidates evaluated in{' '}
        {report.timings.elapsed_s.toFixed(1)} s.
      </p>
      {!s.all_folds_feasible && (
        <p role="status" className="notice" data-testid="ga-infeasible">
          No candidate met the constraints in fold(s) {s.infeasible_folds.map((k) => k + 1).join(', ')}: the
          weights shown there are the ones that missed them least. Loosen the constraints or add signals.
        </p>
      )}
      <div className="kpis" role="list" aria-label="Headline results">
        <div className="kpi" role="listitem" data-testid="ga-kpi-oos-return">
          <div className="kpi-label">Out-of-sample return</div>
          <div className="kpi-value">{pct(s.out_of_sample.total_return_pct)}</div>
          <div className="kpi-sub">buy and hold {pct(s.out_of_sample.buy_and_hold_return_pct)}</div>
        </div>
        <div className="kpi" role="listitem" data-testid="ga-kpi-sharpe">
          <div className="kpi-label">Sharpe in → out</div>
          <div className="kpi-value">
            {num(s.in_sample_mean.sharpe_ratio)} → {num(s.out_of_sample.sharpe_ratio)}
          </div>
          <div className="kpi-sub">in: mean of folds; out: all test windows</div>
        </div>
        <div className="kpi" role="listitem" data-testid="ga-dsr">
          <div className="kpi-label">Deflated Sharpe (in-sample)</div>
          <div className="kpi-value">{num(s.mean_in_sample_dsr, 3)}</div>
          <div className="kpi-sub">
            P(true Sharpe &gt; luck of {formatInt(report.folds[0]?.candidates_evaluated ?? 0)} trials), mean
            of folds
          </div>
        </div>
        <div className="kpi" role="listitem" data-testid="ga-psr">
          <div className="kpi-label">P(Sharpe &gt; 0) out of sample</div>
          <div className="kpi-value">{num(s.out_of_sample_psr, 3)}</div>
          <div className="kpi-sub">probabilistic Sharpe, no selection on these bars</div>
        </div>
      </div>
      <h4>In-sample vs out-of-sample</h4>
      <InOutTable report={report} />
      <h4>Weights</h4>
      <p className="help">
        Normalised so their absolute values sum to 1. score = Σ weight × signal; long when score ≥ buy,{' '}
        {report.settings.long_short ? 'short' : 'flat'} when score ≤ sell. The latest fold&apos;s weights are
        what the optimiser would trade next.
      </p>
      <WeightsTable report={report} />
      <h4>Per fold</h4>
      <FoldsTable report={report} />
      <details>
        <summary>How the deflated Sharpe ratio is computed</summary>
        <p className="help">{report.definitions.deflated_sharpe}</p>
      </details>
      <h4>Out-of-sample equity</h4>
      <Chart
        option={equity}
        label="Out-of-sample equity of the optimised weights against buy and hold"
        height={320}
        testId="ga-equity-chart"
      />
      <h4>Genetic algorithm history</h4>
      <Chart
        option={history}
        label={`Best and median ${objective} per generation`}
        height={300}
        testId="ga-history-chart"
      />
      <p className="help" data-testid="ga-saved">
        Saved as run <code>{view.run_id}</code> with report.json (settings, weights, history, definitions),
        equity_curve.csv and trades.csv. Export it like the others from the Artifacts panel, one file at a
        time or in a bundle.
      </p>
    </div>
  );
}
