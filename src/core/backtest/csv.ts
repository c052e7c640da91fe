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

const DAY_MS = 86_400_000;
/** the largest time value a Date holds (ECMA-262 TimeClip) */
const MAX_TIME = 8.64e15;
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** the UTC day of the last time formatted through Date: its first ms and its 'YYYY-MM-DDT' */
let dayStart = NaN;
let dayPrefix = '';

/**
 * `new Date(ms).toISOString()`, the same string for every input (a time outside a Date's range
 * throws the same RangeError). Times of the UTC day of the previous call (whole ms, as bar times
 * are) are formatted from that day's date part and the time of day, without a Date: an artifact
 * writes tens of thousands of times, most in the day of the one before.
 */
export function isoTime(ms: number): string {
  const d = ms - dayStart;
  if (d >= 0 && d < DAY_MS && Number.isInteger(ms) && ms <= MAX_TIME) {
    const h = Math.floor(d / 3_600_000);
    const m = Math.floor((d - h * 3_600_000) / 60_000);
    const rest = d - h * 3_600_000 - m * 60_000;
    const s = Math.floor(rest / 1000);
    return `${dayPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}Z`;
  }
  const iso = new Date(ms).toISOString();
  if (Number.isInteger(ms)) {
    dayStart = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
    dayPrefix = iso.slice(0, iso.indexOf('T') + 1);
  }
  return iso;
}

/**
 * Lines (without line ends) as one CSV text, CSV_EOL after each (`lines` gets an empty last
 * entry). Writers build each line with
 * join (a flat string) and join the lines once at the end: appending every line to one growing
 * string makes a tree of tens of thousands of pieces, which costs more in garbage collection
 * than the formatting itself.
 */
export function csvText(lines: string[]): string {
  lines.push(''); // the line end after the last line, in the same flat string
  return lines.join(CSV_EOL);
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
  const { time, equity, position, buyAndHold } = opts;
  const dd = drawdownSeries(equity, opts.initialEquity);
  const lines = [EQUITY_CURVE_COLUMNS.map(csvField).join(',')];
  for (let i = 0; i < time.length; i++)
    lines.push(
      [
        isoTime(time[i]),
        csvNumber(equity[i]),
        csvNumber(dd[i]),
        csvNumber(position[i]),
        buyAndHold ? csvNumber(buyAndHold[i]) : '',
      ].join(','),
    );
  return csvText(lines);
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
