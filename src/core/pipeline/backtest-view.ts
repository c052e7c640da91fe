/**
 * What the Backtest result screen and the Artifacts panel show. A fresh run's view is built
 * from the typed result (`resultView`); a stored or imported run's view is parsed from its
 * artifact files (`backtestView`: report.json, equity_curve.csv, trades.csv,
 * feature_importance.json, prices.csv, job.log), and the two are equal (tested). Runs saved
 * before prices.csv existed take their close prices from a loaded dataset that holds the symbols.
 */
import { thinPrices } from '../walkforward/assemble';
import { lowerBound } from '../walkforward/grid';
import Papa from 'papaparse';
import type { Bars } from '../data/bars';
import { JOB_LOG_FILE } from '../jobs/job-log';
import { buildReport, grossExposure } from '../walkforward/artifacts';
import { drawdownSeries } from '../backtest/drawdown';
import { parseWalkForwardReport, type WalkForwardReport } from '../walkforward/report-type';
import type { WalkForwardResult } from '../walkforward/types';

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
  report: WalkForwardReport;
  equity: {
    time: number[];
    equity: number[];
    drawdown: number[];
    position: number[];
    buy_and_hold: number[];
  };
  trades: TradeRow[];
  importance: { mean: Record<string, number> | null } | null;
  prices: Record<string, { time: number[]; close: number[] }>;
  files: string[];
  /** the job's log, when the run has one */
  log: string | null;
}

function parseCsv(text: string): Record<string, string>[] {
  const r = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  return r.data;
}

const num = (s: string | undefined) => (s === undefined || s === '' ? NaN : Number(s));

/** First index of `t` (increasing) at or after time x. */
const firstAtOrAfter = (t: Float64Array, x: number) => lowerBound((i) => t[i], 0, t.length, x);

const isoMs = (s: string | undefined) => (s ? Date.parse(s) : NaN);

/** The view of a stored run, parsed from its files. */
export function backtestView(options: {
  runId: string;
  files: Record<string, string>;
  barsOf?: (symbol: string) => Bars | undefined;
}): BacktestView {
  const { files } = options;
  const report = parseWalkForwardReport(files['report.json'] ?? '');
  const equity = {
    time: [] as number[],
    equity: [] as number[],
    drawdown: [] as number[],
    position: [] as number[],
    buy_and_hold: [] as number[],
  };
  for (const r of files['equity_curve.csv'] ? parseCsv(files['equity_curve.csv']) : []) {
    equity.time.push(isoMs(r.timestamp));
    equity.equity.push(num(r.equity));
    equity.drawdown.push(num(r.drawdown));
    equity.position.push(num(r.position));
    equity.buy_and_hold.push(num(r.buy_and_hold_equity));
  }
  const trades: TradeRow[] = (files['trades.csv'] ? parseCsv(files['trades.csv']) : []).map((r) => ({
    symbol: r.symbol,
    side: r.side,
    entry_time: isoMs(r.entry_time),
    entry_price: num(r.entry_price),
    exit_time: isoMs(r.exit_time),
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
  if (files['prices.csv']) {
    for (const r of parseCsv(files['prices.csv'])) {
      const p = (prices[r.symbol] ??= { time: [], close: [] });
      p.time.push(isoMs(r.timestamp));
      p.close.push(num(r.close));
    }
  } else if (options.barsOf && equity.time.length > 0) {
    const start = equity.time[0];
    const end = equity.time[equity.time.length - 1];
    const symbols = new Set([...trades.map((t) => t.symbol), ...report.config.symbols]);
    for (const s of symbols) {
      const b = options.barsOf(s);
      if (!b) continue;
      const p = thinPrices(b, firstAtOrAfter(b.time, start), firstAtOrAfter(b.time, end) + 1);
      prices[s] = { time: Array.from(p.time), close: Array.from(p.close) };
    }
  }
  const importance = files['feature_importance.json']
    ? (JSON.parse(files['feature_importance.json']) as { mean: Record<string, number> | null })
    : null;
  return {
    run_id: options.runId,
    report,
    equity,
    trades,
    importance: importance ? { mean: importance.mean ?? null } : null,
    prices,
    files: Object.keys(files),
    log: files[JOB_LOG_FILE] ?? null,
  };
}

const finiteOrNaN = (x: number) => (Number.isFinite(x) ? x : NaN);

/** The view of a fresh run, from its typed result (no parsing); equal to backtestView of its files. */
export function resultView(
  r: WalkForwardResult,
  options: { files: string[]; log?: string | null },
): BacktestView {
  const c = r.portfolio.curve;
  const dd = drawdownSeries(c.equity, c.initialCapital);
  const position = grossExposure(r);
  return {
    run_id: r.run_id,
    report: buildReport(r),
    equity: {
      time: Array.from(c.time),
      equity: Array.from(c.equity, finiteOrNaN),
      drawdown: Array.from(dd, finiteOrNaN),
      position: Array.from(position, finiteOrNaN),
      buy_and_hold: c.buyAndHold ? Array.from(c.buyAndHold, finiteOrNaN) : Array.from(c.time, () => NaN),
    },
    trades: c.trades.map((t) => ({
      symbol: t.symbol,
      side: t.open ? `${t.side} (open)` : t.side,
      entry_time: t.entryTime,
      entry_price: finiteOrNaN(t.entryPrice),
      exit_time: t.exitTime,
      exit_price: finiteOrNaN(t.exitPrice),
      quantity: finiteOrNaN(t.quantity),
      fees: finiteOrNaN(t.fees),
      slippage: finiteOrNaN(t.slippage),
      pnl: finiteOrNaN(t.pnl),
      return_pct: finiteOrNaN(t.returnPct),
      bars_held: t.barsHeld,
      fold: t.fold,
    })),
    importance: { mean: r.feature_importance.mean },
    prices: Object.fromEntries(
      r.per_symbol.map((p) => [
        p.symbol,
        { time: Array.from(p.prices.time), close: Array.from(p.prices.close) },
      ]),
    ),
    files: options.files,
    log: options.log ?? null,
  };
}
