/**
 * The optimizer's result: what was run, headline cards, in-sample vs out-of-sample table,
 * weights per fold, per-fold results with the deflated Sharpe ratio, the out-of-sample equity
 * against buy-and-hold and the GA history, and where the saved run is.
 */
import type { OptimizeView } from '../../../core/optimize/report';
import { formatInt } from '../../format';
import { FoldsTable } from './FoldsTable';
import { InOutTable } from './InOutTable';
import { OBJECTIVE_LABELS } from './optimize-form';
import { GaHistoryChart, OutOfSampleEquityChart } from './ResultCharts';
import { ResultKpis } from './ResultKpis';
import { WeightsTable } from './WeightsTable';

export function OptimizeResult({ view }: { view: OptimizeView }) {
  const { report, curve } = view;
  const s = report.summary;
  const objective = OBJECTIVE_LABELS[report.settings.objective];
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
      <ResultKpis report={report} />
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
      <OutOfSampleEquityChart curve={curve} />
      <h4>Genetic algorithm history</h4>
      <GaHistoryChart report={report} objective={objective} />
      <p className="help" data-testid="ga-saved">
        Saved as run <code>{view.run_id}</code> with report.json (settings, weights, history, definitions),
        equity_curve.csv and trades.csv. Export it like the others from the Artifacts panel, one file at a
        time or in a bundle.
      </p>
    </div>
  );
}
