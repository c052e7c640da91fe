/**
 * Each compared run on the common bars: Sharpe, return, PSR, minimum track record and whether it
 * is in the model confidence set; SPA and the MCS in words below.
 */
import type { AbReport } from '../../../core/ab/report-type';

const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '—');

export function AbRunsTable({ report }: { report: AbReport }) {
  const spa = report.spa;
  const mcs = report.mcs;
  const mcsLevel = mcs ? `${Math.round((1 - mcs.size) * 100)}%` : '';
  return (
    <>
      <div className="scroll-x">
        <table aria-label="Runs on the common bars" data-testid="ab-runs">
          <thead>
            <tr>
              <th>Run</th>
              <th>What</th>
              <th>Sharpe (a year)</th>
              <th>Return %</th>
              <th title={report.definitions.psr}>PSR(0)</th>
              <th title={report.definitions.min_track_record}>Minimum track record</th>
              {mcs && <th title={report.definitions.mcs}>In the {mcsLevel} MCS (p)</th>}
            </tr>
          </thead>
          <tbody>
            {report.runs.map((r, k) => (
              <tr key={r.run_id}>
                <th scope="row">{r.name}</th>
                <td>{r.label}</td>
                <td>{f(r.sharpe)}</td>
                <td>{f(r.total_return_pct)}</td>
                <td>{f(r.track_record.psr, 3)}</td>
                <td>{r.min_track_record_text}</td>
                {mcs && (
                  <td data-testid="ab-mcs-cell">
                    {mcs.included.includes(k) ? 'yes' : 'no'} ({f(mcs.p_values[k], 3)})
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {spa && (
        <p data-testid="ab-spa" title={report.definitions.spa}>
          Best of {report.runs.length} against buy-and-hold (Hansen&apos;s SPA): best is{' '}
          {report.runs.find((r) => r.run_id === spa.best_run)?.name ?? spa.best_run}, p ={' '}
          {f(spa.p_consistent, 3)} (lower {f(spa.p_lower, 3)}, upper {f(spa.p_upper, 3)}):{' '}
          {spa.p_consistent < report.config.alpha
            ? 'beats buy-and-hold even after the search over runs'
            : 'not shown to beat buy-and-hold once the search over runs is counted'}
          .
        </p>
      )}
      {mcs && (
        <p data-testid="ab-mcs" title={report.definitions.mcs}>
          Model confidence set ({mcsLevel}, Hansen, Lunde &amp; Nason): {mcs.included.length} of{' '}
          {report.runs.length} runs cannot be told apart from the best:{' '}
          {mcs.included.map((k) => report.runs[k].name).join(', ')}.
        </p>
      )}
    </>
  );
}
