/**
 * Statistics of a trade list (closed trades only; trades flagged open are counted apart).
 * Undefined ratios are null, never NaN or Infinity, so the result is JSON-safe as is.
 */
import type { Trade } from './types';

export interface TradeStats {
  totalTrades: number;
  openTrades: number;
  winningTrades: number;
  losingTrades: number;
  /** winning / total closed trades, a fraction (the seed's win_rate); null with no trades */
  winRate: number | null;
  /** mean of returnPct; null with no trades */
  avgTradeReturnPct: number | null;
  /** sum of positive pnl */
  grossProfit: number;
  /** sum of |negative pnl| */
  grossLoss: number;
  /** grossProfit / grossLoss; null when there is no losing trade (no trades, or only winners) */
  profitFactor: number | null;
  /** mean pnl per trade in currency (= winRate x avgWin - lossRate x avgLoss); null with no trades */
  expectancy: number | null;
  /** mean bars held; null with no trades */
  avgBarsHeld: number | null;
}

export function tradeStats(trades: readonly Trade[]): TradeStats {
  let n = 0;
  let open = 0;
  let wins = 0;
  let losses = 0;
  let gp = 0;
  let gl = 0;
  let sumRet = 0;
  let sumPnl = 0;
  let sumBars = 0;
  for (const t of trades) {
    if (t.open) {
      open++;
      continue;
    }
    n++;
    sumRet += t.returnPct;
    sumPnl += t.pnl;
    sumBars += t.barsHeld;
    if (t.pnl > 0) {
      wins++;
      gp += t.pnl;
    } else if (t.pnl < 0) {
      losses++;
      gl -= t.pnl;
    }
  }
  return {
    totalTrades: n,
    openTrades: open,
    winningTrades: wins,
    losingTrades: losses,
    winRate: n > 0 ? wins / n : null,
    avgTradeReturnPct: n > 0 ? sumRet / n : null,
    grossProfit: gp,
    grossLoss: gl,
    profitFactor: gl > 0 ? gp / gl : null,
    expectancy: n > 0 ? sumPnl / n : null,
    avgBarsHeld: n > 0 ? sumBars / n : null,
  };
}
