/**
 * The full result of a walk-forward backtest: KPI cards with how the run traded, equity with
 * drawdown and buy-and-hold, price with trade markers, per-fold returns and model quality,
 * feature importance, per-symbol results, the trades table, the job log and the downloads.
 * Used by the Backtest panel (fresh run) and the Artifacts panel (a stored run).
 */
import { useMemo } from 'react';
import { Chart } from '../../../charts/Chart';
import { equityOption } from '../../../charts/equity';
import type { BacktestView } from '../../../core/pipeline/backtest-view';
import { DownloadButtons } from '../models/DownloadButtons';
import { FoldCharts } from './FoldCharts';
import { JobLogCard } from './JobLogCard';
import { PerSymbolTable } from './PerSymbolTable';
import { ReportDetails } from './ReportDetails';
import { RunSummary } from './RunSummary';
import { TradesOnPrice } from './TradesOnPrice';
import { TradesTable } from './TradesTable';

export function BacktestResultView({ view }: { view: BacktestView }) {
  const equity = useMemo(
    () =>
      equityOption({
        time: view.equity.time,
        equity: view.equity.equity,
        drawdown: view.equity.drawdown,
        buyAndHold: view.equity.buy_and_hold.some(Number.isFinite) ? view.equity.buy_and_hold : null,
      }),
    [view],
  );
  return (
    <div data-testid="backtest-result">
      <RunSummary runId={view.run_id} report={view.report} />
      <div className="card">
        <h3>Equity (at market, every bar)</h3>
        <Chart
          option={equity}
          label="Strategy equity with buy and hold, and drawdown"
          height={420}
          testId="equity-chart"
        />
      </div>
      <TradesOnPrice view={view} />
      <FoldCharts view={view} />
      <PerSymbolTable perSymbol={view.report.per_symbol} />
      <TradesTable trades={view.trades} />
      <JobLogCard log={view.log} name={`${view.run_id}_job.log`} />
      <DownloadButtons kind="artifact" id={view.run_id} />
      <ReportDetails report={view.report} />
    </div>
  );
}
