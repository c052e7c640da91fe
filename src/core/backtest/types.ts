/**
 * Shared types of the backtest engine: simulation options and results, the fill log and
 * the trade record. Kept apart so signals, simulation, metrics, portfolio and CSV writers
 * depend on one small file rather than on each other.
 */

/** When a decision taken at the close of bar t is filled. */
export type FillMode = 'next_open' | 'close';

/**
 * 'fills': honest per-fill accounting (quantities, slippage moves the price, fee on notional).
 * 'seed': the seed's vectorised arithmetic, E[t] = E[t-1] * (1 + w[t-1] r[t] - c |w[t] - w[t-1]|),
 * kept only to reproduce the seed's numbers (fill at close only).
 */
export type Accounting = 'fills' | 'seed';

/** The price columns the simulator reads (a Bars object fits). */
export interface PriceSeries {
  symbol: string;
  /** bar timestamps, epoch ms UTC, increasing (the dataset's bar time; Binance: the open time) */
  time: Float64Array;
  open: Float64Array;
  close: Float64Array;
}

export interface SimulateOptions {
  bars: PriceSeries;
  /**
   * Target position per bar as a signed fraction of equity (1 = all-in long, -1 = all-in short,
   * 0.5 = half), decided at the close of that bar. NaN counts as 0 (flat). Same length as bars.
   */
  target: Float64Array;
  /** first bar of the simulated period (default 0) */
  start?: number;
  /** one past the last bar of the simulated period (default bars.time.length) */
  end?: number;
  /** default 'next_open' */
  fill?: FillMode;
  /** fee on every fill's notional, basis points (default 0) */
  feesBps?: number;
  /** adverse price move on every fill, basis points (default 0) */
  slippageBps?: number;
  /** default 10,000 */
  initialCapital?: number;
  /** liquidate an open position at the close of the last bar, with costs (default true) */
  closeAtEnd?: boolean;
  /** fold index per bar (-1 outside any test window), used to label trades; see foldIndexPerBar */
  foldIndex?: Int32Array;
  /** default 'fills' */
  accounting?: Accounting;
}

/**
 * Every fill, in order, as parallel typed arrays (no object per fill in the hot loop). In a
 * simulate result, price, fee, slippage and decisionBar are getters that derive each column from
 * bar, quantity, the bars and the costs on its first read (see derived-fills.ts).
 */
export interface FillLog {
  count: number;
  /** bar on which the fill happened */
  bar: Int32Array;
  /** bar whose close produced the decision (bar - 1 for nextOpen, bar for close) */
  decisionBar: Int32Array;
  /** signed quantity change (units of the asset) */
  quantity: Float64Array;
  /** fill price, slippage included */
  price: Float64Array;
  /** fee paid (currency) */
  fee: Float64Array;
  /** slippage cost (currency): |quantity| x |fill price - reference price| */
  slippage: Float64Array;
}

export type TradeSide = 'long' | 'short';

/** One round trip, from flat (or a flip) back to flat (or the next flip). */
export interface Trade {
  symbol: string;
  side: TradeSide;
  entryBar: number;
  exitBar: number;
  entryTime: number;
  exitTime: number;
  /** volume-weighted average entry fill price (slippage included) */
  entryPrice: number;
  /** volume-weighted average exit fill price (slippage included); the mark price if open */
  exitPrice: number;
  /** total quantity entered (absolute units) */
  quantity: number;
  /** fees of all fills of the trade (entry and exit) */
  fees: number;
  /** slippage cost of all fills of the trade */
  slippage: number;
  /** net profit in currency, after fees and slippage */
  pnl: number;
  /** pnl / (entry notional + entry fees) x 100 */
  returnPct: number;
  /** exitBar - entryBar */
  barsHeld: number;
  /** fold of the bar whose decision opened the trade; -1 when unknown */
  fold: number;
  /** true when still open at the end (closeAtEnd false): exit is the last close, no exit costs */
  open: boolean;
}

export interface SimulationResult {
  symbol: string;
  start: number;
  end: number;
  fill: FillMode;
  accounting: Accounting;
  feesBps: number;
  slippageBps: number;
  initialCapital: number;
  /** bar times of [start, end) (a view on bars.time) */
  time: Float64Array;
  /** equity at the close of each bar of [start, end): cash + quantity x close */
  equity: Float64Array;
  cash: Float64Array;
  /** units held at the close of each bar */
  quantity: Float64Array;
  /** exposure at the close of each bar: quantity x close / equity (signed) */
  position: Float64Array;
  fills: FillLog;
  trades: Trade[];
  totals: CostTotals;
}

export interface CostTotals {
  fees: number;
  slippage: number;
  /** sum of |quantity| x fill price over all fills */
  tradedNotional: number;
  fills: number;
}
