/** The study's trials as they finish: number, state, objective, folds scored and every parameter. */
import type { TrialRecord } from '../../../core/store/studies';

const fmt = (v: unknown) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : Math.abs(v) >= 1e8
        ? 'infeasible'
        : v.toPrecision(4)
    : String(v ?? '');

export function TrialsTable({
  trials,
  params,
  bestNumber,
}: {
  trials: TrialRecord[];
  params: string[];
  bestNumber: number | null;
}) {
  if (trials.length === 0) return null;
  return (
    <div className="card table-scroll">
      <table className="table" data-testid="trials-table" aria-label="Trials">
        <thead>
          <tr>
            <th>#</th>
            <th>state</th>
            <th>value</th>
            <th>folds</th>
            {params.map((p) => (
              <th key={p}>{p}</th>
            ))}
            <th>Sharpe</th>
            <th>trades</th>
            <th>s</th>
          </tr>
        </thead>
        <tbody>
          {trials.map((t) => (
            <tr key={t.number} className={t.number === bestNumber ? 'best' : undefined}>
              <td>
                {t.number}
                {t.number === bestNumber ? ' ★' : ''}
              </td>
              <td>{t.state}</td>
              <td>{fmt(t.value)}</td>
              <td>{t.folds}</td>
              {params.map((p) => (
                <td key={p}>{fmt(t.params[p])}</td>
              ))}
              <td>{fmt(t.results.sharpe_ratio)}</td>
              <td>{t.results.total_trades}</td>
              <td>{t.seconds.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
