/**
 * What the Backtest result screen and the Artifacts panel show, rebuilt from a run's
 * artifact files (report.json, equity_curve.csv, trades.csv, feature_importance.json), so
 * a run opened later, or imported from a bundle, looks exactly like a fresh one. Close
 * prices for the trade markers come from the loaded dataset when it holds the run's symbols.
 */
import Papa from 'papaparse';
import type { Bars } from '../data/bars';

export interface TradeRow {
  symbol: string;
  side: string;
  entry_time: number;
  entry_price: number;
  exit_time: number;
  exit_price: number;
  quantity: number;
  fees: number;
  slippage: number;
  pnl: number;
  return_pct: number;
  bars_held: number;
  fold: number;
}

export interface BacktestView {
  run_id: string;
  report: Record<string, unknown>;
  equity: {
    time: number[];
    equity: number[];
    drawdown: number[];
    position: number[];
    buy_and_hold: number[];
  };
  trades: TradeRow[];
  importance: Record<string, unknown> | null;
  prices: Record<string, { time: number[]; close: number[] }>;
  files: string[];
}

function parseCsv(text: string): Record<string, string>[] {
  const r = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  return r.data;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? NaN : Number(s));

/** Keeps at most `max` points of a price series (every k-th bar) for the marker chart. */
function thin(bars: Bars, from: number, to: number, max = 6000) {
  const a = Math.max(0, from);
  const b = Math.min(bars.time.length, to);
  const step = Math.max(1, Math.ceil((b - a) / max));
  const time: number[] = [];
  const close: number[] = [];
  for (let i = a; i < b; i += step) {
    time.push(bars.time[i]);
    close.push(bars.close[i]);
  }
  return { time, close };
}

function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (t[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

export function backtestView(options: {
  runId: string;
  files: Record<string, string>;
  barsOf?: (symbol: string) => Bars | undefined;
}): BacktestView {
  const { files } = options;
  const report = JSON.parse(files['report.json'] ?? '{}') as Record<string, unknown>;
  const eqRows = files['equity_curve.csv'] ? parseCsv(files['equity_curve.csv']) : [];
  const equity = {
    time: [] as number[],
    equity: [] as number[],
    drawdown: [] as number[],
    position: [] as number[],
    buy_and_hold: [] as number[],
  };
  for (const r of eqRows) {
    equity.time.push(Date.parse(r.timestamp));
    equity.equity.push(num(r.equity));
    equity.drawdown.push(num(r.drawdown));
    equity.position.push(num(r.position));
    equity.buy_and_hold.push(num(r.buy_and_hold_equity));
  }
  const trades: TradeRow[] = (files['trades.csv'] ? parseCsv(files['trades.csv']) : []).map((r) => ({
    symbol: r.symbol,
    side: r.side,
    entry_time: Date.parse(r.entry_time),
    entry_price: num(r.entry_price),
    exit_time: Date.parse(r.exit_time),
    exit_price: num(r.exit_price),
    quantity: num(r.quantity),
    fees: num(r.fees),
    slippage: num(r.slippage),
    pnl: num(r.pnl),
    return_pct: num(r.return_pct),
    bars_held: num(r.bars_held),
    fold: num(r.fold),
  }));
  const prices: BacktestView['prices'] = {};
  const start = equity.time[0];
  const end = equity.time[equity.time.length - 1];
  const symbols = new Set(trades.map((t) => t.symbol));
  for (const s of (report.config as { symbols?: string[] } | undefined)?.symbols ?? []) symbols.add(s);
  if (options.barsOf && Number.isFinite(start)) {
    for (const s of symbols) {
      const b = options.barsOf(s);
      if (b) prices[s] = thin(b, lowerBound(b.time, start), lowerBound(b.time, end) + 1);
    }
  }
  return {
    run_id: options.runId,
    report,
    equity,
    trades,
    importance: files['feature_importance.json']
      ? (JSON.parse(files['feature_importance.json']) as Record<string, unknown>)
      : null,
    prices,
    files: Object.keys(files),
  };
}
