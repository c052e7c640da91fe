/** Two or more runs side by side: configuration differences highlighted, metrics, overlaid equity. */
import { useEffect, useMemo, useState } from 'react';
import { Chart } from '../../../charts/Chart';
import { equityCompareOption } from '../../../charts/equity';
import { usePipeline } from '../../hooks/pipeline-context';
import { errorMessage } from '../../format';
import type { ComparedRun } from '../../../core/pipeline/compare';
import { AbCompare } from '../ab/AbCompare';

const METRICS: [string, string][] = [
  ['total_return_pct', 'Total return %'],
  ['sharpe_ratio', 'Sharpe (per bar)'],
  ['sharpe_daily', 'Sharpe (daily)'],
  ['sortino', 'Sortino'],
  ['max_drawdown_pct', 'Max drawdown %'],
  ['win_rate', 'Win rate'],
  ['total_trades', 'Trades'],
  ['exposure_pct', 'Exposure %'],
  ['total_costs', 'Costs'],
  ['buy_and_hold_return_pct', 'Buy and hold %'],
];

/** Flattens a config object to dotted keys with printable values. */
function flatten(v: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = JSON.stringify(v);
  return out;
}

export function CompareRuns({ runIds, onSaved }: { runIds: string[]; onSaved?: () => void }) {
  const { client } = usePipeline();
  const [runs, setRuns] = useState<ComparedRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    client.api.artifacts
      .compare(runIds)
      .then((r) => !stale && setRuns(r))
      .catch((e) => !stale && setError(errorMessage(e)));
    return () => {
      stale = true;
    };
  }, [client, runIds]);

  const configs = useMemo(() => (runs ?? []).map((r) => flatten(r.config)), [runs]);
  const keys = useMemo(() => [...new Set(configs.flatMap((c) => Object.keys(c)))].sort(), [configs]);
  const option = useMemo(
    () =>
      runs
        ? equityCompareOption(runs.map((r) => ({ name: r.run_id, time: r.time, equity: r.equity })))
        : null,
    [runs],
  );
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!runs) return <p className="help">Loading the runs…</p>;
  const differing = keys.filter((k) => new Set(configs.map((c) => c[k])).size > 1);
  return (
    <div className="card" data-testid="compare">
      <h3>Comparing {runs.length} runs</h3>
      <div className="scroll-x">
        <table aria-label="Metrics of the compared runs" data-testid="compare-metrics">
          <thead>
            <tr>
              <th>Metric</th>
              {runs.map((r) => (
                <th key={r.run_id}>{r.run_id}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {METRICS.map(([k, label]) => (
              <tr key={k}>
                <th scope="row">{label}</th>
                {runs.map((r) => {
                  const v = r.results[k];
                  return (
                    <td key={r.run_id}>
                      {typeof v === 'number' ? v.toFixed(k === 'win_rate' ? 3 : 2) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {option && (
        <Chart
          option={option}
          label="Equity curves of the compared runs, each starting at 1"
          height={380}
          testId="compare-chart"
        />
      )}
      <h4>Configuration ({differing.length} setting(s) differ, highlighted)</h4>
      <div className="scroll-x">
        <table aria-label="Configuration of the compared runs" data-testid="compare-config">
          <thead>
            <tr>
              <th>Setting</th>
              {runs.map((r) => (
                <th key={r.run_id}>{r.run_id}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr
                key={k}
                className={differing.includes(k) ? 'diff' : undefined}
                data-differs={differing.includes(k) ? 'true' : undefined}
              >
                <th scope="row">{k}</th>
                {configs.map((c, i) => (
                  <td key={runs[i].run_id}>{c[k] ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AbCompare runIds={runIds} onSaved={onSaved} />
    </div>
  );
}
