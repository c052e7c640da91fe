/**
 * The optimised weights of every fold, with its thresholds and whether it met the
 * constraints; the latest fold (what the optimizer would trade next) is marked.
 */
import type { OptimizeReportJson } from '../../../core/optimize/report';
import { num } from './result-format';

export function WeightsTable({ report }: { report: OptimizeReportJson }) {
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
