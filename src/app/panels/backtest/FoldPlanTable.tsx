/** The fold plan, shown before running: windows, rows, purge per fold and symbol. */
import type { WalkForwardPlanSummary } from '../../../core/walkforward/types';

export function FoldPlanTable({ plan }: { plan: WalkForwardPlanSummary }) {
  const rows = plan.symbols.flatMap((s) => s.folds);
  const shown = rows.slice(0, 200);
  return (
    <div className="card" data-testid="fold-plan">
      <h3>
        Fold plan: {plan.fold_count} folds × {plan.symbols.length} symbol(s)
      </h3>
      <p className="help">{plan.description}</p>
      {plan.warnings.length > 0 && (
        <ul className="warnings">
          {plan.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <details>
        <summary>Every fold</summary>
        <div className="scroll-x">
          <table aria-label="Fold plan">
            <thead>
              <tr>
                <th>Fold</th>
                <th>Symbol</th>
                <th>Train (UTC)</th>
                <th>Test (UTC)</th>
                <th>Train rows</th>
                <th>Purged</th>
                <th>Test rows</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={`${f.fold}|${f.symbol}`}>
                  <td>{f.fold + 1}</td>
                  <td>{f.symbol}</td>
                  <td>
                    {f.train_start.slice(0, 16)} → {f.train_end.slice(0, 16)}
                  </td>
                  <td>
                    {f.test_start.slice(0, 16)} → {f.test_end.slice(0, 16)}
                  </td>
                  <td>{f.train_rows}</td>
                  <td>{f.purged_rows}</td>
                  <td>{f.test_rows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
