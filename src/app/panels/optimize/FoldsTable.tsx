/** The optimizer's result per fold: its spans, in- and out-of-sample Sharpe and return, the deflated Sharpe. */
import type { OptimizeReportJson } from '../../../core/optimize/report';
import { formatInt } from '../../format';
import { day, num, pct } from './result-format';

export function FoldsTable({ report }: { report: OptimizeReportJson }) {
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
