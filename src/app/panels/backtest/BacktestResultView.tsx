/**
 * The full result of a walk-forward backtest: KPI cards, equity with drawdown and
 * buy-and-hold, price with trade markers, per-fold returns and model quality, feature
 * importance, per-symbol results, the trades table, and the artifact downloads.
 * Used by the Backtest panel (fresh run) and the Artifacts panel (a stored run).
 */
import { useMemo, useState, useId } from 'react';
import { Chart } from '../../../charts/Chart';
import { equityOption } from '../../../charts/equity';
import { foldsOption } from '../../../charts/folds';
import { importanceOption } from '../../../charts/importance';
import { tradesOption } from '../../../charts/trades';
import type { BacktestView, TradeRow } from '../../../core/pipeline/backtest-view';
import { SortableTable, type Column } from '../../components/SortableTable';
import { DownloadButtons } from '../models/DownloadButtons';

type Results = Record<string, number | string | null>;
const f = (v: unknown, d = 2, suffix = '') =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(d)}${suffix}` : '—';

const KPIS: [string, string, (r: Results) => string][] = [
  ['total_return_pct', 'Total return', (r) => f(r.total_return_pct, 2, '%')],
  ['sharpe_ratio', 'Sharpe (per bar, annualised)', (r) => f(r.sharpe_ratio, 2)],
  ['sharpe_daily', 'Sharpe (daily)', (r) => f(r.sharpe_daily, 2)],
  ['max_drawdown_pct', 'Max drawdown', (r) => f(r.max_drawdown_pct, 2, '%')],
  [
    'win_rate',
    'Win rate',
    (r) => (typeof r.win_rate === 'number' ? `${(r.win_rate * 100).toFixed(1)}%` : '—'),
  ],
  ['total_trades', 'Trades', (r) => f(r.total_trades, 0)],
  ['buy_and_hold_return_pct', 'Buy and hold', (r) => f(r.buy_and_hold_return_pct, 2, '%')],
  ['exposure_pct', 'Exposure', (r) => f(r.exposure_pct, 1, '%')],
  ['total_costs', 'Costs paid', (r) => f(r.total_costs, 2)],
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

const TRADE_COLUMNS: Column<TradeRow>[] = [
  { key: 'symbol', label: 'Symbol', sortValue: (t) => t.symbol, render: (t) => t.symbol },
  { key: 'side', label: 'Side', sortValue: (t) => t.side, render: (t) => t.side },
  {
    key: 'entry',
    label: 'Entry (UTC)',
    sortValue: (t) => t.entry_time,
    render: (t) => new Date(t.entry_time).toISOString().slice(0, 16).replace('T', ' '),
  },
  {
    key: 'entry_price',
    label: 'Entry price',
    sortValue: (t) => t.entry_price,
    render: (t) => t.entry_price.toFixed(2),
  },
  {
    key: 'exit',
    label: 'Exit (UTC)',
    sortValue: (t) => t.exit_time,
    render: (t) => new Date(t.exit_time).toISOString().slice(0, 16).replace('T', ' '),
  },
  {
    key: 'exit_price',
    label: 'Exit price',
    sortValue: (t) => t.exit_price,
    render: (t) => t.exit_price.toFixed(2),
  },
  { key: 'pnl', label: 'PnL', sortValue: (t) => t.pnl, render: (t) => t.pnl.toFixed(2) },
  { key: 'ret', label: 'Return %', sortValue: (t) => t.return_pct, render: (t) => t.return_pct.toFixed(2) },
  {
    key: 'costs',
    label: 'Fees + slippage',
    sortValue: (t) => t.fees + t.slippage,
    render: (t) => (t.fees + t.slippage).toFixed(2),
  },
  { key: 'held', label: 'Bars held', sortValue: (t) => t.bars_held, render: (t) => String(t.bars_held) },
  { key: 'fold', label: 'Fold', sortValue: (t) => t.fold, render: (t) => String(t.fold) },
];

interface FoldReportLite {
  fold: number;
  symbols: string[];
  model_metrics: Record<string, number | null>;
  backtest: Record<string, Results>;
}

export function BacktestResultView({ view }: { view: BacktestView }) {
  const report = view.report as {
    results?: Results;
    config?: { model?: { kind?: string; task?: string; model_id?: string | null }; symbols?: string[] };
    folds?: FoldReportLite[];
    per_symbol?: Record<string, { results: Results }>;
    model_metrics?: Record<string, number | null>;
    warnings?: string[];
    updated_model_ids?: { model_id: string }[];
    plan?: { description?: string; fold_count?: number };
    metric_definitions?: Record<string, string>;
  };
  const perSymbol = Object.entries(report.per_symbol ?? {}).map(([symbol, v]) => ({
    symbol,
    results: v.results,
  }));
  const results = report.results ?? {};
  const symbols = Object.keys(view.prices).length ? Object.keys(view.prices) : (report.config?.symbols ?? []);
  const [symbol, setSymbol] = useState(symbols[0]);
  const sid = useId();
  const task = report.config?.model?.task;
  const qualityName = task === 'regression' ? 'IC' : 'AUC';

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
  const folds = useMemo(() => {
    const rows = (report.folds ?? []).map((fr) => {
      const bt = Object.values(fr.backtest ?? {});
      const ret = bt.length
        ? bt.reduce((s, r) => s + (Number(r.total_return_pct) || 0), 0) / bt.length
        : null;
      const q = task === 'regression' ? fr.model_metrics?.ic : fr.model_metrics?.auc;
      return {
        label: `${fr.fold + 1}${fr.symbols.length === 1 && (report.config?.symbols?.length ?? 1) > 1 ? ` ${fr.symbols[0]}` : ''}`,
        returnPct: ret,
        quality: q ?? null,
      };
    });
    return rows.length ? foldsOption(rows, qualityName) : null;
  }, [report, task, qualityName]);
  const importance = useMemo(() => {
    const mean = (view.importance as { mean?: Record<string, number> | null } | null)?.mean;
    return mean ? importanceOption(mean, 'mean gain over folds') : null;
  }, [view]);
  const current = symbol && view.prices[symbol] ? symbol : symbols.find((s) => view.prices[s]);
  const priceChart = useMemo(() => {
    if (!current || !view.prices[current]) return null;
    const p = view.prices[current];
    const trades = view.trades
      .filter((t) => t.symbol === current)
      .map((t) => ({
        side: t.side,
        entryTime: t.entry_time,
        entryPrice: t.entry_price,
        exitTime: t.exit_time,
        exitPrice: t.exit_price,
        returnPct: t.return_pct,
      }));
    return tradesOption(current, p.time, p.close, trades);
  }, [view, current]);

  return (
    <div data-testid="backtest-result">
      <div className="card">
        <h3>
          Run <code data-testid="run-id">{view.run_id}</code>
        </h3>
        <p className="help">
          {report.config?.model?.kind} ({report.config?.model?.model_id ?? 'configured by hand'}),{' '}
          {report.plan?.fold_count} folds. {report.plan?.description}
        </p>
        <KpiCards results={results} testId="kpis" />
        {report.model_metrics && (
          <p className="help" data-testid="oos-quality">
            Out-of-sample model quality over all test rows:{' '}
            {task === 'regression'
              ? `IC ${f(report.model_metrics.ic, 4)}, MAE ${f(report.model_metrics.mae, 5)}`
              : `AUC ${f(report.model_metrics.auc, 4)}, accuracy ${f(report.model_metrics.accuracy, 4)}`}
          </p>
        )}
        {(report.warnings ?? []).length > 0 && (
          <ul className="warnings" aria-label="Warnings">
            {(report.warnings ?? []).map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {(report.updated_model_ids ?? []).length > 0 && (
          <p className="ok" data-testid="updated-models">
            Saved updated model(s): {(report.updated_model_ids ?? []).map((u) => u.model_id).join(', ')}
          </p>
        )}
      </div>
      <div className="card">
        <h3>Equity (at market, every bar)</h3>
        <Chart
          option={equity}
          label="Strategy equity with buy and hold, and drawdown"
          height={420}
          testId="equity-chart"
        />
      </div>
      {priceChart && (
        <div className="card">
          <div className="row spread">
            <h3>Trades on the price</h3>
            {symbols.length > 1 && (
              <div className="row">
                <label htmlFor={sid} className="inline">
                  Symbol
                </label>
                <select id={sid} value={current} onChange={(e) => setSymbol(e.target.value)}>
                  {symbols.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <Chart
            option={priceChart}
            label={`${current} price with entries and exits`}
            height={360}
            testId="price-chart"
          />
        </div>
      )}
      <div className="charts2">
        {folds && (
          <div className="card">
            <h3>Per fold</h3>
            <Chart
              option={folds}
              label={`Return and ${qualityName} per fold`}
              height={320}
              testId="folds-chart"
            />
          </div>
        )}
        {importance && (
          <div className="card">
            <h3>Feature importance</h3>
            <Chart
              option={importance}
              label="Feature importance, mean over folds"
              height={420}
              testId="bt-importance-chart"
            />
          </div>
        )}
      </div>
      {perSymbol.length > 1 && (
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
              {perSymbol.map((s) => (
                <tr key={s.symbol}>
                  <td>{s.symbol}</td>
                  {KPIS.map(([k, , show]) => (
                    <td key={k}>{show(s.results)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card">
        <h3>Trades ({view.trades.length})</h3>
        <SortableTable
          rows={view.trades}
          columns={TRADE_COLUMNS}
          rowKey={(t) => `${t.symbol}|${t.entry_time}|${t.side}`}
          label="Trades"
          pageSize={25}
          testId="trades-table"
        />
      </div>
      <DownloadButtons kind="artifact" id={view.run_id} />
      {report.metric_definitions && (
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
      )}
      <details className="card">
        <summary>Raw report.json</summary>
        <pre className="raw">{JSON.stringify(view.report, null, 2)}</pre>
      </details>
    </div>
  );
}
