/**
 * The run's CSV artifacts: equity_curve.csv and trades.csv. RFC 4180: comma-separated, CRLF line
 * ends (also after the last row), a field is quoted when it holds a comma, quote, CR or LF, with
 * quotes doubled. Numbers are written in JavaScript's shortest round-trip form (String(x): the
 * same double always gives the same text, and parsing it gives the double back), -0 as 0, and
 * a non-finite value as an empty field; times as ISO 8601 UTC (toISOString). Hand-written
 * rather than papaparse's unparse so that the exact bytes are pinned here.
 */
import { drawdownSeries } from './drawdown';
import type { Trade } from './types';

export const CSV_EOL = '\r\n';

export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  return x === 0 ? '0' : String(x);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function rows(header: readonly string[], body: string[][]): string {
  let s = header.map(csvField).join(',') + CSV_EOL;
  for (const r of body) s += r.join(',') + CSV_EOL;
  return s;
}

export const EQUITY_CURVE_COLUMNS = [
  'timestamp',
  'equity',
  'drawdown',
  'position',
  'buy_and_hold_equity',
] as const;

export interface EquityCurveCsvOptions {
  time: Float64Array;
  equity: Float64Array;
  /** equity before the first row: the drawdown's first peak */
  initialEquity: number;
  position: Float64Array;
  /** empty column when absent */
  buyAndHold?: Float64Array;
}

/** equity_curve.csv: drawdown = equity / running peak - 1 (a fraction, <= 0), as in drawdown.ts. */
export function equityCurveCsv(opts: EquityCurveCsvOptions): string {
  const dd = drawdownSeries(opts.equity, opts.initialEquity);
  const body: string[][] = [];
  for (let i = 0; i < opts.time.length; i++) {
    body.push([
      isoTime(opts.time[i]),
      csvNumber(opts.equity[i]),
      csvNumber(dd[i]),
      csvNumber(opts.position[i]),
      opts.buyAndHold ? csvNumber(opts.buyAndHold[i]) : '',
    ]);
  }
  return rows(EQUITY_CURVE_COLUMNS, body);
}

export const TRADES_COLUMNS = [
  'symbol',
  'side',
  'entry_time',
  'entry_price',
  'exit_time',
  'exit_price',
  'quantity',
  'fees',
  'slippage',
  'pnl',
  'return_pct',
  'bars_held',
  'fold',
] as const;

/** trades.csv, one row per trade in the given order; a trade still open has side suffixed ' (open)'. */
export function tradesCsv(trades: readonly Trade[]): string {
  return rows(
    TRADES_COLUMNS,
    trades.map((t) => [
      csvField(t.symbol),
      t.open ? `${t.side} (open)` : t.side,
      isoTime(t.entryTime),
      csvNumber(t.entryPrice),
      isoTime(t.exitTime),
      csvNumber(t.exitPrice),
      csvNumber(t.quantity),
      csvNumber(t.fees),
      csvNumber(t.slippage),
      csvNumber(t.pnl),
      csvNumber(t.returnPct),
      String(t.barsHeld),
      String(t.fold),
    ]),
  );
}
