/** The headline results of a run as cards (and the same columns for the per-symbol table). */
import type { WalkForwardReport } from '../../../core/walkforward/report-type';

export type Results = WalkForwardReport['results'];

export const fmt = (v: unknown, d = 2, suffix = '') =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(d)}${suffix}` : '—';

export const KPIS: [keyof Results, string, (r: Results) => string][] = [
  ['total_return_pct', 'Total return', (r) => fmt(r.total_return_pct, 2, '%')],
  ['sharpe_ratio', 'Sharpe (per bar, annualised)', (r) => fmt(r.sharpe_ratio, 2)],
  ['sharpe_daily', 'Sharpe (daily)', (r) => fmt(r.sharpe_daily, 2)],
  ['max_drawdown_pct', 'Max drawdown', (r) => fmt(r.max_drawdown_pct, 2, '%')],
  [
    'win_rate',
    'Win rate',
    (r) => (typeof r.win_rate === 'number' ? `${(r.win_rate * 100).toFixed(1)}%` : '—'),
  ],
  ['total_trades', 'Trades', (r) => fmt(r.total_trades, 0)],
  ['buy_and_hold_return_pct', 'Buy and hold', (r) => fmt(r.buy_and_hold_return_pct, 2, '%')],
  ['exposure_pct', 'Exposure', (r) => fmt(r.exposure_pct, 1, '%')],
  ['total_costs', 'Costs paid', (r) => fmt(r.total_costs, 2)],
];

export function KpiCards({ results, testId }: { results: Results; testId?: string }) {
  return (
    <div className="kpis" role="list" aria-label="Backtest results" data-testid={testId}>
      {KPIS.map(([key, label, show]) => (
        <div className="kpi" role="listitem" key={key} data-testid={`kpi-${key}`}>
          <div className="kpi-label">{label}</div>
          <div className="kpi-value">{show(results)}</div>
        </div>
      ))}
    </div>
  );
}
