/** The in-sample versus out-of-sample table of the optimizer's result, one metric a row. */
import type { OptimizeReportJson, SeedMeans, SeedResults } from '../../../core/optimize/report';
import { frac, num, pct } from './result-format';

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

export function InOutTable({ report }: { report: OptimizeReportJson }) {
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
