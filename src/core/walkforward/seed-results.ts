/**
 * The seed's result names (total_return_pct, sharpe_ratio, win_rate, ...) mapped from the
 * backtest module's metrics, and the definitions written into report.json (they repeat
 * src/core/backtest/README.md, which is where the numbers are computed).
 */
import type { BacktestMetrics } from '../backtest/metrics';
import type { SeedResults } from './types';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function seedResults(m: BacktestMetrics): SeedResults {
  return {
    total_return: m.totalReturn,
    total_return_pct: m.totalReturnPct,
    final_equity: m.finalEquity,
    initial_capital: m.initialEquity,
    sharpe_ratio: m.sharpePerBar,
    sharpe_daily: m.sharpeDaily,
    sortino: m.sortino,
    calmar: m.calmar,
    cagr_pct: m.cagrPct,
    max_drawdown_pct: m.maxDrawdownPct,
    max_drawdown_duration: m.maxDrawdownBars,
    max_drawdown_duration_hours: m.maxDrawdownMs / 3_600_000,
    win_rate: m.winRate,
    total_trades: m.totalTrades,
    avg_trade_return_pct: m.avgTradeReturnPct,
    profit_factor: m.profitFactor,
    expectancy: m.expectancy,
    exposure_pct: m.exposurePct,
    turnover: m.turnover,
    total_fees: m.totalFees,
    total_slippage: m.totalSlippage,
    total_costs: m.totalCosts,
    buy_and_hold_return_pct: m.buyAndHoldReturnPct,
    bars: m.bars,
    start_time: iso(m.startTime),
    end_time: iso(m.endTime),
  };
}

/** How every reported number is computed (written into report.json). */
export const METRIC_DEFINITIONS: Record<string, string> = {
  equity:
    'cash + quantity x close at every bar of the out-of-sample span (valued at market, not only at closed trades); the span runs from the first to the last test bar, bars between non-contiguous test windows are flat',
  bars_per_year: '365 days / bar size (8,760 for hourly 24/7 data)',
  total_return: 'final equity - initial capital (currency)',
  total_return_pct: '(final equity / initial capital - 1) x 100',
  cagr_pct: '((final / initial)^(1 / years) - 1) x 100, years = (last bar - first bar + one bar) / 365 days',
  sharpe_ratio:
    'per-bar returns r[i] = E[i] / E[i-1] - 1 (first against the initial capital): mean / std (ddof 0) x sqrt(bars per year), risk-free 0; 0 when std is 0',
  sharpe_daily: 'returns of the equity at the last bar of each UTC day: mean / std (ddof 0) x sqrt(365)',
  sortino:
    'mean(r) / sqrt(mean(min(r, 0)^2)) x sqrt(bars per year); null when no bar loses and the mean is positive',
  calmar: 'CAGR / |max drawdown| (fractions); null without drawdown',
  max_drawdown_pct: 'min over bars of (E / running peak - 1) x 100, the initial capital as first peak (<= 0)',
  max_drawdown_duration:
    'bars from the peak before the deepest trough to the first bar back at that peak (or the last bar)',
  win_rate: 'closed trades with pnl > 0 / closed trades (a fraction); null with no trades',
  total_trades: 'round trips: flat -> position -> flat (a flip closes one and opens the next)',
  avg_trade_return_pct: 'mean of pnl / (entry notional + entry fees) x 100 over closed trades',
  profit_factor: 'gross profit / gross loss; 0 when every trade loses; null when no trade loses',
  expectancy: 'mean pnl per closed trade (currency)',
  exposure_pct: 'bars with a non-zero position / bars x 100',
  turnover: 'sum of |fill quantity| x fill price / initial capital',
  total_costs:
    'fees (fees_bps of every fill notional) + slippage (slippage_bps price move against every fill), currency',
  buy_and_hold_return_pct:
    'initial capital bought at the open of the first out-of-sample bar, valued at the last close, no costs; the portfolio holds every symbol equally',
  portfolio:
    'equal weight: each symbol is simulated with initial capital / N and never rebalanced against the others; portfolio equity = sum of the sleeves on the union of their timestamps',
  signals:
    'classification: long when P(up / BUY) >= buy_threshold (> with strict thresholds), flat (short with long_short) when <= sell_threshold, otherwise keep; regression: long when the predicted simple return expm1(predicted log return) > hurdle (default round-trip cost 2 x (fees + slippage)), short below -hurdle with long_short, else flat; bars without a prediction are flat',
  execution:
    "a decision at the close of bar t fills at the open of bar t+1 ('next_open') or at that close ('close'); all-in fractional sizes; an open position is sold at the last close with costs",
  per_fold:
    "the same metrics on each fold's test bars, starting from the equity at the close before the window",
  model_metrics:
    "out-of-sample on every predicted test row: accuracy (argmax), AUC (of class 'up' / one-vs-rest macro for 3 classes), log-loss; regression: MAE, RMSE, IC (Spearman), directional accuracy on forward log returns",
  online:
    'with online learning the label of row j is revealed at the close of bar j + h, after that bar was predicted, and only for rows of the same test window',
};
