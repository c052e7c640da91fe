/** An ensemble's metrics.json section: each member's validation figures beside the ensemble's, and the members' prediction correlations. */
import type { EnsembleReportJson } from '../../../core/models/ensemble/report';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));

export function EnsembleMembers({ report }: { report: EnsembleReportJson }) {
  const keys =
    'rocAuc' in report.ensemble_validation ? ['rocAuc', 'accuracy', 'logLoss'] : ['r2', 'rmse', 'mae'];
  const names = report.members.map((m, i) => `${i + 1}. ${m.kind}`);
  return (
    <div className="card" data-testid="ensemble-members">
      <h3>Ensemble ({report.combiner})</h3>
      <p className="help">{report.scheme}</p>
      <table aria-label="Ensemble members">
        <thead>
          <tr>
            <th>Member</th>
            <th>From model</th>
            <th>Weight</th>
            {keys.map((k) => (
              <th key={k}>{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.members.map((m, i) => (
            <tr key={i}>
              <td>{names[i]}</td>
              <td>{m.source_model_id ?? '—'}</td>
              <td>{report.weights.length ? fmt(report.weights[i]) : 'meta-model'}</td>
              {keys.map((k) => (
                <td key={k}>{fmt(m.validation[k])}</td>
              ))}
            </tr>
          ))}
          <tr>
            <td>
              <strong>ensemble</strong>
            </td>
            <td />
            <td />
            {keys.map((k) => (
              <td key={k}>
                <strong>{fmt(report.ensemble_validation[k])}</strong>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <table aria-label="Correlation of the members' predictions">
        <caption className="help">Correlation of {report.correlation_of}</caption>
        <thead>
          <tr>
            <th />
            {names.map((n) => (
              <th key={n}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.correlations.map((row, i) => (
            <tr key={i}>
              <th>{names[i]}</th>
              {row.map((c, j) => (
                <td key={j}>{fmt(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
