/** Each symbol's results (each sleeve has 1/N of the capital), in the KPI cards' columns. */
import type { WalkForwardReport } from '../../../core/walkforward/report-type';
import { KPIS } from './KpiCards';

export function PerSymbolTable({ perSymbol }: { perSymbol: WalkForwardReport['per_symbol'] }) {
  const rows = Object.entries(perSymbol);
  if (rows.length < 2) return null;
  return (
    <div className="card">
      <h3>Per symbol (each with 1/N of the capital)</h3>
      <table aria-label="Results per symbol">
        <thead>
          <tr>
            <th>Symbol</th>
            {KPIS.map(([, l]) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([symbol, v]) => (
            <tr key={symbol}>
              <td>{symbol}</td>
              {KPIS.map(([k, , show]) => (
                <td key={k}>{show(v.results)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
