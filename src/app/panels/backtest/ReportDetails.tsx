/** How each metric of the run is computed, and the raw report.json. */
import type { WalkForwardReport } from '../../../core/walkforward/report-type';

export function ReportDetails({ report }: { report: WalkForwardReport }) {
  return (
    <>
      <details className="card">
        <summary>How each metric is computed</summary>
        <dl className="facts">
          {Object.entries(report.metric_definitions).map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </details>
      <details className="card">
        <summary>Raw report.json</summary>
        <pre className="raw">{JSON.stringify(report, null, 2)}</pre>
      </details>
    </>
  );
}
